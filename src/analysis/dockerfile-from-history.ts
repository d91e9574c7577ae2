import type { Finding } from "../model/finding.js";
import type { HistoryEntry, ImageConfig } from "../model/image.js";
import { findBaseBoundary, type BaseBoundary } from "./findings/base-layers.js";
import { instructionOf } from "./history.js";

/** One history entry of the user's part, where it landed in the reconstructed text. */
export interface ReconstructedStep {
  /** 1-based line of the instruction (or of the comment standing for it). */
  line: number;
  history: number;
  /** Layer the entry produced; undefined for ENV, CMD and other metadata-only steps. */
  layer?: number;
  createdBy: string;
  /** False when the entry is not a Dockerfile instruction and became a comment. */
  instruction: boolean;
}

export interface Reconstruction {
  text: string;
  base: BaseBoundary;
  steps: ReconstructedStep[];
}

const KEYWORDS =
  /^(RUN|COPY|ADD|ENV|ARG|LABEL|WORKDIR|USER|EXPOSE|CMD|ENTRYPOINT|VOLUME|STOPSIGNAL|SHELL|ONBUILD|MAINTAINER|HEALTHCHECK)\b/;

/**
 * Rebuilds a Dockerfile from the config history (image-spec config.md `history`): the base
 * image's entries become one FROM (with its steps listed as comments), every later entry
 * becomes the instruction that produced it, with a `# layer N` comment so findings can name
 * the layer. Exact for RUN; COPY/ADD lose their sources (`file:<sha>`), as the builder recorded them.
 */
export function dockerfileFromHistory(
  config: ImageConfig,
  options: { baseLayers?: number; reference?: string } = {},
): Reconstruction {
  const history = config.history ?? [];
  const base = findBaseBoundary(config, config.rootfs.diff_ids.length, options.baseLayers);
  const userStart = base.history;
  const out: string[] = [
    `# Reconstructed by ballast from the config history${options.reference ? ` of ${options.reference}` : ""}.`,
  ];
  out.push(
    "# COPY/ADD sources are content hashes as the builder recorded them; build arguments appear inline.",
  );
  if (history.length === 0) out.push("# The image config has no history.");
  if (userStart > 0) {
    out.push(
      `# Base image: ${plural(base.layers, "layer")} (boundary: ${base.source}); its steps were:`,
    );
    for (const h of history.slice(0, userStart))
      out.push(`#   ${oneLine(instructionOf(h.created_by ?? "") || "(empty)")}`);
  }
  out.push(`FROM ${baseName(config, history, userStart)}`);
  const steps: ReconstructedStep[] = [];
  let layer = base.layers;
  history.slice(userStart).forEach((h, k) => {
    const index = userStart + k;
    const produced = h.empty_layer ? undefined : layer++;
    out.push(
      produced === undefined ? `# history ${index}` : `# history ${index}, layer ${produced}`,
    );
    const text = toInstruction(h.created_by ?? "");
    steps.push({
      line: out.length + 1,
      history: index,
      ...(produced !== undefined ? { layer: produced } : {}),
      createdBy: h.created_by ?? "",
      instruction: text !== undefined,
    });
    out.push(text ?? `# ${oneLine(h.created_by ?? "") || "(empty history entry)"}`);
  });
  return { text: `${out.join("\n")}\n`, base, steps };
}

function baseName(config: ImageConfig, history: HistoryEntry[], userStart: number): string {
  const label = config.config?.Labels?.["org.opencontainers.image.base.name"];
  if (label) return label;
  const from = history
    .slice(userStart)
    .find((h) => /^FROM /.test(h.comment ?? ""))
    ?.comment?.slice(5)
    .trim();
  if (from && !/^(?:sha256:)?[0-9a-f]{12,64}$/.test(from)) return from;
  return userStart === 0 ? "scratch" : "base-image";
}

