// Fuzz targets shared by `npm run fuzz` (fuzz/run.ts, many inputs) and the default tests
// (test/fuzz-corpus/replay.test.ts, the saved crashes). Each throws on a broken invariant.
import fc from "fast-check";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixText } from "../src/cli/fix-run.js";
import { parseDockerfile } from "../src/dockerfile/parse.js";
import { loadShellParser } from "../src/dockerfile/shell.js";
import { lintText } from "../src/lint/lint.js";
import { InputError } from "../src/model/errors.js";
import { parseImageConfig } from "../src/sources/config.js";
import { sniffCompression } from "../src/tar/compression.js";
import { TarParser } from "../src/tar/tar-parser.js";

/** Invariant of every target: the input is read, or refused with a one-line InputError. */
export function acceptsOrRefuses(err: unknown): void {
  if (!(err instanceof InputError)) throw err;
  if (err.message.includes("\n")) throw new Error(`InputError of several lines: ${err.message}`);
}

const KEYWORDS = [
  "FROM",
  "RUN",
  "COPY",
  "ADD",
  "ENV",
  "ARG",
  "WORKDIR",
  "USER",
  "SHELL",
  "ONBUILD",
];
const PIECES = [
  "debian:bookworm AS b",
  "apt-get update",
  "apt-get install -y curl",
  "&&",
  "||",
  "|",
  ";",
  "\\\n",
  "\\",
  "# c\n",
  "\n",
  " ",
  "pip install x",
  "rm -rf /var/lib/apt/lists/*",
  "<<EOF\n",
  "EOF\n",
  "$(",
  ")",
  "${a:-",
  "}",
  "'",
  '"',
  "--from=b",
  '["a", "b"]',
  "x.tar.gz /",
  "\r\n",
  "--mount=type=cache,target=/root/.cache",
  "apk add git",
  "npm ci",
  "chown -R app /app",
  "`",
];

/** Dockerfile-ish text: keywords and shell pieces in random order, plus raw noise. */
export const dockerfileText = fc.oneof(
  fc
    .array(
      fc.tuple(
        fc.constantFrom(...KEYWORDS),
        fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }),
      ),
      { maxLength: 12 },
    )
    .map((lines) => lines.map(([k, p]) => `${k} ${p.join(" ")}`).join("\n")),
  fc.string({ maxLength: 200 }),
);

/** The Dockerfile parser and the linter: parse or InputError. */
export async function lintTarget(text: string): Promise<void> {
  await lintText(text).catch(acceptsOrRefuses);
}

/** The fix loop: its output re-parses with no more problems, and fixing it again changes nothing. */
export async function fixTarget(text: string): Promise<void> {
  const shell = await loadShellParser();
  let once: string;
  try {
    parseDockerfile(text, shell);
    once = (await fixText(text, { unsafe: true })).output;
  } catch (err) {
    return acceptsOrRefuses(err);
  }
  parseDockerfile(once, shell);
  const twice = (await fixText(once, { unsafe: true })).output;
  if (twice !== once) throw new Error(`fixing twice differs from once:\n${once}\n---\n${twice}`);
}

/** The tar parser on arbitrary bytes, and the compression sniffer on their head. */
export function tarTarget(bytes: Uint8Array): void {
  const buf = Buffer.from(bytes);
  sniffCompression(buf.subarray(0, 16));
  const parser = new TarParser({
    entry: () => undefined,
    data: () => undefined,
    end: () => undefined,
  });
  try {
    parser.write(buf);
    parser.finish();
  } catch (err) {
    acceptsOrRefuses(err);
  }
}

/** Image config parsing on arbitrary JSON-ish text. */
export function configTarget(text: string): void {
  try {
    parseImageConfig(Buffer.from(text), "config");
  } catch (err) {
    acceptsOrRefuses(err);
  }
}

