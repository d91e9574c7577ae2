import { describe, expect, it } from "vitest";
import { findBaseBoundary } from "../../src/analysis/findings/base-layers.js";
import type { HistoryEntry, ImageConfig } from "../../src/model/image.js";

const cfg = (history: HistoryEntry[]): ImageConfig => ({
  architecture: "amd64",
  os: "linux",
  rootfs: { type: "layers", diff_ids: [] },
  history,
});
const layers = (h: HistoryEntry[]) => h.filter((e) => !e.empty_layer).length;
const b = (h: HistoryEntry[], override?: number) => findBaseBoundary(cfg(h), layers(h), override);

describe("findBaseBoundary", () => {
  it("buildah: the first entry noting FROM <name> starts the user's layers", () => {
    const h = [
      { created_by: "debootstrap --variant=minbase bookworm" },
      {
        created_by: "/bin/sh -c apt-get update",
        comment: "FROM localhost/debian:bookworm-minbase",
      },
      { created_by: "/bin/sh -c apt-get install -y python3", comment: "FROM 0542144df7af" },
    ];
    expect(b(h)).toEqual({ layers: 1, source: "buildah", history: 1 });
  });
  it("buildah FROM scratch has no base", () => {
    expect(
      b([
        { created_by: "/bin/sh -c #(nop) COPY dir:x in / " },
        { created_by: "/bin/sh -c #(nop) COPY file:y in /y ", comment: "FROM 6aaa507afbb9" },
      ]),
    ).toEqual({ layers: 0, source: "none", history: 0 });
  });
  it("BuildKit on top of a base another tool built", () => {
    const h = [
      { created_by: "debootstrap" },
      { created_by: "RUN /bin/sh -c apt-get update # buildkit", comment: "buildkit.dockerfile.v0" },
    ];
    expect(b(h)).toEqual({ layers: 1, source: "buildkit", history: 1 });
  });
  it("official images: the base Dockerfile ends in CMD", () => {
    const h: HistoryEntry[] = [
      { created_by: "/bin/sh -c #(nop) ADD file:abc in / ", comment: "buildkit.dockerfile.v0" },
      { created_by: 'CMD ["bash"]', empty_layer: true, comment: "buildkit.dockerfile.v0" },
      {
        created_by: "ENV PYTHON_VERSION=3.12.4",
        empty_layer: true,
        comment: "buildkit.dockerfile.v0",
      },
      {
        created_by: "RUN /bin/sh -c set -eux; build python # buildkit",
        comment: "buildkit.dockerfile.v0",
      },
      { created_by: 'CMD ["python3"]', empty_layer: true, comment: "buildkit.dockerfile.v0" },
      { created_by: "COPY app.py /app/ # buildkit", comment: "buildkit.dockerfile.v0" },
      {
        created_by: 'CMD ["python3", "/app/app.py"]',
        empty_layer: true,
        comment: "buildkit.dockerfile.v0",
      },
    ];
    expect(b(h)).toEqual({ layers: 2, source: "base-cmd", history: 5 });
  });
  it("classic builder on a rootfs another tool made", () => {
    expect(
      b([
        { created_by: "debootstrap --variant=minbase bookworm" },
        { created_by: "/bin/sh -c apt-get update" },
      ]),
    ).toEqual({ layers: 1, source: "foreign-tool", history: 1 });
  });
  it("a day's gap in created times", () => {
    const h = [
      { created_by: "/bin/sh -c #(nop) ADD file:a in / ", created: "2024-01-01T00:00:00Z" },
      { created_by: "/bin/sh -c echo a", created: "2024-01-01T00:01:00Z" },
      { created_by: "/bin/sh -c echo b", created: "2024-03-01T00:00:00Z" },
    ];
    expect(b(h)).toEqual({ layers: 2, source: "created-gap", history: 2 });
  });
  it("--base-layers wins and is clamped to the layer count", () => {
    expect(b([{ created_by: "debootstrap" }, { created_by: "/bin/sh -c x" }], 0)).toEqual({
      layers: 0,
      source: "flag",
      history: 0,
    });
    expect(b([{ created_by: "debootstrap" }, { created_by: "/bin/sh -c x" }], 9)).toEqual({
      layers: 2,
      source: "flag",
      history: 2,
    });
  });
  it("no history: no base", () => {
    expect(b([])).toEqual({ layers: 0, source: "none", history: 0 });
  });
});