/** The instruction text, or undefined when the entry is not a Dockerfile instruction (debootstrap, apko, imports). */
export function toInstruction(createdBy: string): string | undefined {
  let s = instructionOf(createdBy);
  if (!KEYWORDS.test(s)) return undefined;
  // BuildKit prints HEALTHCHECK as a Go struct (`HEALTHCHECK &{[…] …}`), which no parser reads back.
  if (/^HEALTHCHECK &\{/.test(s)) return undefined;
  s = s.replace(/^(COPY|ADD) ((?:file|dir|multi):\S+) in (\S+)\s*$/, "$1 $2 $3");
  s = s.replace(
    /^EXPOSE map\[(.*)\]$/,
    (_, ports: string) => `EXPOSE ${ports.replace(/:\{\}/g, "")}`,
  );
  s = s.replace(
    /^(CMD|ENTRYPOINT|SHELL|VOLUME) (\[.*\])$/s,
    (m, kw: string, arr: string) => `${kw} ${jsonArray(arr) ?? arr}`,
  );
  // Heredocs need their newlines; anything else multi-line becomes continuation lines.
  return /<<-?['"]?\w+/.test(s) ? s : s.replace(/\n/g, " \\\n");
}

/** The classic builder and BuildKit print exec-form arrays Go-style, without commas: `["a" "b"]`. */
function jsonArray(arr: string): string | undefined {
  try {
    JSON.parse(arr);
    return arr;
  } catch {
    const items = arr.slice(1, -1).match(/"(?:[^"\\]|\\.)*"/g);
    return items ? `[${items.join(", ")}]` : undefined;
  }
}

/** Rule messages point at other instructions by line ("after the RUN on line 7"); name the layer instead. */
function lineToLayer(byLine: Map<number, ReconstructedStep>, message: string): string {
  return message.replace(/\b(on )?line (\d+)\b/g, (m, on: string | undefined, n: string) => {
    const step = byLine.get(Number(n));
    if (!step) return m;
    return `${on ? "in " : ""}${step.layer !== undefined ? `layer ${step.layer}` : `history entry ${step.history}`}`;
  });
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, " ").trim();
const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;

/**
 * Rules a reconstruction cannot judge: builder stages and the build context are not in the
 * final image's history, and the base/user/secret facts come from the image itself (the
 * root-user, secret-in-config and base-image-alternative detectors).
 */
const NOT_FROM_HISTORY = new Set([
  "no-multi-stage",
  "build-tools-in-final-stage",
  "copy-context-without-dockerignore",
  "copy-stage-root",
  "heavy-base-image",
  "unpinned-base-image",
  "scratch-without-ca-certificates",
  "runs-as-root",
  "secret-in-env-or-arg",
  "dockerfile-syntax",
]);

/**
 * Turns lint findings on the reconstruction into image findings: each is tied to the history
 * entry and layer of its line, and findings on the FROM line or the base's comments are
 * dropped (the base's own Dockerfile is not the user's to fix).
 */
export function historyFindings(rec: Reconstruction, lint: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  // Looked up per finding: a scan of the steps each time was quadratic in a long history (issue 13 §4).
  const byLine = new Map<number, ReconstructedStep>();
  for (const s of rec.steps) if (!byLine.has(s.line)) byLine.set(s.line, s);
  const instructions = rec.steps.filter((s) => s.instruction);
  for (const f of lint) {
    if (NOT_FROM_HISTORY.has(f.rule) || f.line === undefined) continue;
    const step = lastAtOrBefore(instructions, f.line);
    if (!step) continue;
    out.push({
      rule: f.rule,
      severity: f.severity,
      // Renderers print the layer and instruction beside the message; metadata-only steps have no layer to print.
      message:
        step.layer !== undefined
          ? lineToLayer(byLine, f.message)
          : `history entry ${step.history} (${oneLine(instructionOf(step.createdBy)).slice(0, 70)}): ${lineToLayer(byLine, f.message)}`,
      ...(f.hadolint?.length ? { hadolint: f.hadolint } : {}),
      ...(step.layer !== undefined ? { layer: step.layer, origin: "user" as const } : {}),
      createdBy: step.createdBy,
    });
  }
  return out;
}

/** The last step (steps ascend by line) whose line is at or before `line`. */
function lastAtOrBefore(steps: ReconstructedStep[], line: number): ReconstructedStep | undefined {
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid].line <= line) lo = mid + 1;
    else hi = mid;
  }
  return steps[lo - 1];
}
