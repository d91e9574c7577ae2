/** Inline code that survives any content: a backtick run longer than any inside it (CommonMark 6.1). */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Inline code inside a GFM table cell, where a bare "|" would end the cell. */
export const codeCell = (text: string): string => code(text).replace(/\|/g, "\\|");

/**
 * Text for a table cell: one line, cut to `max` characters, pipes escaped (GFM splits cells
 * before it reads code spans). Angle brackets are escaped outside code spans only: inside
 * one, an entity would print literally.
 */
export function cell(text: string, max = 120): string {
  const one = text.replace(/\s+/g, " ").trim();
  const cut = one.length > max ? `${one.slice(0, max - 1)}…` : one;
  return cut
    .split(/(`+[^`]*`+)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, "&lt;").replace(/>/g, "&gt;")))
    .join("")
    .replace(/\|/g, "\\|");
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A folded section; GitHub renders Markdown inside <details> when blank lines surround it. */
export function details(summary: string, body: string): string {
  return `<details><summary>${escapeHtml(summary)}</summary>\n\n${body}\n\n</details>`;
}
