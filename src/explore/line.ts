/** A run of text in one style; the terminal view maps styles to colours (none under NO_COLOR). */
export interface Segment {
  text: string;
  style?: Style;
}
export type Style =
  "title" | "dim" | "selected" | "cursor" | "added" | "modified" | "deleted" | "waste" | "error";
export type Line = Segment[];

/** Cuts or pads a line to exactly `width` characters. */
export function fit(line: Line, width: number): Line {
  const out: Line = [];
  let used = 0;
  for (const seg of line) {
    if (used >= width) break;
    const text = seg.text.length > width - used ? clipText(seg.text, width - used) : seg.text;
    out.push({ ...seg, text });
    used += text.length;
  }
  if (used < width) out.push({ text: " ".repeat(width - used) });
  return out;
}

function clipText(text: string, width: number): string {
  return width <= 1 ? text.slice(0, width) : `${text.slice(0, width - 1)}…`;
}

/** The same line with every segment in one style (a highlighted row). */
export function styled(line: Line, style: Style): Line {
  return line.map((s) => ({ ...s, style }));
}

export function plain(text: string, style?: Style): Line {
  return [{ text, ...(style ? { style } : {}) }];
}

export const lineText = (line: Line) => line.map((s) => s.text).join("");

/** A box of `height` lines around `body` (clipped or padded), with a title in the top border. */
export function box(
  title: string,
  body: Line[],
  width: number,
  height: number,
  active: boolean,
): Line[] {
  const inner = width - 2;
  const head = `─ ${title} `;
  const top: Line = [
    { text: "┌" },
    {
      text: head.length > inner ? head.slice(0, inner) : head,
      style: active ? "title" : undefined,
    },
    { text: `${"─".repeat(Math.max(0, inner - head.length))}┐` },
  ];
  const lines = [top];
  for (let i = 0; i < height - 2; i++)
    lines.push([{ text: "│" }, ...fit(body[i] ?? [], inner), { text: "│" }]);
  lines.push([{ text: `└${"─".repeat(inner)}┘` }]);
  return lines;
}
