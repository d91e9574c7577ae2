/** Severities shared by Dockerfile and image findings, most severe first. */
export const SEVERITIES = ["error", "warning", "info", "style"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** True when `a` is at least as severe as `b`. */
export function atLeast(a: Severity, b: Severity): boolean {
  return SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b);
}

/**
 * One finding, from a Dockerfile rule or an image detector (same shape, DESIGN.md habit 15).
 * Dockerfile findings carry file/line/column; image findings carry bytes/paths/layer.
 */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  file?: string;
  /** 1-based line of the instruction's first line. */
  line?: number;
  /** 1-based column. */
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** hadolint codes this rule corresponds to. */
  hadolint?: string[];
  /** Bytes involved (image findings). */
  bytes?: number;
  paths?: string[];
  /** Index of the layer that wrote the bytes (image findings). */
  layer?: number;
  createdBy?: string;
  /** Image findings: whether `layer` belongs to the base image or was added on top of it. */
  origin?: "base" | "user";
}
