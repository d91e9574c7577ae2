import type { Descriptor, Image, Platform } from "../model/image.js";
import { InputError } from "../model/errors.js";
import type { FileBundle } from "./bundle.js";
import { checkShape, parseJsonBytes } from "./json-shape.js";
import { indexShape } from "./image-shapes.js";
import {
  checkManifest,
  imageFromManifest,
  readBlobJson,
  type ManifestJson,
} from "./manifest-image.js";
import { checkConfigPlatform, selectPlatform } from "./platform.js";
import { shortDigest } from "./verify.js";

export { imageFromManifest, type ManifestJson } from "./manifest-image.js";

const INDEX_TYPES = new Set([
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
]);
const MANIFEST_TYPES = new Set([
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
]);
const REF_NAME = "org.opencontainers.image.ref.name";
/** How many image indexes may nest inside one another before the layout is refused. */
const MAX_NESTING = 4;

interface IndexJson {
  mediaType?: string;
  manifests: Descriptor[];
}

/**
 * Opens an OCI image layout (a directory, or the tar of one for oci-archive):
 * index.json → (nested) image index → manifest → config + layers (image-spec image-layout.md).
 * `tag` is a ref name annotation, or `@N` for the N-th entry of index.json.
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
  const what = `${where}: index.json`;
  const index = checkShape<IndexJson>(
    parseJsonBytes(await bundle.read("index.json"), what),
    indexShape,
    what,
  );
  let descriptor = pickByTag(index.manifests, tag, where);
  let byPlatform = false;
  let value = await readBlobJson(bundle, descriptor, where);
  for (let depth = 0; isIndex(descriptor, value); depth++) {
    if (depth >= MAX_NESTING)
      throw new InputError(`${where}: image indexes nested more than ${MAX_NESTING} deep`);
    const nested = `${where}: index ${shortDigest(descriptor.digest)}`;
    const manifests = checkShape<IndexJson>(value, indexShape, nested).manifests;
    descriptor = selectPlatform(
      manifests,
      platform,
      `${where} (${shortDigest(descriptor.digest)})`,
    );
    byPlatform = descriptor.platform !== undefined;
    value = await readBlobJson(bundle, descriptor, where);
  }
  const manifest = checkManifest(value, `${where}: manifest ${shortDigest(descriptor.digest)}`);
  const image = await imageFromManifest(bundle, manifest, descriptor, { reference, transport });
  // Where no index chose by platform, --platform is checked against the image itself.
  if (!byPlatform) {
    try {
      checkConfigPlatform(image.config, platform, where);
    } catch (err) {
      await image.close();
      throw err;
    }
  }
  return image;
}

function isIndex(d: Descriptor, value: unknown): boolean {
  // Not an object (null, a number): checkManifest then names what it is.
  if (typeof value !== "object" || value === null) return false;
  const m = value as Partial<ManifestJson & IndexJson>;
  return (
    INDEX_TYPES.has(m.mediaType ?? d.mediaType) ||
    (m.config === undefined && Array.isArray(m.manifests))
  );
}

function pickByTag(listed: Descriptor[], tag: string | undefined, where: string): Descriptor {
  const manifests = listed.filter(
    (d) => !d.mediaType || INDEX_TYPES.has(d.mediaType) || MANIFEST_TYPES.has(d.mediaType),
  );
  if (manifests.length === 0 && listed.length > 0)
    throw new InputError(
      `${where}: index.json lists no image, only ${listed[0].mediaType} (an OCI artifact, not a container image)`,
    );
  const tags = manifests
    .map((d) => d.annotations?.[REF_NAME])
    .filter((t): t is string => Boolean(t));
  if (tag && /^@\d+$/.test(tag)) {
    const found = manifests[Number(tag.slice(1))];
    if (!found)
      throw new InputError(`${where}: no image ${tag} (index.json lists ${manifests.length})`);
    return found;
  }
  if (tag) {
    const found = manifests.find((d) => d.annotations?.[REF_NAME] === tag);
    if (!found)
      throw new InputError(
        `${where}: no image tagged "${tag}" (tags: ${tags.join(", ") || "none"})`,
      );
    return found;
  }
  if (manifests.length === 1) return manifests[0];
  if (manifests.length === 0) throw new InputError(`${where}: index.json lists no images`);
  throw new InputError(
    `${where}: layout holds ${manifests.length} images; pick one with :TAG or :@N (${tags.join(", ") || "untagged"})`,
  );
}
