import type { BaseImageReport, EntrypointInfo, RuntimeInfo } from "../../model/report.js";
import type { ImageScan } from "../scan.js";
import { factsOf, type ImageFacts } from "./facts.js";
import { describeEntrypoint } from "./entrypoint.js";
import { detectLibc, identifyBase } from "./identify.js";
import { recommendBase } from "./recommend.js";
import { detectRuntimes } from "./runtimes.js";
import { findTools } from "./tools.js";

const SHELLS = /^(?:sh|bash|dash|ash|zsh|ksh|mksh|busybox)$/;
const PACKAGE_MANAGERS = /^(?:apt-get|dpkg|apk|yum|dnf|microdnf|rpm|zypper)$/;

/** Identifies the base image and its runtimes, and recommends a runtime base (report.base). */
export function describeBase(scan: ImageScan, baseLayers?: number): BaseImageReport {
  const facts = factsOf(scan, baseLayers);
  let report = described.get(facts);
  if (!report) described.set(facts, (report = describe(facts)));
  return report;
}

/** The report and the base-image-alternative detector both ask; compute once per facts. */
const described = new WeakMap<ImageFacts, BaseImageReport>();

function describe(facts: ImageFacts): BaseImageReport {
  const entrypoint = describeEntrypoint(facts);
  const identified = {
    ...identifyBase(facts),
    baseLayers: facts.base.layers,
    baseLayersSource: facts.base.source,
    ...splitBytes(facts),
    ...detectLibc(facts),
    shell: findTools(facts, SHELLS).length > 0,
    packageManagers: [...new Set(findTools(facts, PACKAGE_MANAGERS).map((t) => t.name))].sort(),
    packages: {
      format: facts.packages.format,
      count: facts.packages.packages.length,
      partial: facts.packages.partial,
    },
    runtimes: withProgram(facts, detectRuntimes(facts), entrypoint),
    ...(entrypoint ? { entrypoint } : {}),
  };
  return { ...identified, recommendation: recommendBase(facts, identified) };
}

function splitBytes(facts: ImageFacts): { baseBytes: number; userBytes: number } {
  const sizes = facts.scan.layers.map((l) => l.entries.reduce((s, e) => s + e.size, 0));
  const baseBytes = sizes.slice(0, facts.base.layers).reduce((a, b) => a + b, 0);
  return { baseBytes, userBytes: sizes.reduce((a, b) => a + b, 0) - baseBytes };
}

/** A Go entrypoint is the image's "runtime" even without a Go toolchain: report it with its version. */
function withProgram(
  facts: ImageFacts,
  runtimes: RuntimeInfo[],
  ep: EntrypointInfo | undefined,
): RuntimeInfo[] {
  if (ep?.language !== "go" || !ep.path || runtimes.some((r) => r.name === "go")) return runtimes;
  const node = facts.node(ep.path.slice(1));
  return [
    ...runtimes,
    {
      name: "go",
      ...(ep.goVersion ? { version: ep.goVersion } : {}),
      source: "file",
      path: ep.path,
      layer: node?.layer ?? 0,
    },
  ];
}
