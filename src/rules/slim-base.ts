import type { Dockerfile, ImageRef, Instruction } from "../dockerfile/model.js";
import type { Fix } from "../fix/edits.js";

const CODENAME = "(bookworm|bullseye|buster|trixie)";
const VERSION = "(\\d+(?:\\.\\d+)*|lts|current|latest)";

/**
 * The slim tag of the same image family, for Docker Hub official images whose tag scheme is
 * known; null otherwise. python/ruby/perl put `-slim` before the codename (`3.12-slim-bookworm`),
 * node after it (`20-bookworm-slim`), debian after the release (`bookworm-slim`, `12-slim`).
 */
export function slimTag(ref: ImageRef): string | null {
  if (ref.dynamic || ref.digest || (ref.registry !== null && ref.registry !== "docker.io"))
    return null;
  const tag = ref.tag ?? "latest";
  if (ref.name === "debian") {
    if (tag === "latest") return "stable-slim";
    return new RegExp(`^(${CODENAME.slice(1, -1)}|stable|testing|\\d+(\\.\\d+)?)$`).test(tag)
      ? `${tag}-slim`
      : null;
  }
  const m = new RegExp(`^${VERSION}(?:-${CODENAME})?$`).exec(tag);
  if (!m) return null;
  const [, version, codename] = m;
  if (version === "latest" && codename) return null;
  const base = version === "latest" ? "" : version;
  const join = (...parts: string[]) => parts.filter(Boolean).join("-");
  if (["python", "ruby", "perl"].includes(ref.name)) {
    if (["lts", "current"].includes(version)) return null;
    return join(base, "slim", codename ?? "");
  }
  if (ref.name === "node") return join(base, codename ?? "", "slim");
  return null;
}

/** Rewrites the image of a FROM to its slim variant, keeping the registry/library prefix as written. */
export function slimFix(df: Dockerfile, from: Instruction, ref: ImageRef): Fix | undefined {
  const tag = slimTag(ref);
  const written = from.args[0];
  // A tag from an ARG stays the ARG's business.
  if (!tag || !written || written.includes("$")) return undefined;
  const text = df.text.slice(from.span.start, from.span.end);
  const at = new RegExp(`(^|\\s)(${written.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})(?=\\s|$)`).exec(
    text,
  );
  if (!at) return undefined;
  const start = from.span.start + at.index + at[1].length;
  const slash = written.lastIndexOf("/");
  const colon = written.indexOf(":", slash + 1);
  const image = `${colon >= 0 ? written.slice(0, colon) : written}:${tag}`;
  return {
    applicability: "unsafe",
    description: `switch to the slim variant ${image}`,
    edits: [{ start, end: start + written.length, text: image }],
  };
}