/** A tar header block with random fields, so the parser gets past the checksum. */
export const tarBytes = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  fc
    .record({
      name: fc.string({ maxLength: 100 }),
      size: fc.oneof(fc.nat(4096), fc.constantFrom(2 ** 33, -1)),
      type: fc.constantFrom("0", "5", "x", "g", "L", "K", "S", "2", "1", "\0"),
      body: fc.uint8Array({ maxLength: 1024 }),
    })
    .map(({ name, size, type, body }) => {
      const h = Buffer.alloc(512);
      h.write(name, 0, 100, "latin1");
      h.write("0000644\0", 100);
      h.write(`${Math.abs(size).toString(8).padStart(11, "0").slice(-11)}\0`, 124);
      h.write(type, 156, 1, "latin1");
      h.write("ustar\u000000", 257, "latin1");
      h.fill(" ", 148, 156);
      let sum = 0;
      for (const b of h) sum += b;
      h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "latin1");
      return new Uint8Array(Buffer.concat([h, Buffer.from(body)]));
    }),
);

export const configText = fc.oneof(
  fc.json(),
  fc.string({ maxLength: 100 }),
  fc.constantFrom(
    '{"rootfs":null}',
    '{"history":[{"created_by":3}]}',
    '{"config":{"Env":"x"}}',
    "null",
    "[]",
  ),
);

/**
 * An OCI layout whose index.json and manifest are the input (the manifest is stored under its
 * real digest, so parsing gets past the digest check), opened through openImage: the image
 * opens, or the layout is refused with one line.
 */
export async function layoutTarget(input: { index: string; manifest: string }): Promise<void> {
  const { mkdirSync, writeFileSync } = await import("node:fs");
  // Each input stands alone: what the last one wrote is gone.
  rmSync(join(layoutDir(), "blobs"), { recursive: true, force: true });
  const { createHash } = await import("node:crypto");
  const { openImage } = await import("../src/sources/index.js");
  const dir = layoutDir();
  const manifest = Buffer.from(input.manifest);
  const hex = createHash("sha256").update(manifest).digest("hex");
  mkdirSync(`${dir}/blobs/sha256`, { recursive: true });
  writeFileSync(`${dir}/blobs/sha256/${hex}`, manifest);
  writeFileSync(`${dir}/oci-layout`, '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(
    `${dir}/index.json`,
    input.index.replaceAll("$DIGEST", `sha256:${hex}`).replaceAll("$SIZE", String(manifest.length)),
  );
  try {
    await (await openImage(`oci:${dir}`)).close();
  } catch (err) {
    acceptsOrRefuses(err);
  }
}

let scratch: string | undefined;
/** One temp layout reused by every input (removed at exit). */
function layoutDir(): string {
  if (!scratch) {
    const dir = mkdtempSync(join(tmpdir(), "ballast-fuzz-layout-"));
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    scratch = dir;
  }
  return scratch;
}

const descriptor = fc.record(
  {
    mediaType: fc.constantFrom(
      "application/vnd.oci.image.manifest.v1+json",
      "application/vnd.oci.image.index.v1+json",
      "application/vnd.docker.distribution.manifest.v2+json",
      "text/plain",
    ),
    digest: fc.oneof(fc.constant("$DIGEST"), fc.string({ maxLength: 80 })),
    size: fc.oneof(fc.constant("$SIZE"), fc.integer(), fc.string()),
    platform: fc.option(
      fc.record({ os: fc.string({ maxLength: 8 }), architecture: fc.string({ maxLength: 8 }) }),
    ),
    annotations: fc.option(fc.dictionary(fc.string({ maxLength: 30 }), fc.json())),
  },
  { requiredKeys: [] },
);

/** index.json and manifest texts: JSON of the right shape with wrong parts, or anything. */
export const layoutText = fc.record({
  index: fc.oneof(
    fc.json(),
    fc
      .array(descriptor, { maxLength: 3 })
      .map((manifests) =>
        JSON.stringify({ schemaVersion: 2, manifests }).replace(/"\$SIZE"/g, "$SIZE"),
      ),
  ),
  manifest: fc.oneof(
    fc.json(),
    fc
      .record(
        {
          schemaVersion: fc.oneof(fc.constant(2), fc.json()),
          mediaType: fc.string({ maxLength: 60 }),
          config: fc.oneof(descriptor, fc.json()),
          layers: fc.oneof(fc.array(descriptor, { maxLength: 3 }), fc.json()),
          manifests: fc.option(fc.array(descriptor, { maxLength: 2 })),
        },
        { requiredKeys: [] },
      )
      .map((m) => JSON.stringify(m)),
  ),
});
