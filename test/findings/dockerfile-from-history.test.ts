import { describe, expect, it } from "vitest";
import {
  dockerfileFromHistory,
  historyFindings,
  toInstruction,
} from "../../src/analysis/dockerfile-from-history.js";
import { instructionOf } from "../../src/analysis/history.js";
import { lintText } from "../../src/lint/lint.js";
import type { HistoryEntry, ImageConfig } from "../../src/model/image.js";

const config = (history: HistoryEntry[], labels?: Record<string, string>): ImageConfig => ({
  architecture: "amd64",
  os: "linux",
  config: { Labels: labels ?? null },
  rootfs: {
    type: "layers",
    diff_ids: history.filter((h) => !h.empty_layer).map((_, i) => `sha256:${i}`),
  },
  history,
});

describe("toInstruction", () => {
  it.each([
    ["/bin/sh -c apt-get update", "RUN apt-get update"],
    ["/bin/sh -c #(nop) COPY file:38ae1e in /app/app.py ", "COPY file:38ae1e /app/app.py"],
    ["/bin/sh -c #(nop) ADD dir:abc in / ", "ADD dir:abc /"],
    ['/bin/sh -c #(nop)  CMD ["python3" "/app/app.py"]', 'CMD ["python3", "/app/app.py"]'],
    ['CMD ["python3" "/app/app.pyz"]', 'CMD ["python3", "/app/app.pyz"]'],
    ['/bin/sh -c #(nop) CMD ["python3", "/app/app.py"]', 'CMD ["python3", "/app/app.py"]'],
    [
      "RUN /bin/sh -c apt-get update && rm -rf /var/lib/apt/lists/* # buildkit",
      "RUN apt-get update && rm -rf /var/lib/apt/lists/*",
    ],
    ["RUN |2 A=1 B=2 /bin/sh -c make # buildkit", "RUN make"],
    ["|1 VERSION=3 /bin/sh -c make", "RUN make"],
    ["/bin/bash -o pipefail -c curl -fsSL x | tar -xz", "RUN curl -fsSL x | tar -xz"],
    ["EXPOSE map[8080/tcp:{} 9090/tcp:{}]", "EXPOSE 8080/tcp 9090/tcp"],
    ["COPY /out/app.pyz /app/app.pyz # buildkit", "COPY /out/app.pyz /app/app.pyz"],
    ["WORKDIR /app", "WORKDIR /app"],
    ["/bin/sh -c #(nop) WORKDIR /app", "WORKDIR /app"],
    ["RUN apt-get install -y curl", "RUN apt-get install -y curl"],
    ["/bin/sh -c echo a\necho b", "RUN echo a \\\necho b"],
  ])("%j → %j", (createdBy, expected) => {
    expect(toInstruction(createdBy)).toBe(expected);
  });
  it.each([
    "debootstrap --variant=minbase bookworm",
    "apko",
    "",
    'HEALTHCHECK &{["CMD-SHELL" "curl -f localhost"] "30s" "5s" "0s" \'\\x03\'}',
  ])("%j is not an instruction", (createdBy) => {
    expect(toInstruction(createdBy)).toBeUndefined();
  });
  it("keeps instructionOf's behaviour for existing callers", () => {
    expect(instructionOf('/bin/sh -c #(nop)  CMD ["bash"]')).toBe('CMD ["bash"]');
    expect(instructionOf("RUN /bin/sh -c x # buildkit")).toBe("RUN x");
  });
});

const bloated: HistoryEntry[] = [
  { created_by: "debootstrap --variant=minbase bookworm" },
  { created_by: "/bin/sh -c apt-get update", comment: "FROM localhost/debian:bookworm-minbase" },
  { created_by: "/bin/sh -c apt-get install -y python3", comment: "FROM 0542144df7af" },
  { created_by: "/bin/sh -c #(nop) COPY file:38ae in /app/app.py ", comment: "FROM 46aa9d72cd72" },
  { created_by: "/bin/sh -c #(nop) WORKDIR /app", empty_layer: true },
  { created_by: '/bin/sh -c #(nop) CMD ["python3", "/app/app.py"]', empty_layer: true },
];

