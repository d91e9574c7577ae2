import { open as openFile, stat } from "node:fs/promises";
import type { Image } from "../model/image.js";
import { InputError, withContext } from "../model/errors.js";
import { tarBundle, type FileBundle } from "./bundle.js";
import { dirBundle } from "./dir-bundle.js";
import { openDockerArchive } from "./docker-archive.js";
import { openOciLayout } from "./oci.js";
import { openContainersDir } from "./containers-dir.js";
import type { OpenOptions } from "./options.js";
import { ARCHIVE_SNIFF_BYTES, sniffArchive, type ArchiveCompression } from "./archive-decoders.js";

type Opener = (rest: string, ref: string, options: OpenOptions) => Promise<Image>;

/** Transports, named as skopeo names them. Remote ones are loaded only when used. */
const TRANSPORTS: Record<string, Opener> = {
  "docker-archive": async (rest, ref, o) => {
    const [path, name] = splitPathRef(rest);
    return fromBundle(await archiveBundle(path, o.spoolLimit), (b) =>
      openDockerArchive(b, ref, name),
    );
  },
  oci: async (rest, ref, o) => {
    const [path, tag] = splitPathRef(rest);
    return openOciLayout(await existingDir(path), ref, "oci", tag, o.platform);
  },
  "oci-archive": async (rest, ref, o) => {
    const [path, tag] = splitPathRef(rest);
    return fromBundle(await archiveBundle(path, o.spoolLimit), (b) =>
      openOciLayout(b, ref, "oci-archive", tag, o.platform),
    );
  },
  dir: async (rest, ref) =>
    openContainersDir(
      await existingDir(rest, "dir: expects a directory written by skopeo copy … dir:PATH"),
      ref,
    ),
  docker: async (rest, _ref, o) => (await import("./registry/image.js")).openRegistryImage(rest, o),
  "docker-daemon": async (rest, _ref, o) =>
    (await import("./engine.js")).openEngineImage("docker-daemon", rest, o),
  podman: async (rest, _ref, o) => (await import("./engine.js")).openEngineImage("podman", rest, o),
};

/** True for references read over a network or a socket (registry, engine), slow to open. */
export function isRemoteRef(ref: string): boolean {
  return /^(?:docker|docker-daemon|podman):/.test(ref);
}

/** Supported transport names, for messages and help. */
export const TRANSPORT_NAMES = (): string[] => Object.keys(TRANSPORTS);

/** Lets other modules (registry, engines) add transports without this file importing them eagerly. */
export function registerTransport(name: string, opener: Opener): void {
  TRANSPORTS[name] = opener;
}

/**
 * Opens an image reference: `TRANSPORT:REST` or a bare path whose format is detected
 * (OCI layout directory, docker save tar or directory, oci-archive tar).
 */
export async function openImage(ref: string, options: OpenOptions = {}): Promise<Image> {
  const m = /^([a-z][a-z-]*):(.*)$/.exec(ref);
  if (m && TRANSPORTS[m[1]])
    return TRANSPORTS[m[1]](m[1] === "docker" ? m[2].replace(/^\/\//, "") : m[2], ref, options);
  if (m && m[2].startsWith("//")) {
    throw new InputError(
      `unknown transport "${m[1]}:" in "${ref}" (supported: ${TRANSPORT_NAMES().join(", ")})`,
    );
  }
  return openBarePath(ref, options);
}

async function openBarePath(ref: string, options: OpenOptions, selector?: string): Promise<Image> {
  const st = await stat(ref).catch(() => null);
  // `app.tar:@1`, `layout:v2`: a path that exists, then a selector (as after a transport).
  const colon = ref.indexOf(":");
  if (!st && !selector && colon > 0 && (await stat(ref.slice(0, colon)).catch(() => null)))
    return openBarePath(ref.slice(0, colon), options, ref.slice(colon + 1) || undefined);
  if (!st) {
    // `alpine:3.20` or `ghcr.io/org/app` is most likely meant for a registry.
    const hint =
      /^[a-z0-9][\w.-]*(?::[\w][\w.-]{0,127}|\/[\w./-]+)/i.test(ref) && !ref.startsWith(".")
        ? `; did you mean docker://${ref}?`
        : "";
    throw new InputError(
      `${ref}: no such file or directory${hint || ` (and not a known transport: ${TRANSPORT_NAMES().join(", ")})`}`,
    );
  }
  const bundle = st.isDirectory() ? dirBundle(ref) : await archiveBundle(ref, options.spoolLimit);
  const layout = st.isDirectory() ? "oci" : "oci-archive";
  return fromBundle(bundle, async (b) => {
    if (await b.has("manifest.json")) {
      // docker save writes a JSON array; skopeo's dir: layout writes a single manifest object.
      const isSave = (await b.read("manifest.json")).toString("utf8").trimStart().startsWith("[");
      if (isSave) return openDockerArchive(b, `docker-archive:${ref}`, selector);
      if (selector)
        throw new InputError(`${ref}: a dir: image holds one image; ":${selector}" picks nothing`);
      return openContainersDir(b, `dir:${ref}`);
    }
    if (await b.has("index.json"))
      return openOciLayout(b, `${layout}:${ref}`, layout, selector, options.platform);
    throw new InputError(
      `${ref}: not an image (no manifest.json or index.json; a plain root filesystem tar?)`,
    );
  });
}

/** `path:ref` → [path, ref]; the path itself may not contain ":" (as in skopeo). */
function splitPathRef(rest: string): [string, string | undefined] {
  const i = rest.indexOf(":");
  return i === -1 ? [rest, undefined] : [rest.slice(0, i), rest.slice(i + 1) || undefined];
}

async function existingDir(
  path: string,
  expects = "oci: expects an OCI image layout directory",
): Promise<FileBundle> {
  const st = await stat(path).catch(() => null);
  if (!st?.isDirectory()) throw new InputError(`${path}: not a directory (${expects})`);
  return dirBundle(path);
}

async function archiveBundle(path: string, spoolLimit?: number): Promise<FileBundle> {
  const st = await stat(path).catch(() => null);
  if (!st) throw new InputError(`${path}: no such file`);
  if (st.isDirectory()) return dirBundle(path);
  const fh = await openFile(path, "r");
  const head = Buffer.alloc(ARCHIVE_SNIFF_BYTES);
  await fh.read(head, 0, ARCHIVE_SNIFF_BYTES, 0).finally(() => fh.close());
  const compression = sniffArchive(head);
  return compression === "none" ? tarBundle(path) : spooledBundle(path, compression, spoolLimit);
}

/**
 * `docker save | gzip > app.tar.gz` is common. A compressed archive cannot be read out of
 * order, so it is decompressed once, streaming, into a temporary file removed on close.
 */
async function spooledBundle(
  path: string,
  compression: ArchiveCompression,
  limit: number | undefined,
): Promise<FileBundle> {
  const { spoolArchive } = await import("./spool.js");
  const spool = await spoolArchive(path, compression, limit).catch((err) => {
    throw withContext(`${path}: decompressing the ${compression} archive`, err);
  });
  try {
    return { ...(await tarBundle(spool.tar)), location: path, dispose: spool.dispose };
  } catch (err) {
    await spool.dispose();
    throw err;
  }
}

/** Opens an image from a bundle, removing the bundle's temporary files if that fails. */
async function fromBundle(
  bundle: FileBundle,
  open: (b: FileBundle) => Promise<Image>,
): Promise<Image> {
  try {
    return await open(bundle);
  } catch (err) {
    await bundle.dispose?.();
    throw err;
  }
}
