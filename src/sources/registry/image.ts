import type { Readable } from "node:stream";
import { pipeline } from "node:stream";
import type { Descriptor, Image, ImageLayer } from "../../model/image.js";
import { InputError } from "../../model/errors.js";
import { checkLayerCount, parseImageConfig } from "../config.js";
import type { OpenOptions } from "../options.js";
import { selectPlatform } from "../platform.js";
import { blobStream } from "./blob-stream.js";
import { BlobCache } from "./cache.js";
import { MANIFEST_TYPES, RegistryClient } from "./client.js";
import type { HttpOptions } from "./http.js";
import { parseManifest } from "./manifest-shape.js";
import { formatReference, parseReference } from "./reference.js";

/** Options only tests and the bench need: retry/timeout knobs of the HTTP layer. */
export interface RegistryOpenOptions extends OpenOptions {
  http?: HttpOptions;
}

const INDEX_TYPES = new Set([MANIFEST_TYPES.ociIndex, MANIFEST_TYPES.dockerList]);
const IMAGE_TYPES = new Set([MANIFEST_TYPES.ociManifest, MANIFEST_TYPES.dockerManifest]);

/**
 * Opens `docker://HOST/REPO[:TAG][@DIGEST]` from a registry: resolves an index to the wanted
 * platform, reads and verifies the manifest and config, and gives layers that stream from the
 * registry (or the blob cache) on each `open()`.
 */
export async function openRegistryImage(
  text: string,
  options: RegistryOpenOptions = {},
): Promise<Image> {
  const ref = parseReference(text);
  const env = options.env ?? process.env;
  const client = new RegistryClient(ref, {
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    ...options.http,
    tlsVerify: options.tlsVerify ?? options.http?.tlsVerify,
    creds: options.creds,
    authfile: options.authfile,
    env,
  });
  try {
    return await resolve(client, options);
  } catch (err) {
    await client.close();
    throw err;
  }
}

async function resolve(client: RegistryClient, options: RegistryOpenOptions): Promise<Image> {
  const ref = client.ref;
  const name = formatReference(ref);
  let fetched = await client.manifest(ref.digest ?? ref.tag!);
  let manifest = parseManifest(fetched.bytes, `${name}: manifest`);
  const fromIndex = INDEX_TYPES.has(fetched.mediaType);
  if (fromIndex) {
    const chosen = selectPlatform(manifest.manifests ?? [], options.platform, name);
    fetched = await client.manifest(chosen.digest);
    manifest = parseManifest(fetched.bytes, `${name}: manifest ${chosen.digest}`);
  }
  if (!IMAGE_TYPES.has(fetched.mediaType)) throw unsupported(fetched.mediaType, name);
  if (!manifest.config || !Array.isArray(manifest.layers))
    throw new InputError(`${name}: manifest has no config or layers`);
  const configBytes = await client.blobBuffer(
    manifest.config.digest,
    manifest.config.size,
    "config",
  );
  const config = parseImageConfig(configBytes, name);
  checkLayerCount(manifest.layers.length, config, name);
  if (options.platform && !fromIndex) {
    // A single-platform image asked for another platform: say so, as `docker pull --platform` does.
    const platform = {
      os: config.os,
      architecture: config.architecture,
      ...(config.variant ? { variant: config.variant } : {}),
    };
    selectPlatform(
      [{ mediaType: fetched.mediaType, digest: fetched.digest, size: 0, platform }],
      options.platform,
      name,
    );
  }
  const cacheDir = options.cacheDir || undefined;
  const cache = cacheDir ? new BlobCache(cacheDir) : undefined;
  const count = manifest.layers.length;
  const layers = manifest.layers.map((d, i): ImageLayer => {
    const layer: ImageLayer = {
      digest: d.digest,
      diffId: config.rootfs.diff_ids[i]!,
      mediaType: d.mediaType,
      size: d.size,
      open: () => openLayer(client, cache, d, i, count, options),
    };
    // A cached blob is a local file that workers read (and verify) themselves, hashing it
    // once; open() still checks a cached copy before serving it, and falls back.
    const path = cache?.cachedFile(d.digest, d.size);
    if (!path) return layer;
    const label = `layer ${i} (cached in ${path})`;
    layer.file = { path, offset: 0, verify: d.digest, label };
    layer.dropFile = () => {
      cache!.remove(d.digest);
      delete layer.file;
    };
    return layer;
  });
  return {
    reference: `docker://${name}`,
    transport: "docker",
    manifestDigest: fetched.digest,
    manifestMediaType: fetched.mediaType,
    configDigest: manifest.config.digest,
    config,
    layers,
    close: () => client.close(),
  };
}

async function openLayer(
  client: RegistryClient,
  cache: BlobCache | undefined,
  d: Descriptor,
  index: number,
  count: number,
  options: OpenOptions,
): Promise<Readable> {
  // 0-based, as the report's layer table numbers them.
  const what = `layer ${index}`;
  const report = options.onProgress
    ? (bytes: number) => options.onProgress!({ layer: index, bytes, total: d.size, layers: count })
    : undefined;
  const cached = await cache?.open(d.digest, d.size, what);
  if (cached) {
    report?.(d.size);
    return cached;
  }
  const stream = blobStream(client, d.digest, d.size, what, { onBytes: report });
  if (!cache) return stream;
  const writer = await cache.writer(d.digest);
  pipeline(stream, writer, () => undefined);
  return writer;
}

function unsupported(mediaType: string, name: string): InputError {
  if (
    /manifest\.v1\+(pretty)?jws|manifest\.v1\+json/.test(mediaType) &&
    mediaType.includes("docker")
  ) {
    return new InputError(
      `${name}: Docker schema 1 manifests are not supported (deprecated since 2017); re-push the image with a current client`,
    );
  }
  return new InputError(`${name}: unsupported manifest media type "${mediaType}"`);
}

/** For `ballast analyze docker://…` and library users: the transport name and its opener. */
export const registryTransport = { name: "docker", open: openRegistryImage };
