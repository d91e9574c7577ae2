import { createRequire } from "node:module";
import type { Node as SyntaxNode, Parser as TSParser } from "web-tree-sitter";
import type { Command, ShellScript, Word } from "./model.js";
import type { MappedText } from "./text.js";

/** A ready shell parser; obtain one with loadShellParser(). */
export interface ShellParser {
  parse(source: MappedText, exec?: Word[] | null): ShellScript;
}

let loading: Promise<ShellParser> | undefined;

/**
 * Loads tree-sitter-bash once per process. Lazy so that `ballast --version` and commands
 * that never lint do not pay the ~20–100 ms wasm start-up (LIBRARIES.md (b)).
 */
export function loadShellParser(): Promise<ShellParser> {
  loading ??= (async () => {
    const { Parser, Language } = await import("web-tree-sitter");
    await Parser.init();
    const require = createRequire(import.meta.url);
    const language = await Language.load(require.resolve("tree-sitter-bash/tree-sitter-bash.wasm"));
    const parser = new Parser();
    parser.setLanguage(language);
    return { parse: (source, exec) => parseScript(parser, source, exec ?? null) };
  })();
  return loading;
}

const SHELLS = new Set(["sh", "bash", "ash", "dash", "zsh", "ksh"]);
/** Wrappers and the flags of theirs that take a value. */
const WRAPPERS: Record<string, Set<string>> = {
  sudo: new Set(["-u", "-g", "-h", "-p", "-C", "-D", "-U", "-r", "-t"]),
  env: new Set(["-u", "-C", "-S"]),
  nice: new Set(["-n"]),
  nohup: new Set(),
  time: new Set(["-f", "-o"]),
  command: new Set(),
  exec: new Set(["-a"]),
  stdbuf: new Set(["-i", "-o", "-e"]),
  doas: new Set(["-u", "-C"]),
};

interface Walk {
  parser: TSParser;
  source: MappedText;
  /** Added to tree offsets when parsing a nested `sh -c` script. */
  shift: (i: number) => number;
  commands: Command[];
  pipelines: { next: number };
}

function parseScript(parser: TSParser, source: MappedText, exec: Word[] | null): ShellScript {
  const walk: Walk = {
    parser,
    source,
    shift: (i) => source.map[Math.min(i, source.map.length - 1)],
    commands: [],
    pipelines: { next: 1 },
  };
  if (exec) {
    const span = { start: source.map[0], end: source.map[source.map.length - 1] };
    if (exec.length > 0) addCommand(walk, [...exec], {}, span, 0, 0);
    return { text: exec.map((w) => w.value).join(" "), commands: walk.commands, hasError: false, exec: true };
  }
  const hasError = parseInto(walk, source.text);
  return { text: source.text, commands: walk.commands, hasError, exec: false };
}

function parseInto(walk: Walk, text: string): boolean {
  const tree = walk.parser.parse(text);
  if (!tree) return true;
  try {
    visit(walk, tree.rootNode, 0, 0);
    return tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}

function visit(walk: Walk, node: SyntaxNode, pipeline: number, pipeIndex: number): void {
  if (node.type === "command") {
    visitCommand(walk, node, pipeline, pipeIndex);
    return;
  }
  if (node.type === "declaration_command" || node.type === "unset_command") {
    // `export A=1`, `declare`, `readonly`, `unset`: recorded as commands with their words as arguments.
    const words = node.children.filter((c): c is SyntaxNode => c !== null).map((c) => toWord(walk, c));
    const span = { start: walk.shift(node.startIndex), end: walk.shift(node.endIndex) };
    if (words.length > 0) addCommand(walk, words, {}, span, pipeline, pipeIndex);
    return;
  }
  if (node.type === "pipeline") {
    const id = walk.pipelines.next++;
    node.namedChildren.forEach((child, i) => child && visit(walk, child, id, i));
    return;
  }
  for (const child of node.namedChildren) if (child) visit(walk, child, pipeline, pipeIndex);
}

function visitCommand(walk: Walk, node: SyntaxNode, pipeline: number, pipeIndex: number): void {
  const env: Record<string, string> = {};
  const words: Word[] = [];
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (!child) continue;
    const field = node.fieldNameForChild(i);
    if (child.type === "variable_assignment") {
      const name = child.childForFieldName("name")?.text ?? "";
      const value = child.childForFieldName("value");
      env[name] = value ? unquote(value.text) : "";
    } else if (child.type === "command_name" || field === "argument") {
      words.push(toWord(walk, child));
    }
    // Command substitutions inside arguments are commands too.
    if (child.type !== "command_name" || child.namedChildCount > 0) {
      for (const inner of child.namedChildren) if (inner) visit(walk, inner, 0, 0);
    }
  }
  const span = { start: walk.shift(node.startIndex), end: walk.shift(node.endIndex) };
  if (words.length > 0) addCommand(walk, words, env, span, pipeline, pipeIndex);
}

