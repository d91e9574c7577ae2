import type { ImageRef } from "../dockerfile/model.js";
import type { BaseKind, Language } from "./model.js";

/** The distribution a builder image is made from, and its small sibling for the runtime stage. */
export interface Distro {
  family: "debian" | "ubuntu" | "alpine";
  pm: "apt" | "apk";
  /** The same distribution release, smallest official variant (debian:bookworm-slim, alpine:3.20). */
  slim: string;
}

const DEBIAN_CODENAMES = ["bookworm", "bullseye", "buster", "trixie", "sid", "stable", "testing"];
const UBUNTU_CODENAMES = ["noble", "jammy", "focal", "mantic", "oracular"];

/** Registry/namespace prefix as written (`localhost/` in `localhost/debian:bookworm`). */
export function prefixOf(image: ImageRef): string {
  const at = image.raw.lastIndexOf(image.name);
  return at > 0 ? image.raw.slice(0, at) : "";
}

/** The distribution behind a base image, from its name and tag; null when it cannot be told. */
export function distroOf(image: ImageRef): Distro | null {
  const tag = image.tag ?? "latest";
  const prefix = prefixOf(image);
  const codename = (list: string[]) => list.find((c) => tag.includes(c));
  if (image.name === "debian") {
    const release = tag === "latest" ? "bookworm" : tag.replace(/-slim$/, "").split("-")[0];
    return { family: "debian", pm: "apt", slim: `${prefix}debian:${release}-slim` };
  }
  if (image.name === "ubuntu") return { family: "ubuntu", pm: "apt", slim: image.raw };
  if (image.name === "alpine") return { family: "alpine", pm: "apk", slim: image.raw };
  const alpine = /alpine(\d+\.\d+)?/.exec(tag);
  if (alpine) return { family: "alpine", pm: "apk", slim: `alpine:${alpine[1] ?? "3.20"}` };
  const ubuntu = codename(UBUNTU_CODENAMES);
  if (ubuntu) return { family: "ubuntu", pm: "apt", slim: `ubuntu:${ubuntu}` };
  // Official language images and buildpack-deps are built on Debian (bookworm unless the tag says).
  const official = [
    "golang",
    "gcc",
    "buildpack-deps",
    "python",
    "node",
    "openjdk",
    "maven",
    "gradle",
  ];
  if (official.includes(image.name) || image.name === "eclipse-temurin") {
    const release = codename(DEBIAN_CODENAMES) ?? "bookworm";
    return { family: "debian", pm: "apt", slim: `debian:${release}-slim` };
  }
  return null;
}

/** `--base` when not given: docs/guide.md#1-base-images "Recommended runtime base per language", as far as it is safe. */
export function defaultKind(language: Language, opts: { static: boolean }): BaseKind {
  if (language === "go" && opts.static) return "scratch";
  return "slim";
}

/** Images `--base` names for each language (docs/guide.md#1-base-images); null when the kind does not fit. */
export function namedBase(
  kind: BaseKind,
  language: Language,
  opts: { static: boolean; javaVersion?: string },
): string | null {
  if (kind === "scratch") return opts.static ? "scratch" : null;
  if (kind === "distroless") {
    if (opts.static) return "gcr.io/distroless/static-debian12";
    if (language === "python") return "gcr.io/distroless/python3-debian12";
    if (language === "node") return "gcr.io/distroless/nodejs20-debian12";
    if (language === "java") return `gcr.io/distroless/java${opts.javaVersion ?? "17"}-debian12`;
    return "gcr.io/distroless/base-debian12";
  }
  if (kind === "chainguard") {
    if (opts.static) return "cgr.dev/chainguard/static";
    if (language === "python") return "cgr.dev/chainguard/python";
    if (language === "node") return "cgr.dev/chainguard/node";
    if (language === "java") return "cgr.dev/chainguard/jre";
    return "cgr.dev/chainguard/wolfi-base";
  }
  return null;
}

/** Bases that carry their own ENTRYPOINT (the interpreter), which the original CMD must not be appended to. */
export function hasOwnEntrypoint(base: string): boolean {
  return /distroless\/(python3|nodejs|java)|chainguard\/(python|node|jre)/.test(base);
}

/** Bases without /bin/sh: shell-form CMD, HEALTHCHECK CMD-SHELL and scripts cannot run there. */
export function hasNoShell(base: string): boolean {
  return base === "scratch" || /distroless|cgr\.dev\/chainguard\/(?!wolfi-base)/.test(base);
}

/** Bases without a package manager: runtime packages cannot be added. */
export function hasNoPackageManager(base: string): boolean {
  return hasNoShell(base);
}
