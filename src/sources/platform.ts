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

/** Whether `p` is `target`; a variant left out of `target` matches any; arm64 is arm64/v8. */
export function platformMatches(p: Partial<Platform>, target: Platform): boolean {
  const arch = ARCH_ALIASES[p.architecture ?? ""] ?? p.architecture;
  if (p.os !== target.os || arch !== target.architecture) return false;
  if (!target.variant) return true;
  const v8 = (v: string | undefined) => (arch === "arm64" && !v ? "v8" : v);
  return v8(p.variant) === v8(target.variant);
}

/** Attestation manifests (BuildKit: platform unknown/unknown, or annotated so) are never images. */
function isAttestation(d: Descriptor): boolean {
  return (
    d.platform?.os === "unknown" ||
    d.annotations?.["vnd.docker.reference.type"] === "attestation-manifest"
  );
}

/**
 * Picks the manifest for `wanted` (default: the host) from an image index. Attestation
 * manifests are never picked. A variant left out of `wanted` matches any variant,
 * preferring the first listed. An index whose one image has no platform gives that image
 * (as skopeo does): the caller then checks `wanted` against its config (checkConfigPlatform).
 */
export function selectPlatform(
  manifests: Descriptor[],
  wanted: Platform | undefined,
  where: string,
): Descriptor {
  const target = wanted ?? hostPlatform();
  const images = manifests.filter((d) => !isAttestation(d));
  if (images.length === 1 && !images[0].platform) return images[0];
  const candidates = images.filter((d) => d.platform);
  const found = candidates.find((d) => platformMatches(d.platform!, target));
  if (found) return found;
  if (images.length === 0 && manifests.length > 0)
    throw new InputError(`${where}: the index lists only attestations, no image`);
  const available = candidates.map((d) => formatPlatform(d.platform)).join(", ") || "none";
  throw new InputError(
    `${where}: no image for platform ${formatPlatform(target)}${wanted ? "" : " (the host's)"}; available: ${available} (choose with --platform)`,
  );
}

/** With --platform, where no descriptor gave the platform: the config's os/arch must be it. */
export function checkConfigPlatform(
  config: { os?: string; architecture?: string; variant?: string },
  wanted: Platform | undefined,
  where: string,
): void {
  if (!wanted || !config.os || !config.architecture) return;
  if (!platformMatches(config, wanted))
    throw new InputError(
      `${where}: the image is for ${formatPlatform(config as Platform)}, not ${formatPlatform(wanted)} (--platform)`,
    );
}
