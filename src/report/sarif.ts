import { createHash } from "node:crypto";
import type { Log, ReportingDescriptor, Result } from "sarif";
import { instructionOf } from "../model/history.js";
import type { Finding, Severity } from "../model/finding.js";
import type { ImageReport } from "../model/report.js";
import { LEVEL, SECURITY_SEVERITY, relativeUri, ruleName } from "./lint-sarif-common.js";

/** Detector metadata the log's `rules[]` is built from (passed in: reporters import only the model). */
export interface SarifRule {
  id: string;
  summary: string;
  severity: Severity;
  category: string;
  /** Markdown help: what it does, why it matters, example, what to use instead. */
  help: string;
}

export interface SarifOptions {
  toolVersion: string;
  rules: SarifRule[];
  /**
   * The Dockerfile the image was built from, relative to the repository root. Code scanning
   * needs a file to show a result on; findings point at the instruction that made their layer.
   */
  dockerfile?: { path: string; text?: string };
}

/** SARIF 2.1.0 log of the image findings, for GitHub code scanning and other SARIF viewers. */
export function renderSarif(report: ImageReport, options: SarifOptions): string {
  const known = options.rules;
  const rules: ReportingDescriptor[] = known.map((r) => ({
    id: r.id,
    name: ruleName(r.id),
    shortDescription: { text: r.summary },
    help: { text: r.help, markdown: r.help },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      tags: ["container-image", r.category],
      ...(r.category === "security" ? { "security-severity": SECURITY_SEVERITY[r.severity] } : {}),
    },
  }));
  const index = new Map(known.map((r, i) => [r.id, i]));
  const dockerfile = options.dockerfile ?? { path: "Dockerfile" };
  const lines = dockerfile.text ? logicalLines(dockerfile.text) : [];
  const results: Result[] = report.findings.map((f) => ({
    ruleId: f.rule,
    ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUri(dockerfile.path), uriBaseId: "%SRCROOT%" },
          region: { startLine: lineOf(f, report, lines) },
        },
        logicalLocations: [
          {
            name: report.image.reference,
            kind: "module",
            ...(f.layer !== undefined
              ? { fullyQualifiedName: `${report.image.reference}#layer${f.layer}` }
              : {}),
          },
        ],
      },
    ],
    partialFingerprints: { "ballastImageFinding/v1": fingerprint(f) },
    properties: {
      ...(f.bytes !== undefined ? { bytes: f.bytes } : {}),
      ...(f.paths ? { paths: f.paths.slice(0, 50) } : {}),
      ...(f.layer !== undefined ? { layer: f.layer } : {}),
    },
  }));
  const log: Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "ballast", version: options.toolVersion, rules } },
        // A category of its own, so code scanning keeps image results apart from `ballast lint`'s.
        automationDetails: { id: "ballast-image/" },
        results,
        properties: {
          image: report.image.reference,
          configDigest: report.image.configDigest,
          ...(report.image.manifestDigest ? { manifestDigest: report.image.manifestDigest } : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** The Dockerfile's URI; a leading "./" says nothing to a SARIF consumer. */
function toUri(file: string): string {
  return relativeUri(file.replace(/\\/g, "/").replace(/^\.\//, ""));
}

/** Stable across rebuilds: rule and paths, not bytes or layer numbers that shift. */
function fingerprint(f: Finding): string {
  return createHash("sha256")
    .update(`${f.rule}\0${(f.paths ?? [f.message]).join("\0")}`)
    .digest("hex")
    .slice(0, 32);
}

interface LogicalLine {
  line: number;
  keyword: string;
  text: string;
}

/** Dockerfile instructions with continuation lines joined, whitespace collapsed, 1-based lines. */
export function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let start = 0;
  let buf = "";
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!buf && (/^\s*#/.test(raw) || !raw.trim())) return;
    if (!buf) start = i + 1;
    const cont = /\\\s*$/.test(raw);
    buf += ` ${cont ? raw.replace(/\\\s*$/, "") : raw}`;
    if (cont) return;
    const norm = buf.replace(/\s+/g, " ").trim();
    out.push({ line: start, keyword: norm.split(" ")[0].toUpperCase(), text: norm });
    buf = "";
  });
  return out;
}

/**
 * The Dockerfile line of the instruction that wrote a finding's layer: a RUN by its command,
 * a COPY/ADD by its destination; the last match wins (the final stage comes last). A base
 * layer points at the last FROM; line 1 when there is none.
 */
function lineOf(f: Finding, report: ImageReport, lines: LogicalLine[]): number {
  if (f.layer === undefined || !lines.length) return 1;
  const made = instructionOf(report.layers[f.layer]?.createdBy ?? "")
    .replace(/\s+/g, " ")
    .trim();
  const keyword = made.split(" ")[0].toUpperCase();
  const rest = made.slice(keyword.length).trim();
  const match = lines.filter((l) => {
    if (l.keyword !== keyword) return false;
    if (keyword === "RUN") return l.text.slice(4).replace(/^(--\S+\s+)+/, "") === rest;
    return (
      (keyword === "COPY" || keyword === "ADD") && l.text.split(" ").pop() === rest.split(" ").pop()
    );
  });
  if (match.length) return match[match.length - 1].line;
  // Layers of the base image (and unmatched ones) belong to the final stage's FROM.
  const from = lines.filter((l) => l.keyword === "FROM");
  return from.length ? from[from.length - 1].line : 1;
}
