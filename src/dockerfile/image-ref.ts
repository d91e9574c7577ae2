import type { ImageRef } from "./model.js";

/** Expands `$VAR`/`${VAR}`/`${VAR:-default}` from `vars`; unknown variables stay as written. */
export function expandVars(text: string, vars: Record<string, string | null>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, a, def, b) => {
      const name = (a ?? b) as string;
      const value = vars[name];
      if (value !== undefined && value !== null && value !== "") return value;
      return typeof def === "string" && whole.includes(":-") ? def : whole;
    },
  );
}

/**
 * Splits an image reference the way the distribution reference grammar does: the first
 * component is a registry only if it has a `.` or `:` or is `localhost`.
 */
export function parseImageRef(raw: string): ImageRef {
  let rest = raw;
  let digest: string | null = null;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry: string | null = null;
  const slash = rest.indexOf("/");
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes(".") || first.includes(":") || first === "localhost") {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  if (
    (registry === null || registry === "docker.io" || registry === "index.docker.io") &&
    rest.startsWith("library/")
  ) {
    rest = rest.slice("library/".length);
  }
  if (registry === "docker.io" || registry === "index.docker.io") registry = null;
  return { raw, name: rest.toLowerCase(), registry, tag, digest, dynamic: raw.includes("$") };
}
