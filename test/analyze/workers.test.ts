import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { openImage } from "../../src/sources/index.js";
import { analyzeImage } from "../../src/analysis/analyze.js";
import { scanImage } from "../../src/analysis/scan.js";
import { CAPTURED } from "../../src/analysis/findings/index.js";
import { LayerWorkers } from "../../src/analysis/worker-pool.js";
import type { Image, ImageLayer } from "../../src/model/image.js";
import { layerTar, sha256, writeOciLayout } from "../helpers/build-image.js";

const tmp = mkdtempSync(join(tmpdir(), "ballast-workers-"));
/** Damages the biggest blob of an OCI layout (a layer's) in its middle byte. */
function flipByteOfBiggestBlob(layout: string): void {
  const blobs = join(layout, "blobs/sha256");
  const blob = readdirSync(blobs)
    .map((f) => join(blobs, f))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0];
  const data = readFileSync(blob);
  data[Math.floor(data.length / 2)] ^= 0xff;
  writeFileSync(blob, data);
}

/** The image with its layers' files hidden, so that each is opened here and streamed to a worker. */
const streamed = (image: Image): Image => ({
  ...image,
  layers: image.layers.map(({ file: _file, ...layer }) => layer),
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("reading layers in worker threads", () => {
  it("gives exactly the in-process result, captured contents included", async () => {
    const capture = { patterns: CAPTURED, paths: [] };
    const inProcess = await analyzeImage(await openImage("examples/bloated-app.tar"), {
      workers: false,
      capture,
    });
    const threaded = await analyzeImage(await openImage("examples/bloated-app.tar"), {
      workers: true,
      capture,
    });
    expect(threaded).toEqual(inProcess);
    // Captured contents crossed the thread boundary, as Buffers.
    const scan = await scanImage(await openImage("examples/bloated-app.tar"), {
      workers: true,
      capture,
    });
    const status = scan.layers
      .flatMap((l) => l.entries)
      .filter((e) => e.path === "var/lib/dpkg/status");
    expect(status.length).toBeGreaterThan(0);
    expect(Buffer.isBuffer(status[0].content)).toBe(true);
    expect(status[0].content!.toString()).toMatch(/^Package: /m);
  });

  it("reports a layer's diff ID mismatch from the worker as the same one-line error", async () => {
    const tar = await layerTar([{ name: "a", content: "x" }]);
    const layout = writeOciLayout(join(tmp, "bad"), [
      { layers: [tar, tar], diffIds: [sha256(tar), sha256("other")] },
    ]);
    await expect(analyzeImage(await openImage(`oci:${layout}`), { workers: true })).rejects.toThrow(
      /reading layer 1 .*does not match its diff ID/,
    );
  });
});

describe("workers reading file-backed layers themselves", () => {
  const files = async (n: number) =>
    layerTar(
      Array.from({ length: n }, (_, i) => ({
        name: `d${i % 7}/f${i}`,
        content: "ab".repeat(i * 37),
      })),
    );

  const cases = (["gzip", "zstd", "none"] as const).flatMap((how) =>
    (["read from its file", "streamed from this thread"] as const).map(
      (route) => [how, route] as const,
    ),
  );
  it.each(cases)("a %s layout %s gives the in-process result", async (how, route) => {
    const layout = writeOciLayout(
      join(tmp, `same-${how}`),
      [{ layers: [await files(300), await files(120)] }],
      how,
    );
    const image = await openImage(`oci:${layout}`);
    const one = await analyzeImage(await openImage(`oci:${layout}`), { workers: false });
    const two = await analyzeImage(route === "read from its file" ? image : streamed(image), {
      workers: true,
    });
    expect(two).toEqual(one);
    expect(one.size.files).toBe(300);
  });

  it.each(["zstd", "none"] as const)(
    "a %s blob altered on disk is reported by its digest",
    async (how) => {
      const tar = await files(50);
      const layout = writeOciLayout(join(tmp, `flip-${how}`), [{ layers: [tar] }], how);
      flipByteOfBiggestBlob(layout);
      await expect(
        analyzeImage(await openImage(`oci:${layout}`), { workers: true }),
      ).rejects.toThrow(/reading layer 0 .*does not match its digest/);
    },
  );

  it("a blob shorter than its descriptor says", async () => {
    const tar = await files(50);
    const layout = writeOciLayout(join(tmp, "short"), [{ layers: [tar] }], "none");
    const blob = join(layout, "blobs/sha256", sha256(tar).slice(7));
    writeFileSync(blob, readFileSync(blob).subarray(0, 5000));
    await expect(openImage(`oci:${layout}`)).rejects.toThrow(
      new RegExp(`is 5000 bytes, its descriptor says ${tar.length}`),
    );
  });
});

describe("gzip decoded synchronously in workers", () => {
  it("a corrupt gzip stream (digest right) fails with zlib's message, as in process", async () => {
    const tar = await layerTar([{ name: "a", content: "x".repeat(5000) }]);
    const bad = Buffer.concat([
      Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]),
      Buffer.from("definitely not deflate data"),
    ]);
    const layout = writeOciLayout(join(tmp, "badgz"), [{ layers: [tar], blobs: [bad] }]);
    for (const workers of [false, true])
      await expect(analyzeImage(await openImage(`oci:${layout}`), { workers })).rejects.toThrow(
        /reading layer 0 \(sha256:[a-f0-9]{12}\): .*(invalid|incorrect|unexpected)/i,
      );
  });

  it("dive's eStargz image (multi-member gzip, TOC dropped) reads the same in a worker", async () => {
    const ref = "test/fixtures/dive/test-oci-estargz-image.tar";
    const one = await analyzeImage(await openImage(ref), { workers: false });
    const two = await analyzeImage(await openImage(ref), { workers: true });
    expect(two).toEqual(one);
    expect(two.layers[0]).toMatchObject({ compression: "gzip", estargz: true });
    expect(two.size.uncompressed).toBe(11189);
  });
});

