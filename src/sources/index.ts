import { open as openFile, stat } from "node:fs/promises";
import type { Image } from "../model/image.js";
import { InputError } from "../model/errors.js";
import { dirBundle, tarBundle, type FileBundle } from "./bundle.js";
import { openDockerArchive } from "./docker-archive.js";
import { openOciLayout } from "./oci.js";
import type { OpenOptions } from "./options.js";
import { sniffCompression } from "../tar/compression.js";

type Opener = (rest: string, ref: string, options: OpenOptions) => Promise<Image>;

/** Transports, named as skopeo names them. Remote ones are loaded only when used. */
const TRANSPORTS: Record<string, Opener> = {
  "docker-archive": async (rest, ref) => {
    const [path, name] = splitPathRef(rest);
    return openDockerArchive(await archiveBundle(path), ref, name);
  },
  oci: async (rest, ref, o) => {
    const [path, tag] = splitPathRef(rest);
    return openOciLayout(await existingDir(path), ref, "oci", tag, o.platform);
  },
  "oci-archive": async (rest, ref, o) => {
    const [path, tag] = splitPathRef(rest);
    return openOciLayout(await archiveBundle(path), ref, "oci-archive", tag, o.platform);
  },
  docker: async (rest, _ref, o) => (await import("./registry/image.js")).openRegistryImage(rest, o),
};

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
  if (m && TRANSPORTS[m[1]]) return TRANSPORTS[m[1]](m[1] === "docker" ? m[2].replace(/^\/\//, "") : m[2], ref, options);
  if (m && m[2].startsWith("//")) {
    throw new InputError(`unknown transport "${m[1]}:" in "${ref}" (supported: ${TRANSPORT_NAMES().join(", ")})`);
  }
  return openBarePath(ref, options);
}

async function openBarePath(ref: string, options: OpenOptions): Promise<Image> {
  const st = await stat(ref).catch(() => null);
  if (!st) throw new InputError(`${ref}: no such file or directory (and not a known transport: ${TRANSPORT_NAMES().join(", ")})`);
  const bundle = st.isDirectory() ? dirBundle(ref) : await archiveBundle(ref);
  if (await bundle.has("manifest.json")) return openDockerArchive(bundle, `docker-archive:${ref}`);
  if (await bundle.has("index.json")) return openOciLayout(bundle, `${st.isDirectory() ? "oci" : "oci-archive"}:${ref}`, st.isDirectory() ? "oci" : "oci-archive", undefined, options.platform);
  throw new InputError(`${ref}: not an image (no manifest.json or index.json; a plain root filesystem tar?)`);
}

/** `path:ref` → [path, ref]; the path itself may not contain ":" (as in skopeo). */
function splitPathRef(rest: string): [string, string | undefined] {
  const i = rest.indexOf(":");
  return i === -1 ? [rest, undefined] : [rest.slice(0, i), rest.slice(i + 1) || undefined];
}

async function existingDir(path: string): Promise<FileBundle> {
  const st = await stat(path).catch(() => null);
  if (!st?.isDirectory()) throw new InputError(`${path}: not a directory (oci: expects an OCI image layout directory)`);
  return dirBundle(path);
}

async function archiveBundle(path: string): Promise<FileBundle> {
  const st = await stat(path).catch(() => null);
  if (!st) throw new InputError(`${path}: no such file`);
  if (st.isDirectory()) return dirBundle(path);
  const fh = await openFile(path, "r");
  const head = Buffer.alloc(4);
  await fh.read(head, 0, 4, 0).finally(() => fh.close());
  const compression = sniffCompression(head);
  if (compression !== "none") {
    throw new InputError(`${path}: archive is ${compression}-compressed; decompress it first (e.g. ${compression === "gzip" ? "gunzip" : "unzstd"} -k ${path})`);
  }
  return tarBundle(path);
}
