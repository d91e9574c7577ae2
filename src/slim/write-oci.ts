import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { InputError } from "../model/errors.js";
import {
  blobPath,
  ociManifest,
  sha256Of,
  OCI_MANIFEST,
  type OutputBlob,
  type OutputImage,
} from "./output-image.js";
import { Readable } from "node:stream";

/**
 * Writes an OCI image layout directory. A new directory is built beside DIR and renamed
 * into place; into an existing layout, blobs are added (each written to a temporary name
 * and renamed) and `index.json` is replaced last, so the image appears all at once.
 */
export async function writeOciLayout(image: OutputImage, dir: string, tag?: string): Promise<void> {
  const existing = await stat(dir).catch(() => null);
  if (existing && !existing.isDirectory())
    throw new InputError(`oci:${dir}: exists and is not a directory`);
  const isLayout = existing
    ? await stat(join(dir, "oci-layout")).then(
        () => true,
        () => false,
      )
    : false;
  if (existing && !isLayout && (await readdir(dir)).length > 0)
    throw new InputError(`oci:${dir}: a directory that is not an OCI layout`);
  const root = existing ? dir : await mkdtemp(join(dirname(dir), `.${basename(dir)}.ballast-`));
  try {
    const manifest = ociManifest(image);
    for (const blob of [...image.layers, buffered(image.config), buffered(manifest)])
      await putBlob(root, blob);
    await writeFile(join(root, "oci-layout"), JSON.stringify({ imageLayoutVersion: "1.0.0" }));
    await replaceIndex(root, { digest: sha256Of(manifest), size: manifest.length }, tag);
    if (!existing) await rename(root, dir);
  } catch (err) {
    if (!existing) await rm(root, { recursive: true, force: true });
    throw err;
  }
}

async function putBlob(root: string, blob: OutputBlob): Promise<void> {
  const path = join(root, blobPath(blob.digest));
  if (
    await stat(path).then(
      (s) => s.size === blob.size,
      () => false,
    )
  )
    return;
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  await pipeline(await blob.open(), createWriteStream(tmp, { mode: 0o644 }));
  await rename(tmp, path);
}

/** Adds the manifest to index.json; a tag given moves from any manifest that had it. */
async function replaceIndex(
  root: string,
  m: { digest: string; size: number },
  tag?: string,
): Promise<void> {
  const path = join(root, "index.json");
  const index = await readFile(path, "utf8").then(
    (t) => JSON.parse(t) as { schemaVersion: number; manifests: Record<string, unknown>[] },
    () => ({ schemaVersion: 2, manifests: [] as Record<string, unknown>[] }),
  );
  const REF = "org.opencontainers.image.ref.name";
  const manifests = (index.manifests ?? []).filter((d) => {
    const ref = (d.annotations as Record<string, string> | undefined)?.[REF];
    return d.digest !== m.digest && !(tag && ref === tag);
  });
  manifests.push({
    mediaType: OCI_MANIFEST,
    digest: m.digest,
    size: m.size,
    ...(tag ? { annotations: { [REF]: tag } } : {}),
  });
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, JSON.stringify({ ...index, schemaVersion: 2, manifests }));
  await rename(tmp, path);
}

function buffered(bytes: Buffer): OutputBlob {
  return { digest: sha256Of(bytes), size: bytes.length, open: async () => Readable.from([bytes]) };
}
