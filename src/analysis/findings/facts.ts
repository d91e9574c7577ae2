import { lookup } from "../../filetree/merge.js";
import type { FsNode } from "../../filetree/node.js";
import type { ImageConfig } from "../../model/image.js";
import { historyPerLayer } from "../../sources/config.js";
import { readPackages, type PackageSet } from "../packages/index.js";
import type { ImageScan } from "../scan.js";
import { findBaseBoundary, type BaseBoundary } from "./base-layers.js";
import { describeLayer } from "./format.js";

/** What every detector needs, computed once per scan (and per `--base-layers` value). */
export interface ImageFacts {
  scan: ImageScan;
  root: FsNode;
  config: ImageConfig;
  /** History `created_by` of each layer ("" when unknown). */
  createdBy: string[];
  base: BaseBoundary;
  packages: PackageSet;
  /** `os-release` key/values (etc/os-release, else usr/lib/os-release); empty when absent. */
  osRelease: Record<string, string>;
  /** Visible node at a path, following no links. */
  node(path: string): FsNode | undefined;
  /** "layer 2 (RUN apt-get update)". */
  where(layer: number): string;
}

const cache = new WeakMap<ImageScan, Map<number | undefined, ImageFacts>>();

/** Facts for a scan, memoised so a dozen detectors do not re-parse the package database. */
export function factsOf(scan: ImageScan, baseLayers?: number): ImageFacts {
  let byOverride = cache.get(scan);
  if (!byOverride) cache.set(scan, (byOverride = new Map()));
  let facts = byOverride.get(baseLayers);
  if (!facts) byOverride.set(baseLayers, (facts = computeFacts(scan, baseLayers)));
  return facts;
}

function computeFacts(scan: ImageScan, baseLayers?: number): ImageFacts {
  const root = scan.tree.root;
  const config = scan.image.config;
  const createdBy = historyPerLayer(config).map((h) => h?.created_by ?? "");
  return {
    scan,
    root,
    config,
    createdBy,
    base: findBaseBoundary(config, scan.layers.length, baseLayers),
    packages: readPackages(root),
    osRelease: parseOsRelease(osReleaseText(root)),
    node: (path) => lookup(root, path),
    where: (layer) => describeLayer(layer, createdBy[layer]),
  };
}

/** etc/os-release is usually a symlink to ../usr/lib/os-release (os-release(5)); read whichever holds content. */
function osReleaseText(root: FsNode): string {
  for (const p of ["etc/os-release", "usr/lib/os-release"]) {
    const e = lookup(root, p)?.entry;
    if (e?.kind === "file" && e.content) return e.content.toString("utf8");
  }
  return "";
}

/** os-release(5): KEY=value lines, values optionally quoted with shell-style escapes. */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2].trim();
    if (/^(["']).*\1$/.test(v)) v = v.slice(1, -1).replace(/\\(["'$`\\])/g, "$1");
    out[m[1]] = v;
  }
  return out;
}
