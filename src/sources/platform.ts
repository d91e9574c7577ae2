import type { Descriptor, Platform } from "../model/image.js";
import { InputError } from "../model/errors.js";

const ARCH_ALIASES: Record<string, string> = {
  x64: "amd64",
  x86_64: "amd64",
  aarch64: "arm64",
  ia32: "386",
  arm: "arm",
};

/** The platform of the machine ballast runs on, in OCI terms. */
export function hostPlatform(): Platform {
  const architecture = ARCH_ALIASES[process.arch] ?? process.arch;
  return { os: process.platform === "win32" ? "windows" : "linux", architecture };
}

/** Parses `os/arch[/variant]` as given to --platform. */
export function parsePlatform(text: string): Platform {
  const [os, architecture, variant, extra] = text.split("/");
  if (!os || !architecture || extra !== undefined) {
    throw new InputError(
      `invalid platform "${text}": expected os/arch[/variant], e.g. linux/amd64`,
    );
  }
  return {
    os,
    architecture: ARCH_ALIASES[architecture] ?? architecture,
    ...(variant ? { variant } : {}),
  };
}

export function formatPlatform(p: Platform | undefined): string {
  if (!p) return "unknown";
  return [p.os, p.architecture, p.variant].filter(Boolean).join("/");
}

/**
 * Picks the manifest for `wanted` (default: the host) from an image index. Attestation
 * manifests (platform unknown/unknown) are never picked. A variant left out of `wanted`
 * matches any variant, preferring the first listed.
 */
export function selectPlatform(
  manifests: Descriptor[],
  wanted: Platform | undefined,
  where: string,
): Descriptor {
  const target = wanted ?? hostPlatform();
  const candidates = manifests.filter((d) => d.platform && d.platform.os !== "unknown");
  const found = candidates.find(
    (d) =>
      d.platform!.os === target.os &&
      d.platform!.architecture === target.architecture &&
      (!target.variant || d.platform!.variant === target.variant),
  );
  if (found) return found;
  const available = candidates.map((d) => formatPlatform(d.platform)).join(", ") || "none";
  throw new InputError(
    `${where}: no image for platform ${formatPlatform(target)}${wanted ? "" : " (the host's)"}; available: ${available} (choose with --platform)`,
  );
}
