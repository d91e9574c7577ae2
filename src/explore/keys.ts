/**
 * Terminal input → key names ("up", "pagedown", "ctrl-c", "wheelup", "a", "?"…). Escape
 * sequences for xterm-style terminals (CSI and SS3), and SGR mouse reports (mode 1006)
 * for the wheel. One chunk may hold several keys (pasted text, fast typing).
 */
const CSI: Record<string, string> = {
  A: "up",
  B: "down",
  C: "right",
  D: "left",
  H: "home",
  F: "end",
  Z: "backtab",
  "1~": "home",
  "7~": "home",
  "4~": "end",
  "8~": "end",
  "5~": "pageup",
  "6~": "pagedown",
  "3~": "delete",
};

const CONTROL: Record<number, string> = {
  3: "ctrl-c",
  9: "tab",
  13: "enter",
  10: "enter",
  21: "ctrl-u",
  127: "backspace",
  8: "backspace",
  2: "pageup",
  6: "pagedown",
};

export function parseKeys(input: string): string[] {
  const keys: string[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (ch === "\x1b") {
      const seq = /^\x1b(?:\[<(\d+);\d+;\d+[Mm]|\[([\d;]*[A-Za-z~])|O([A-Za-z]))/.exec(
        input.slice(i),
      );
      if (!seq) {
        keys.push("esc");
        i++;
        continue;
      }
      if (seq[1] !== undefined) {
        const button = Number(seq[1]);
        if (button === 64) keys.push("wheelup");
        else if (button === 65) keys.push("wheeldown");
      } else {
        const code = (seq[2] ?? seq[3]).replace(/^1;\d+(?=[A-Z])/, "");
        const name = CSI[code];
        if (name) keys.push(name);
      }
      i += seq[0].length;
      continue;
    }
    const code = ch.charCodeAt(0);
    if (CONTROL[code]) keys.push(CONTROL[code]);
    else if (ch === " ") keys.push("space");
    else if (code >= 32) keys.push(ch);
    i++;
  }
  return keys;
}
