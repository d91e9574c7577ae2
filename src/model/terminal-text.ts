/**
 * Text from an image or a Dockerfile (file names, history, labels, registry errors) may hold
 * control characters: ESC sequences retitle the window or clear the screen, CR and newlines
 * forge lines, bidi overrides reorder what is read. Text output shows them escaped instead
 * (`\x1b`, `\n`, `\u202e`); JSON, HTML, Markdown and SARIF escape in their own syntax.
 */
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === "\n") return "\\n";
  if (ch === "\r") return "\\r";
  if (ch === "\t") return "\\t";
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, "0")}`;
  return `\\u${code.toString(16).padStart(4, "0")}`;
}

/** `text` with every control character shown escaped; `keep` lists the ones left as they are. */
export function terminalText(text: string, keep = ""): string {
  return text.replace(UNSAFE, (ch) => (keep.includes(ch) ? ch : escapeChar(ch)));
}

/** Lines of text (a generated Dockerfile, a diff): newlines and tabs kept, the rest escaped. */
export const terminalLines = (text: string): string => terminalText(text, "\n\t");

/**
 * A copy of `value` with every string in it made terminal-safe, for the text renderers to
 * draw with their own colours. Iterative: a report's depth is the input's to choose.
 */
export function terminalSafe<T>(value: T): T {
  const root = { value };
  const stack: [Record<string, unknown> | unknown[], string | number][] = [[root, "value"]];
  const seen = new Map<object, unknown>();
  while (stack.length > 0) {
    const [holder, key] = stack.pop()!;
    const v = (holder as Record<string | number, unknown>)[key];
    if (typeof v === "string") {
      (holder as Record<string | number, unknown>)[key] = terminalText(v);
    } else if (Array.isArray(v) || isPlainObject(v)) {
      const known = seen.get(v);
      if (known) {
        (holder as Record<string | number, unknown>)[key] = known;
        continue;
      }
      // Object keys come from the input too (labels).
      const copy: Record<string, unknown> | unknown[] = Array.isArray(v)
        ? [...v]
        : Object.fromEntries(Object.entries(v).map(([k, x]) => [terminalText(k), x]));
      seen.set(v, copy);
      (holder as Record<string | number, unknown>)[key] = copy;
      for (const k of Object.keys(copy)) stack.push([copy, Array.isArray(copy) ? Number(k) : k]);
    }
  }
  return root.value;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
