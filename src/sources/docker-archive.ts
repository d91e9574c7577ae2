import type { Image, ImageLayer } from "../model/image.js";
import { InputError } from "../model/errors.js";
import type { FileBundle } from "./bundle.js";
import { checkLayerCount, parseImageConfig } from "./config.js";
import { bundleLayer, digestFromName } from "./layer-blob.js";
import { sniffCompression, MEDIA_TYPES } from "../tar/compression.js";
import { checkShape, parseJsonBytes } from "./json-shape.js";
import { saveManifestShape } from "./image-shapes.js";
import { sha256, shortDigest } from "./verify.js";

/** One entry of a `docker save` manifest.json. */
interface SaveManifestEntry {
  Config: string;
  RepoTags?: string[] | null;
  Layers: string[];
}

/**
 * Opens `docker save` output: legacy (`<id>/layer.tar`), Docker 25+ OCI-style
 * (`blobs/sha256/…`), podman (symlinked layers) and kaniko (`<digest>.tar.gz` layers).
 * `ref` picks one image of a multi-image archive by tag, or `@N` by position.
 */
export async function openDockerArchive(
  bundle: FileBundle,
  reference: string,
  ref?: string,
): Promise<Image> {
  const where = bundle.location;
  const manifest = await readSaveManifest(bundle);
  const entry = pickEntry(manifest, ref, where);
  const configData = await bundle.read(entry.Config);
  const config = parseImageConfig(configData, where);
  const warnings = checkConfigName(configData, entry.Config, where);
  checkLayerCount(entry.Layers.length, config, where);
  const layers: ImageLayer[] = [];
  for (const [i, name] of entry.Layers.entries()) {
    const size = await bundle.size(name);
    const compression = sniffCompression(await firstBytes(bundle, name));
    const named = digestFromName(name);
    // An uncompressed layer's blob digest is its diff ID, which the scan verifies anyway.
    const digest =
      named ?? (compression === "none" ? config.rootfs.diff_ids[i] : await hashFile(bundle, name));
    layers.push(
      bundleLayer(bundle, name, {
        digest,
        diffId: config.rootfs.diff_ids[i],
        mediaType: MEDIA_TYPES.docker[compression],
        size,
        verify: named !== undefined,
      }),
    );
  }
  return {
    reference,
    transport: "docker-archive",
    manifestMediaType: "application/vnd.docker.image.manifest.v1+json (docker save)",
    configDigest: sha256(configData),
    config,
    layers,
    warnings,
    close: async () => bundle.dispose?.(),
  };
}

/** manifest.json, checked; pre-1.10 saves (a `repositories` file only) are named. */
async function readSaveManifest(bundle: FileBundle): Promise<SaveManifestEntry[]> {
  const where = bundle.location;
  if (!(await bundle.has("manifest.json"))) {
    if (await bundle.has("repositories"))
      throw new InputError(
        `${where}: a docker save from before Docker 1.10 (a repositories file, no manifest.json), which ballast does not read; save it again with a newer Docker, or convert it with skopeo copy`,
      );
    throw new InputError(`${where}: not a docker save archive (no manifest.json)`);
  }
  const what = `${where}: manifest.json`;
  const value = parseJsonBytes(await bundle.read("manifest.json"), what);
  if (value === null) throw new InputError(`${what} is null, not a list of images`);
  const manifest = checkShape<SaveManifestEntry[]>(value, saveManifestShape, what);
  if (manifest.length === 0) throw new InputError(`${where}: manifest.json lists no images`);
  return manifest;
}

/**
 * A config named by its digest should hash to it; legacy saves name it `<image ID>.json`,
 * the same digest. Docker and skopeo accept a legacy one whose name is not its hash: a
 * warning, then. A `blobs/sha256/…` name is a content address, and a mismatch is refused.
 */
function checkConfigName(data: Buffer, name: string, where: string): string[] {
  const named = digestFromName(name);
  if (!named) return [];
  const actual = sha256(data);
  if (named === actual) return [];
  const message = `config ${name} does not hash to its name (it hashes to ${shortDigest(actual)})`;
  // A blob store path is a content address: there a mismatch is corruption.
  if (name.includes("blobs/")) throw new InputError(`${where}: ${message}`);
  return [`${where}: ${message}; read anyway, as docker load does`];
}

function pickEntry(
  manifest: SaveManifestEntry[],
  ref: string | undefined,
  where: string,
): SaveManifestEntry {
  const tags = manifest.map((m, i) => (m.RepoTags?.length ? m.RepoTags.join(", ") : `@${i}`));
  if (!ref) {
    if (manifest.length === 1) return manifest[0];
    throw new InputError(
      `${where}: archive holds ${manifest.length} images; pick one with :REF (${tags.join("; ")})`,
    );
  }
  if (/^@\d+$/.test(ref)) {
    const found = manifest[Number(ref.slice(1))];
    if (found) return found;
  }
  const wanted = normalizeTag(ref);
  const found = manifest.find((m) => (m.RepoTags ?? []).some((t) => normalizeTag(t) === wanted));
  if (!found)
    throw new InputError(`${where}: no image tagged "${ref}" in the archive (${tags.join("; ")})`);
  return found;
}

/** `alpine` ≡ `docker.io/library/alpine:latest`, as the Docker CLI reads names. */
function normalizeTag(name: string): string {
  let n =
    name.includes(":") && !name.slice(name.lastIndexOf(":")).includes("/")
      ? name
      : `${name}:latest`;
  if (!/^[^/]+[.:][^/]*\/|^localhost\//.test(n))
    n = `docker.io/${n.includes("/") ? "" : "library/"}${n}`;
  return n;
}

async function firstBytes(bundle: FileBundle, name: string): Promise<Buffer> {
  const stream = bundle.open(name);
  for await (const chunk of stream) {
    stream.destroy();
    return chunk as Buffer;
  }
  return Buffer.alloc(0);
}

async function hashFile(bundle: FileBundle, name: string): Promise<string> {
  const { createHash } = await import("node:crypto");
  const hash = createHash("sha256");
  for await (const chunk of bundle.open(name)) hash.update(chunk as Buffer);
  return `sha256:${hash.digest("hex")}`;
}
