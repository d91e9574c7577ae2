import type { Descriptor, Image, ImageLayer, Platform } from "../model/image.js";
import { InputError } from "../model/errors.js";
import type { FileBundle } from "./bundle.js";
import { checkLayerCount, parseImageConfig } from "./config.js";
import { bundleLayer } from "./layer-blob.js";
import { selectPlatform } from "./platform.js";
import { checkBufferDigest, parseDigest, shortDigest } from "./verify.js";

const INDEX_TYPES = new Set([
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
]);
const MANIFEST_TYPES = new Set([
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
]);
const REF_NAME = "org.opencontainers.image.ref.name";

interface IndexJson {
  mediaType?: string;
  manifests?: Descriptor[];
}
export interface ManifestJson {
  mediaType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: Descriptor[];
}

/**
 * Opens an OCI image layout (a directory, or the tar of one for oci-archive):
 * index.json → (nested) image index → manifest → config + layers (image-spec image-layout.md).
 */
export async function openOciLayout(
  bundle: FileBundle,
  reference: string,
  transport: string,
  tag: string | undefined,
  platform: Platform | undefined,
): Promise<Image> {
  const where = bundle.location;
  if (!(await bundle.has("index.json")))
    throw new InputError(`${where}: not an OCI image layout (no index.json)`);
  const index = parseJson<IndexJson>(await bundle.read("index.json"), `${where}: index.json`);
  const top = pickByTag(index.manifests ?? [], tag, where);
  let descriptor = top;
  let manifest = await readBlobJson<ManifestJson>(bundle, descriptor, where);
  for (let depth = 0; isIndex(descriptor, manifest); depth++) {
    if (depth > 4) throw new InputError(`${where}: image indexes nested too deeply`);
    descriptor = selectPlatform(
      manifest.manifests ?? [],
      platform,
      `${where} (${shortDigest(descriptor.digest)})`,
    );
    manifest = await readBlobJson<ManifestJson>(bundle, descriptor, where);
  }
  // A lone manifest is taken whatever its platform, unless --platform asked for another.
  if (platform && descriptor === top && top.platform) selectPlatform([top], platform, where);
  return imageFromManifest(bundle, manifest, descriptor, { reference, transport });
}

/**
 * The Image a manifest describes, its blobs read from `bundle` under `blobName`
 * (OCI layout: `blobs/sha256/<hex>`; containers-image `dir:`: `<hex>`).
 */
export async function imageFromManifest(
  bundle: FileBundle,
  manifest: ManifestJson,
  descriptor: Pick<Descriptor, "digest" | "mediaType">,
  ids: { reference: string; transport: string },
  blobName: (d: Descriptor) => string = ociBlobName,
): Promise<Image> {
  const where = bundle.location;
  if (!manifest.config || !Array.isArray(manifest.layers)) {
    throw new InputError(
      `${where}: manifest ${shortDigest(descriptor.digest)} has no config or layers`,
    );
  }
  const configData = await readBlob(bundle, manifest.config, where, blobName);
  const config = parseImageConfig(configData, where);
  checkLayerCount(manifest.layers.length, config, where);
  const layers: ImageLayer[] = [];
  for (const [i, d] of manifest.layers.entries()) {
    const name = await existingBlob(bundle, d, where, blobName);
    layers.push(
      bundleLayer(bundle, name, {
        digest: d.digest,
        diffId: config.rootfs.diff_ids[i],
        mediaType: d.mediaType,
        size: d.size,
        verify: true,
      }),
    );
  }
  return {
    ...ids,
    manifestDigest: descriptor.digest,
    manifestMediaType: manifest.mediaType ?? descriptor.mediaType,
    configDigest: manifest.config.digest,
    config,
    layers,
    close: async () => bundle.dispose?.(),
  };
}

function isIndex(d: Descriptor, m: ManifestJson): boolean {
  return INDEX_TYPES.has(m.mediaType ?? d.mediaType) || (!m.config && Array.isArray(m.manifests));
}

function pickByTag(manifests: Descriptor[], tag: string | undefined, where: string): Descriptor {
  const usable = manifests.filter(
    (d) => INDEX_TYPES.has(d.mediaType) || MANIFEST_TYPES.has(d.mediaType) || !d.mediaType,
  );
  const tags = usable.map((d) => d.annotations?.[REF_NAME]).filter((t): t is string => Boolean(t));
  if (tag) {
    const found = usable.find((d) => d.annotations?.[REF_NAME] === tag);
    if (!found)
      throw new InputError(
        `${where}: no image tagged "${tag}" (tags: ${tags.join(", ") || "none"})`,
      );
    return found;
  }
  if (usable.length === 1) return usable[0];
  if (usable.length === 0) throw new InputError(`${where}: index.json lists no images`);
  throw new InputError(
    `${where}: layout holds ${usable.length} images; pick one with :TAG (${tags.join(", ") || "untagged"})`,
  );
}

function ociBlobName(d: Descriptor): string {
  const { algorithm, hex } = parseDigest(d.digest);
  return `blobs/${algorithm}/${hex}`;
}

async function existingBlob(
  bundle: FileBundle,
  d: Descriptor,
  where: string,
  blobName: (d: Descriptor) => string,
): Promise<string> {
  const name = blobName(d);
  if (!(await bundle.has(name)))
    throw new InputError(`${where}: missing blob ${shortDigest(d.digest)}`);
  // The reader of a file-backed blob stops at the declared size: a longer file must not pass.
  const size = await bundle.size(name);
  if (size !== d.size)
    throw new InputError(
      `${where}: blob ${shortDigest(d.digest)} is ${size} bytes, its descriptor says ${d.size}`,
    );
  return name;
}

async function readBlob(
  bundle: FileBundle,
  d: Descriptor,
  where: string,
  blobName: (d: Descriptor) => string = ociBlobName,
): Promise<Buffer> {
  const data = await bundle.read(await existingBlob(bundle, d, where, blobName));
  checkBufferDigest(data, d.digest, `${where}: blob`);
  return data;
}

async function readBlobJson<T>(bundle: FileBundle, d: Descriptor, where: string): Promise<T> {
  return parseJson<T>(
    await readBlob(bundle, d, where),
    `${where}: manifest ${shortDigest(d.digest)}`,
  );
}

export function parseJson<T>(data: Buffer, what: string): T {
  try {
    const value = JSON.parse(data.toString("utf8")) as T;
    if (!value || typeof value !== "object") throw new Error("not an object");
    return value;
  } catch (err) {
    throw new InputError(`${what} does not parse as JSON (${(err as Error).message})`);
  }
}
