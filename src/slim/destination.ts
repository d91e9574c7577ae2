import { resolve } from "node:path";
import type { Image } from "../model/image.js";
import { InputError } from "../model/errors.js";
import type { OutputImage } from "./output-image.js";
import type { PushOptions } from "./push.js";
import { parseReference } from "../sources/registry/reference.js";

/** Where `ballast slim -o` writes. */
export interface Destination {
  /** The reference as given, for messages. */
  reference: string;
  write(image: OutputImage, source: Image): Promise<void>;
}

export const DEST_TRANSPORTS = ["docker-archive", "oci-archive", "oci", "docker"] as const;

/**
 * Parses `-o DEST`: `docker-archive:PATH[:NAME:TAG]`, `oci-archive:PATH[:TAG]`,
 * `oci:DIR[:TAG]` or `docker://HOST/REPO:TAG`. A path that is the source's own is refused:
 * the source is never modified.
 */
export function parseDestination(dest: string, sourceRef: string, push: PushOptions): Destination {
  const m = /^([a-z][a-z-]*):(.*)$/.exec(dest);
  if (!m || !(DEST_TRANSPORTS as readonly string[]).includes(m[1]))
    throw new InputError(
      `-o ${JSON.stringify(dest)}: expected ${DEST_TRANSPORTS.map((t) => (t === "docker" ? "docker://REF" : `${t}:PATH`)).join(", ")}`,
    );
  const [, transport, rest] = m;
  if (transport === "docker") {
    if (!rest.startsWith("//") || rest === "//")
      throw new InputError(`-o ${dest}: a registry destination is docker://HOST/REPO:TAG`);
    if (sameRegistryRef(rest.slice(2), sourceRef))
      throw new InputError(
        `-o ${dest}: that is the source's tag; slim never modifies its input, push to another tag`,
      );
    return {
      reference: dest,
      write: async (image) => (await import("./push.js")).pushImage(image, rest.slice(2), push),
    };
  }
  const i = rest.indexOf(":");
  const path = i === -1 ? rest : rest.slice(0, i);
  const tag = i === -1 ? undefined : rest.slice(i + 1) || undefined;
  if (!path) throw new InputError(`-o ${dest}: no path`);
  if (sameLocalPath(path, sourceRef))
    throw new InputError(
      `-o ${dest}: that is the source; slim never modifies its input, choose another path`,
    );
  return {
    reference: dest,
    write: async (image) => {
      if (transport === "oci")
        return (await import("./write-oci.js")).writeOciLayout(image, path, tag);
      const w = await import("./write-archive.js");
      if (transport === "oci-archive") return w.writeOciArchive(image, path, tag);
      return w.writeDockerArchive(image, path, tag);
    },
  };
}

function sameRegistryRef(dest: string, sourceRef: string): boolean {
  if (!sourceRef.startsWith("docker://")) return false;
  const normal = (r: string) => {
    const ref = parseReference(r);
    return `${ref.registry}/${ref.repository}:${ref.tag ?? (ref.digest ? "" : "latest")}`;
  };
  return normal(dest) === normal(sourceRef.slice("docker://".length));
}

function sameLocalPath(path: string, sourceRef: string): boolean {
  const m = /^(?:docker-archive|oci-archive|oci|dir):([^:]*)/.exec(sourceRef);
  const source = m ? m[1] : /^[a-z-]+:\/\//.test(sourceRef) ? undefined : sourceRef;
  return source !== undefined && resolve(source) === resolve(path);
}
