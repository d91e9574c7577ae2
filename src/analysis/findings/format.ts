import { instructionOf } from "../history.js";

/** Bytes in SI units (kB = 1000 B), as `docker images` and dive print them. */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  let v = n;
  for (const unit of ["kB", "MB", "GB", "TB"]) {
    v /= 1000;
    if (v < 1000 || unit === "TB")
      return `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)} ${unit}`;
  }
  return `${n} B`;
}

/** "layer 2 (RUN apt-get update)": where a reader changes the Dockerfile. */
export function describeLayer(layer: number, createdBy: string | undefined): string {
  const instr = instructionOf(createdBy ?? "").replace(/\s+/g, " ");
  if (!instr) return `layer ${layer}`;
  return `layer ${layer} (${instr.length > 70 ? `${instr.slice(0, 69)}…` : instr})`;
}

/** "a, b and 3 more" for lists in messages. */
export function listNames(names: string[], max = 6): string {
  if (names.length <= max) return names.join(", ");
  return `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
