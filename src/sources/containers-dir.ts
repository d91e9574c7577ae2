import type { Image } from "../model/image.js";
import { InputError } from "../model/errors.js";
import type { FileBundle } from "./bundle.js";
import { checkManifest, imageFromManifest } from "./manifest-image.js";
import { parseJsonBytes } from "./json-shape.js";
import { parseDigest, sha256 } from "./verify.js";

/**
 * Opens the containers-image `dir:` layout that `skopeo copy … dir:PATH` writes:
 * `manifest.json` (an OCI or Docker v2 schema 2 manifest), and each blob in a file named
 * by its hex digest.
 */
export async function openContainersDir(bundle: FileBundle, reference: string): Promise<Image> {
  const where = bundle.location;
  if (!(await bundle.has("manifest.json")))
    throw new InputError(`${where}: not a dir: image (no manifest.json)`);
  const data = await bundle.read("manifest.json");
  const value = parseJsonBytes(data, `${where}: manifest.json`);
  if (Array.isArray(value))
    throw new InputError(
      `${where}: manifest.json is a docker save manifest; use docker-archive:${where}`,
    );
  const manifest = checkManifest(value, `${where}: manifest.json`);
  const mediaType = manifest.mediaType ?? "application/vnd.oci.image.manifest.v1+json";
  return imageFromManifest(
    bundle,
    manifest,
    { digest: sha256(data), mediaType },
    { reference, transport: "dir" },
    (d) => parseDigest(d.digest).hex,
  );
}
