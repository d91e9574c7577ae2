import type { Proposal } from "./propose.js";

/**
 * The .dockerignore text with the proposals appended under one comment per group. The
 * existing text is kept byte for byte, comments and order included: appending is the only
 * edit that cannot change what the earlier lines mean, except by excluding more, which is
 * what the proposals were checked for.
 */
export function mergeDockerignore(existing: string | null, proposals: readonly Proposal[]): string {
  if (proposals.length === 0) return existing ?? "";
  const lines: string[] = [
    "# Added by `ballast dockerignore`: not needed by the Dockerfile's COPY/ADD.",
  ];
  let group = "";
  for (const p of proposals) {
    if (p.group !== group) {
      lines.push(`# ${p.reason}`);
      group = p.group;
    }
    lines.push(...p.lines);
  }
  const block = `${lines.join("\n")}\n`;
  if (existing === null || existing === "") return block;
  const eol = existing.includes("\r\n") ? "\r\n" : "\n";
  const sep = existing.endsWith("\n") ? "" : eol;
  return `${existing}${sep}${eol}${block.replace(/\n/g, eol)}`;
}