describe("workers fed by this thread (layers with no local file, as from a registry)", () => {
  const files = (n: number) =>
    layerTar(
      Array.from({ length: n }, (_, i) => ({ name: `f${i}`, content: "q".repeat(i * 999) })),
    );

  it("a blob altered on disk is reported by its digest (checked on this thread)", async () => {
    const layout = writeOciLayout(join(tmp, "streamed-flip"), [{ layers: [await files(80)] }]);
    flipByteOfBiggestBlob(layout);
    await expect(
      analyzeImage(streamed(await openImage(`oci:${layout}`)), { workers: true }),
    ).rejects.toThrow(/reading layer 0 .*does not match its digest/);
  });

  it("a lane queues its next layer on the worker once a blob is handed over, and reads both right", async () => {
    const layout = writeOciLayout(join(tmp, "streamed-queue"), [
      { layers: [await files(150), await files(60)] },
    ]);
    const image = streamed(await openImage(`oci:${layout}`));
    const inProcess = await scanImage(image, { workers: false });
    const pool = new LayerWorkers();
    const read = pool.lane();
    try {
      const first = read(image.layers[0]);
      await first.handedOver;
      const second = read(image.layers[1]);
      expect(await Promise.all([first.result, second.result])).toEqual(inProcess.layers);
    } finally {
      pool.close();
    }
  });

  it("a queued layer whose stream fails while it waits its turn fails alone, without crashing", async () => {
    const layout = writeOciLayout(join(tmp, "streamed-wait"), [{ layers: [await files(150)] }]);
    const image = streamed(await openImage(`oci:${layout}`));
    const failing: ImageLayer = {
      ...image.layers[0],
      open: async () => {
        const stream = new Readable({ read() {} });
        setImmediate(() => stream.destroy(new Error("reset while queued")));
        return stream;
      },
    };
    const pool = new LayerWorkers();
    const read = pool.lane();
    try {
      const first = read(image.layers[0]);
      const second = read(failing);
      await expect(second.result).rejects.toThrow("reset while queued");
      expect((await first.result).entries.length).toBe(150);
    } finally {
      pool.close();
    }
  });

  it("a worker whose stream broke mid-layer reads the next layer right (late acks ignored)", async () => {
    const layout = writeOciLayout(join(tmp, "streamed-reuse"), [{ layers: [await files(300)] }]);
    const image = streamed(await openImage(`oci:${layout}`));
    const layer = image.layers[0];
    // A stream that fails after 3 MiB of 64 KiB chunks: by then batches are in flight.
    const broken: ImageLayer = {
      ...layer,
      open: async () =>
        Readable.from(
          (function* () {
            for (let i = 0; i < 48; i++) yield Buffer.alloc(65536, 1);
            throw new Error("connection reset by test");
          })(),
        ),
    };
    const pool = new LayerWorkers();
    const read = pool.lane();
    try {
      await expect(read(broken).result).rejects.toThrow("connection reset by test");
      const again = await read(layer).result;
      const inProcess = await scanImage(image, { workers: false });
      expect(again).toEqual(inProcess.layers[0]);
    } finally {
      pool.close();
    }
  });
});
