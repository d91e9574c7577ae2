import picomatch from "picomatch";
import { InputError } from "../model/errors.js";
import type { RegistryClient } from "../sources/registry/client.js";

/** Page size asked of the registry; it may answer with fewer and a Link to the next page. */
const PAGE = 1000;
/** A registry that keeps sending `next` links forever is cut off here. */
const MAX_PAGES = 10_000;

/** What to scan inside a registry: repository and tag globs (picomatch syntax). */
export interface CatalogFilter {
  repositories?: string[];
  tags?: string[];
  /** Entries asked per page (default 1000); the registry may send fewer and a next link. */
  pageSize?: number;
  /** Called for a listed name that is not a valid repository or tag (it is left out). */
  onInvalid?: (what: "repository" | "tag", name: string) => void;
}

// The distribution spec's grammar: names from a registry reach file names, URLs and terminals.
const REPOSITORY =
  /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

function valid(
  names: string[],
  re: RegExp,
  what: "repository" | "tag",
  filter: CatalogFilter,
): string[] {
  return names.filter((n) => {
    if (re.test(n) && n.length <= 255) return true;
    filter.onInvalid?.(what, n);
    return false;
  });
}

/** Every repository of the registry (the catalog API, paginated), filtered by the globs. */
export async function listRepositories(
  client: RegistryClient,
  filter: CatalogFilter = {},
): Promise<string[]> {
  const n = filter.pageSize ?? PAGE;
  const names = await listAll(client, `/v2/_catalog?n=${n}`, "registry:catalog:*", "catalog");
  const keep = matcher(filter.repositories);
  return valid(names, REPOSITORY, "repository", filter).filter(keep).sort();
}

/** Every tag of one repository (the tags API, paginated), filtered by the globs. */
export async function listTags(
  client: RegistryClient,
  repository: string,
  filter: CatalogFilter = {},
): Promise<string[]> {
  const tags = await listAll(
    client,
    `/v2/${repository}/tags/list?n=${filter.pageSize ?? PAGE}`,
    `repository:${repository}:pull`,
    `tag list of ${repository}`,
  );
  const keep = matcher(filter.tags);
  return valid(tags, TAG, "tag", filter).filter(keep).sort();
}

async function listAll(
  client: RegistryClient,
  first: string,
  scope: string,
  what: string,
): Promise<string[]> {
  const out: string[] = [];
  let path: string | undefined = first;
  for (let page = 0; path; page++) {
    if (page >= MAX_PAGES) throw new InputError(`${what}: more than ${MAX_PAGES} pages`);
    const { json, link } = await client.list(path, scope, what);
    const field = what === "catalog" ? "repositories" : "tags";
    const items = (json as Record<string, unknown> | null)?.[field];
    // Distribution answers `"tags": null` for a repository whose tags were all deleted.
    if (items !== null && items !== undefined && !Array.isArray(items))
      throw new InputError(`${what}: "${field}" is not a list`);
    for (const item of items ?? []) if (typeof item === "string") out.push(item);
    path = nextPage(link, what);
  }
  return [...new Set(out)];
}

/**
 * The `rel="next"` target of a Link header (RFC 8288), kept to a path on the same registry:
 * a listing must never send the client, and its token, somewhere else.
 */
export function nextPage(link: string | undefined, what: string): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(",")) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (!m || !/\brel="?next"?/i.test(m[2]!)) continue;
    const target = m[1]!;
    if (!target.startsWith("/v2/"))
      throw new InputError(`${what}: next page link is off the registry`);
    return target;
  }
  return undefined;
}

function matcher(globs: string[] | undefined): (name: string) => boolean {
  if (!globs?.length) return () => true;
  return picomatch(globs, { dot: true });
}
