import { Box, Text, render, type Instance } from "ink";
import { createElement as h, type ReactElement } from "react";
import type { ExploreData } from "./data.js";
import { parseKeys } from "./keys.js";
import type { Line, Style } from "./line.js";
import { screen } from "./screen.js";
import { initialState, type ExploreState } from "./state.js";
import { update } from "./update.js";

export interface TerminalOptions {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  /** false under NO_COLOR: styles keep bold, dim and inverse, and drop colours. */
  color: boolean;
  /** Called once the first screen is on the terminal (the bench times it). */
  onFirstFrame?: () => void;
}

// Alternate screen, hidden cursor, mouse button reports in SGR form (wheel events), and back.
const ENTER = "\x1b[?1049h\x1b[?25l\x1b[?1000h\x1b[?1006h";
const LEAVE = "\x1b[?1006l\x1b[?1000l\x1b[?25h\x1b[?1049l";

/**
 * The full-screen explorer: input keys go through the pure model (update.ts), and ink
 * draws the lines it returns. The terminal is restored on quit, on an error thrown while
 * handling a key (then rethrown to the CLI), on SIGTERM/SIGHUP (returned, for the exit
 * status), and at process exit.
 */
export function runTerminal(
  data: ExploreData,
  o: TerminalOptions,
): Promise<{ signal?: NodeJS.Signals }> {
  const { stdin, stdout } = o;
  let state = initialState(data, stdout.columns || 80, stdout.rows || 24);
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    if (stdin.isTTY) stdin.setRawMode(false);
    stdin.pause();
    stdout.write(LEAVE);
  };
  stdout.write(ENTER);
  let instance: Instance;
  try {
    stdin.setRawMode(true);
    process.once("exit", restore);
    instance = render(frame(state, o.color), {
      stdout,
      stdin,
      exitOnCtrlC: false,
      patchConsole: false,
      maxFps: 240,
    });
  } catch (err) {
    // Before the error reaches the CLI's one-line message, or the message goes to the
    // alternate screen and vanishes with it.
    restore();
    throw err;
  }
  o.onFirstFrame?.();
  return new Promise((resolve, reject) => {
    const finish = (err?: unknown, signal?: NodeJS.Signals) => {
      stdin.off("data", onData);
      stdout.off("resize", onResize);
      for (const sig of SIGNALS) process.off(sig, onSignal);
      instance.unmount();
      restore();
      process.off("exit", restore);
      if (err) reject(err);
      else resolve(signal ? { signal } : {});
    };
    const apply = (inputs: Parameters<typeof update>[1][]) => {
      try {
        for (const input of inputs) {
          state = update(state, input);
          if (state.quit) return finish();
        }
        instance.rerender(frame(state, o.color));
      } catch (err) {
        finish(err);
      }
    };
    const onData = (chunk: Buffer | string) => apply(parseKeys(chunk.toString()));
    const onResize = () => apply([{ resize: [stdout.columns || 80, stdout.rows || 24] }]);
    const onSignal = (sig: NodeJS.Signals) => finish(undefined, sig);
    stdin.on("data", onData);
    stdout.on("resize", onResize);
    for (const sig of SIGNALS) process.once(sig, onSignal);
    stdin.resume();
  });
}

const SIGNALS: NodeJS.Signals[] = ["SIGTERM", "SIGHUP"];

/**
 * One ink Text per screen line, its styles already written as SGR codes: ink lays out 40
 * nodes instead of one per segment, which took a frame from ~95 to ~60 ms under load here.
 */
export function frame(s: ExploreState, color: boolean): ReactElement {
  return h(
    Box,
    { flexDirection: "column", width: s.width, height: s.height },
    ...screen(s).map((line, i) => h(Text, { key: i }, styledLine(line, color))),
  );
}

const COLOR: Partial<Record<Style, string>> = {
  title: "36",
  selected: "36",
  added: "32",
  modified: "33",
  deleted: "31",
  waste: "35",
  error: "31",
};
const ATTRIBUTE: Partial<Record<Style, string>> = {
  title: "1",
  selected: "1",
  error: "1",
  dim: "2",
  cursor: "7",
};

/** A line as text with SGR codes; without colour only bold, dim, underline and inverse. */
export function styledLine(line: Line, color: boolean): string {
  let out = "";
  for (const seg of line) {
    const codes = [ATTRIBUTE[seg.style!], color ? COLOR[seg.style!] : undefined];
    if (!color && seg.style === "selected") codes.push("4");
    const sgr = codes.filter(Boolean).join(";");
    out += sgr ? `\x1b[${sgr}m${seg.text}\x1b[0m` : seg.text;
  }
  return out;
}
