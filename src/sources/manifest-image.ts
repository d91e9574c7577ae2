import type { Descriptor, Image, ImageLayer } from "../model/image.js";
import { InputError } from "../model/errors.js";
import { JSON_LIMIT, type FileBundle } from "./bundle.js";
import { checkLayerCount, parseImageConfig } from "./config.js";
import { bundleLayer } from "./layer-blob.js";
import { checkShape, parseJsonBytes } from "./json-shape.js";
import { manifestShape } from "./image-shapes.js";
import { checkBufferDigest, parseDigest, shortDigest } from "./verify.js";

/** An image manifest as read (OCI image-spec manifest.md, Docker v2 schema 2). */
export interface ManifestJson {
  schemaVersion?: number;
  mediaType?: string;
  artifactType?: string;
  config: Descriptor;
  layers: (Descriptor & { urls?: string[] })[];
}

const IMAGE_CONFIG_TYPES = new Set([
  "application/vnd.oci.image.config.v1+json",
  "application/vnd.docker.container.image.v1+json",
]);
const EMPTY = "application/vnd.oci.empty.v1+json";
const SCHEMA1 = /^application\/vnd\.docker\.distribution\.manifest\.v1\+(?:pretty)?jws$/;
const FOREIGN = /foreign|nondistributable/;

/**
 * Checks a parsed manifest's shape, and names what is not a container image (an OCI
 * artifact, a Docker schema 1 manifest) instead of failing on a missing field.
 */
export function checkManifest(value: unknown, what: string): ManifestJson {
  const m = value as Partial<ManifestJson> | null;
  if (m && typeof m === "object" && (m.schemaVersion === 1 || SCHEMA1.test(m.mediaType ?? "")))
    throw new InputError(
      `${what}: a Docker schema 1 manifest, which ballast does not read; convert it with skopeo copy (it writes schema 2)`,
    );
  const manifest = checkShape<ManifestJson>(value, manifestShape, what);
  const configType = manifest.config.mediaType;
  const artifact =
    manifest.artifactType ??
    (configType && !IMAGE_CONFIG_TYPES.has(configType) ? configType : undefined);
  if (artifact) {
    const kind = /helm/.test(artifact) ? " (a Helm chart)" : "";
    throw new InputError(
      `${what}: an OCI artifact of type ${artifact}${kind}, not a container image`,
    );
  }
  return manifest;
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
  const config = parseImageConfig(await readBlob(bundle, manifest.config, where, blobName), where);
  checkLayerCount(manifest.layers.length, config, where);
  const layers: ImageLayer[] = [];
  for (const [i, d] of manifest.layers.entries()) {
    const name = await layerBlob(bundle, d, i, where, blobName);
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

/** The bundle file of layer `i`, with the reason when there is none that could be one. */
async function layerBlob(
  bundle: FileBundle,
  d: ManifestJson["layers"][number],
  i: number,
  where: string,
  blobName: (d: Descriptor) => string,
): Promise<string> {
  if (d.mediaType === EMPTY)
    throw new InputError(
      `${where}: layer ${i} is an empty descriptor (${EMPTY}), not a filesystem layer: an OCI artifact, not a container image`,
    );
  if (FOREIGN.test(d.mediaType ?? "") && !(await bundle.has(blobName(d))))
    throw new InputError(
      `${where}: layer ${i} ${shortDigest(d.digest)} is a foreign layer whose blob is not in the image (urls: ${d.urls?.join(", ") || "none"}); copy it with skopeo copy --preserve-digests to fetch it`,
    );
  return existingBlob(bundle, d, where, blobName);
}

export function ociBlobName(d: Pick<Descriptor, "digest">): string {
  const { algorithm, hex } = parseDigest(d.digest);
  return `blobs/${algorithm}/${hex}`;
}

/** The blob's file name, once it exists with the size its descriptor gives. */
export async function existingBlob(
  bundle: FileBundle,
  d: Pick<Descriptor, "digest" | "size">,
  where: string,
  blobName: (d: Descriptor) => string = ociBlobName,
): Promise<string> {
  const name = blobName(d as Descriptor);
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

/** A small blob (manifest, index, config) read whole: capped, then checked against its digest. */
export async function readBlob(
  bundle: FileBundle,
  d: Pick<Descriptor, "digest" | "size">,
  where: string,
  blobName: (d: Descriptor) => string = ociBlobName,
): Promise<Buffer> {
  if (d.size > JSON_LIMIT)
    throw new InputError(
      `${where}: blob ${shortDigest(d.digest)} declares ${d.size} bytes, over the ${JSON_LIMIT}-byte limit for a manifest or config`,
    );
  const data = await bundle.read(await existingBlob(bundle, d, where, blobName));
  checkBufferDigest(data, d.digest, `${where}: blob`);
  return data;
}

/** A JSON blob, parsed. */
export async function readBlobJson(
  bundle: FileBundle,
  d: Pick<Descriptor, "digest" | "size">,
  where: string,
): Promise<unknown> {
  return parseJsonBytes(
    await readBlob(bundle, d, where),
    `${where}: manifest ${shortDigest(d.digest)}`,
  );
}
