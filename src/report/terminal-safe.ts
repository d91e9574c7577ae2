/**
 * Control characters (C0, DEL, C1) and bidirectional overrides in text read from an image
 * (file names, history, labels), shown as escapes so that they cannot move the cursor,
 * retitle the terminal or reorder what the reader sees (issue 13, issue 15).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** The text with every terminal-unsafe character written as `\n`, `\xNN` or `\u{NNNN}`. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    if (NAMED[ch]) return NAMED[ch];
    const code = ch.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
  });
}
