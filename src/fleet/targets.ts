import type { Image, ImageConfig, Platform } from "../model/image.js";
import { InputError } from "../model/errors.js";
import type { RegistryClient } from "../sources/registry/client.js";
import { MANIFEST_TYPES } from "../sources/registry/client.js";

/** One image manifest of the fleet (a tag, or one platform of a tag's index). */
export interface FleetImage {
  repository: string;
  /** Tags of the repository that resolve to this manifest (several tags often share one). */
  tags: string[];
  manifestDigest: string;
  /** The platform an index gave it, when it came from an index. */
  platform?: string;
  /** `docker://REGISTRY/REPO@DIGEST`: how a worker opens it again. */
  ref: string;
}

/** What opening a fleet image gives: its config and layers, without keeping a connection. */
export interface OpenedFleetImage extends FleetImage {
  image: Omit<Image, "layers" | "close"> & { layers: Omit<Image["layers"][number], "open">[] };
  config: ImageConfig;
}

interface ManifestJson {
  mediaType?: string;
  manifests?: { digest?: unknown; mediaType?: unknown; platform?: Partial<Platform> }[];
}

const INDEX_TYPES = new Set([MANIFEST_TYPES.ociIndex, MANIFEST_TYPES.dockerList]);

/**
 * Resolves one tag to its image manifests: itself, or each platform of an index (attestation
 * manifests, whose platform is unknown/unknown, are left out as registries' UIs do).
 */
export async function resolveTag(
  client: RegistryClient,
  registry: string,
  repository: string,
  tag: string,
  platform?: Platform,
): Promise<FleetImage[]> {
  const fetched = await client.manifest(tag);
  const ref = (digest: string) => `docker://${registry}/${repository}@${digest}`;
  if (!INDEX_TYPES.has(fetched.mediaType))
    return [{ repository, tags: [tag], manifestDigest: fetched.digest, ref: ref(fetched.digest) }];
  let json: ManifestJson;
  try {
    json = JSON.parse(fetched.bytes.toString("utf8")) as ManifestJson;
  } catch {
    throw new InputError(`index ${repository}:${tag} is not JSON`);
  }
  if (!Array.isArray(json.manifests))
    throw new InputError(`index ${repository}:${tag}: "manifests" is not a list`);
  const out: FleetImage[] = [];
  for (const m of json.manifests) {
    if (typeof m?.digest !== "string") continue;
    const p = m.platform ?? {};
    if (p.os === "unknown" || !p.os) continue;
    if (platform && (p.os !== platform.os || p.architecture !== platform.architecture)) continue;
    if (platform?.variant && p.variant !== platform.variant) continue;
    const name = [p.os, p.architecture, p.variant].filter(Boolean).join("/");
    out.push({
      repository,
      tags: [tag],
      manifestDigest: m.digest,
      platform: name,
      ref: ref(m.digest),
    });
  }
  return out;
}

/** Merges images reached through several tags into one entry per repository and manifest. */
export function mergeTags(images: FleetImage[]): FleetImage[] {
  const byKey = new Map<string, FleetImage>();
  for (const img of images) {
    const key = `${img.repository}@${img.manifestDigest}`;
    const seen = byKey.get(key);
    if (seen) seen.tags = [...new Set([...seen.tags, ...img.tags])].sort();
    else byKey.set(key, { ...img, tags: [...img.tags] });
  }
  return [...byKey.values()];
}
