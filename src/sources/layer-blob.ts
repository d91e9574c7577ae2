import type { Digest, ImageLayer } from "../model/image.js";
import type { FileBundle } from "./bundle.js";
import { verified } from "./verify.js";

/** An ImageLayer whose blob is a file of a bundle, verified against `digest` on every read. */
export function bundleLayer(
  bundle: FileBundle,
  name: string,
  fields: { digest: Digest; diffId: Digest; mediaType: string; size: number; verify: boolean },
): ImageLayer {
  const { verify, ...rest } = fields;
  const label = `layer ${name}`;
  return {
    ...rest,
    file: { ...bundle.locate(name), ...(verify ? { verify: fields.digest } : {}), label },
    open: async () => {
      const stream = bundle.open(name);
      return verify ? verified(stream, fields.digest, fields.size, label) : stream;
    },
  };
}

/**
 * Archive members that name their own digest: `blobs/sha256/<hex>` (OCI, Docker 25+),
 * `sha256:<hex>` (kaniko config), `<hex>.json` (legacy config = image ID),
 * `<hex>.tar` (podman) and `<hex>.tar.gz` (kaniko; the digest of the compressed blob).
 */
export function digestFromName(name: string): Digest | undefined {
  const m =
    /^(?:.*\/)?blobs\/sha256\/([a-f0-9]{64})$/.exec(name) ??
    /^sha256:([a-f0-9]{64})$/.exec(name) ??
    /^([a-f0-9]{64})\.(?:json|tar|tar\.gz|tar\.zst)$/.exec(name);
  return m ? `sha256:${m[1]}` : undefined;
}