describe("dockerfileFromHistory", () => {
  it("summarises the base as FROM and maps each user step to its layer", () => {
    const rec = dockerfileFromHistory(config(bloated), { reference: "x" });
    const lines = rec.text.split("\n");
    expect(lines.filter((l) => !l.startsWith("#") && l)).toEqual([
      "FROM localhost/debian:bookworm-minbase",
      "RUN apt-get update",
      "RUN apt-get install -y python3",
      "COPY file:38ae /app/app.py",
      "WORKDIR /app",
      'CMD ["python3", "/app/app.py"]',
    ]);
    expect(rec.text).toContain("#   debootstrap --variant=minbase bookworm");
    expect(rec.steps.map((s) => [lines[s.line - 1], s.layer])).toEqual([
      ["RUN apt-get update", 1],
      ["RUN apt-get install -y python3", 2],
      ["COPY file:38ae /app/app.py", 3],
      ["WORKDIR /app", undefined],
      ['CMD ["python3", "/app/app.py"]', undefined],
    ]);
  });
  it("keeps the base's trailing CMD with the base, and honours --base-layers", () => {
    const h = [
      { created_by: "/bin/sh -c #(nop) ADD file:a in / " },
      { created_by: '/bin/sh -c #(nop)  CMD ["bash"]', empty_layer: true },
      { created_by: "/bin/sh -c apt-get update" },
    ];
    const rec = dockerfileFromHistory(
      config(h, { "org.opencontainers.image.base.name": "debian:12" }),
    );
    expect(rec.text).toContain("FROM debian:12\n# history 2, layer 1\nRUN apt-get update\n");
    expect(rec.text).not.toMatch(/^CMD/m);
    const all = dockerfileFromHistory(config(h), { baseLayers: 0 });
    expect(all.text).toContain("FROM scratch\n# history 0, layer 0\nADD file:a /\n");
  });
  it("keeps the user's ENV right after FROM with the user's steps", () => {
    const h: HistoryEntry[] = [
      { created_by: "ADD file:a in / # buildkit", comment: "buildkit.dockerfile.v0" },
      { created_by: 'CMD ["python3"]', empty_layer: true, comment: "buildkit.dockerfile.v0" },
      { created_by: "ENV APP_HOME=/app", empty_layer: true, comment: "buildkit.dockerfile.v0" },
      {
        created_by: "RUN /bin/sh -c pip install flask # buildkit",
        comment: "buildkit.dockerfile.v0",
      },
    ];
    const rec = dockerfileFromHistory(config(h));
    expect(rec.base).toMatchObject({ layers: 1, source: "base-cmd" });
    expect(rec.text).toContain(
      "FROM base-image\n# history 2\nENV APP_HOME=/app\n# history 3, layer 1\nRUN pip install flask\n",
    );
  });
  it("handles an image without history", () => {
    expect(dockerfileFromHistory(config([])).text).toContain(
      "# The image config has no history.\nFROM scratch\n",
    );
  });
});

describe("history lint", () => {
  it("reports the Dockerfile rules against the layer that ran the step", async () => {
    const rec = dockerfileFromHistory(config(bloated));
    const found = historyFindings(rec, await lintText(rec.text, { file: "history" }));
    const lists = found.find((f) => f.rule === "apt-lists-not-removed");
    expect(lists).toMatchObject({
      layer: 1,
      origin: "user",
      createdBy: "/bin/sh -c apt-get update",
      severity: "warning",
    });
    expect(found.find((f) => f.rule === "apt-no-install-recommends")).toMatchObject({ layer: 2 });
    // "after the RUN on line 7" is about the reconstruction; the message names the layer instead.
    expect(found.find((f) => f.rule === "consecutive-run")?.message).toMatch(
      /^RUN directly after the RUN in layer 1;/,
    );
    // Rules about stages, base images and the build context cannot be judged from history.
    expect(found.map((f) => f.rule)).not.toContain("no-multi-stage");
    expect(found.map((f) => f.rule)).not.toContain("runs-as-root");
  });
});