function toWord(walk: Walk, node: SyntaxNode): Word {
  return {
    value: unquote(node.text),
    span: { start: walk.shift(node.startIndex), end: walk.shift(node.endIndex) },
  };
}

function addCommand(
  walk: Walk,
  words: Word[],
  env: Record<string, string>,
  span: { start: number; end: number },
  pipeline: number,
  pipeIndex: number,
): void {
  const wrappers: string[] = [];
  let rest = words;
  for (;;) {
    const name = basename(rest[0]?.value ?? "");
    const valueFlags = WRAPPERS[name];
    if (!valueFlags || rest.length < 2) break;
    wrappers.push(name);
    let i = 1;
    while (i < rest.length) {
      const v = rest[i].value;
      if ((name === "env" || name === "sudo") && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
        env[v.slice(0, v.indexOf("="))] = v.slice(v.indexOf("=") + 1);
      } else if (v.startsWith("-") && v !== "-") {
        if (valueFlags.has(v)) i++;
      } else break;
      i++;
    }
    rest = rest.slice(i);
    if (rest.length === 0) return;
  }
  let name = basename(rest[0].value);
  let args = rest.slice(1);
  if (/^pip[0-9.]*$/.test(name)) name = "pip";
  const m = args.findIndex((w) => w.value === "-m");
  if (/^python[0-9.]*$/.test(name) && m >= 0 && /^pip[0-9.]*$/.test(args[m + 1]?.value ?? "")) {
    name = "pip";
    args = args.slice(m + 2);
  }
  walk.commands.push({ name, args, wrappers, env, span, pipeline, pipeIndex, index: walk.commands.length });
  if (SHELLS.has(name)) parseDashC(walk, args);
}

/** `sh -c 'script'`: the script's commands count as the RUN's own. */
function parseDashC(walk: Walk, args: Word[]): void {
  const c = args.findIndex((w) => /^-[a-z]*c[a-z]*$/.test(w.value));
  const script = c >= 0 ? args[c + 1] : undefined;
  if (!script) return;
  const base = script.span.start + (script.span.end - script.span.start > script.value.length ? 1 : 0);
  const outer = walk.shift;
  const nested: Walk = { ...walk, shift: (i) => Math.min(base + i, script.span.end) };
  parseInto(nested, script.value);
  walk.shift = outer;
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf("/") + 1);
}

/** Removes shell quoting; expansions (`$X`, `$(…)`) are kept as written. */
export function unquote(raw: string): string {
  let out = "";
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (quote === "'") {
      if (ch === "'") quote = null;
      else out += ch;
    } else if (ch === "\\" && i + 1 < raw.length) {
      const next = raw[i + 1];
      if (quote === '"' && !'"\\$`'.includes(next)) out += ch;
      out += next;
      i++;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === "$" && raw[i + 1] === "'") {
      quote = "'";
      i++;
    } else out += ch;
  }
  return out;
}
