import { humanBytes } from "../report/units.js";
import type { DockerignoreAnalysis } from "./run.js";

const count = (n: number, word: string) =>
  `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

/** The text report of `ballast dockerignore`. */
export function renderDockerignore(
  a: DockerignoreAnalysis,
  opts: { shownContext: string; written: boolean },
): string {
  const out: string[] = [];
  const ignored =
    a.existing === null
      ? "no .dockerignore"
      : `.dockerignore excludes ${count(a.now.excludedFiles, "file")}, ${humanBytes(a.now.excludedBytes)}`;
  out.push(
    `build context ${opts.shownContext}: ${count(a.now.files, "file")}, ${humanBytes(a.now.bytes)} sent to the builder (${ignored})`,
  );
  if (a.now.largest.length > 0) {
    out.push("largest directories sent:");
    const w = Math.max(...a.now.largest.map((d) => d.path.length));
    for (const d of a.now.largest) {
      const name = d.path === "." ? "(root files)" : `${d.path}/`;
      out.push(
        `  ${name.padEnd(w + 1)}  ${humanBytes(d.bytes).padStart(9)}  ${count(d.files, "file")}`,
      );
    }
  }
  for (const w of a.warnings) out.push(`warning: ${a.ignoreFile} ${w}`);
  if (a.dockerfile === null)
    out.push("no Dockerfile found: only VCS, secrets, caches, editor files and logs are proposed");
  if (a.proposals.length === 0)
    out.push("nothing to add: no proposed entry would exclude anything still sent");
  else {
    const saved = a.now.bytes - a.after.bytes;
    const pct =
      a.now.bytes > 0 ? ` (${((100 * saved) / a.now.bytes).toFixed(1)} % of what is sent)` : "";
    out.push(
      `${opts.written ? "added" : "proposed"} entries, ${humanBytes(saved)} less to send${pct}:`,
    );
    const w = Math.max(...a.proposals.map((p) => p.lines.join(" ").length));
    for (const p of a.proposals) {
      out.push(
        `  ${p.lines.join(" ").padEnd(w)}  ${humanBytes(p.bytes).padStart(9)}  ${count(p.files, "file").padEnd(11)}  ${p.reason}`,
      );
    }
    out.push(`after: ${count(a.after.files, "file")}, ${humanBytes(a.after.bytes)}`);
  }
  if (a.skipped.length > 0) {
    out.push("not proposed:");
    for (const s of a.skipped) out.push(`  ${s.pattern}: ${s.why}`);
  }
  if (a.proposals.length > 0)
    out.push(
      opts.written ? `wrote ${a.ignoreFile}` : `run with --write to add them to ${a.ignoreFile}`,
    );
  return `${out.join("\n")}\n`;
}
