import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { writeOciLayout } from "../helpers/build-image.js";
import { skopeoCopy } from "../helpers/registry-server.js";

const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

export interface PushedLayer {
  digest: string;
  size: number;
}

/** Pushes a one-layer image (`blob` stored in place of the gzip of `tar`) with skopeo. */
export async function pushImage(
  host: string,
  work: string,
  ref: string,
  tar: Buffer,
  blob?: Buffer,
): Promise<PushedLayer> {
  const dir = mkdtempSync(join(work, "layout-"));
  writeOciLayout(dir, [{ layers: [tar], ...(blob ? { blobs: [blob] } : {}), tag: "t" }]);
  await skopeoCopy(`oci:${dir}:t`, `docker://${host}/${ref}`);
  const [repo, tag] = ref.split(":");
  const manifest = (await getManifest(host, repo!, tag!)) as { layers: PushedLayer[] };
  return manifest.layers[0]!;
}

/** The registry's manifest for `repo:tag`, as JSON. */
export async function getManifest(
  host: string,
  repo: string,
  tag: string,
): Promise<Record<string, unknown>> {
  const res = await fetch(`http://${host}/v2/${repo}/manifests/${tag}`, {
    headers: { accept: OCI_MANIFEST },
  });
  return (await res.json()) as Record<string, unknown>;
}

/** PUTs a manifest as is: the registry checks that its blobs exist, not their sizes. */
export async function putManifest(
  host: string,
  repo: string,
  tag: string,
  manifest: unknown,
): Promise<void> {
  const res = await fetch(`http://${host}/v2/${repo}/manifests/${tag}`, {
    method: "PUT",
    headers: { "content-type": OCI_MANIFEST },
    body: JSON.stringify(manifest),
  });
  if (res.status !== 201) throw new Error(`PUT manifest: HTTP ${res.status} ${await res.text()}`);
}

/** The file the registry serves a blob from (its filesystem storage driver's layout). */
export const blobFile = (storage: string, digest: string): string =>
  join(storage, "docker/registry/v2/blobs/sha256", digest.slice(7, 9), digest.slice(7), "data");
