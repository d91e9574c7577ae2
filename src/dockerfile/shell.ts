import { createRequire } from "node:module";
import type { Parser as TSParser, TreeCursor } from "web-tree-sitter";
import type { Command, ShellScript, Word } from "./model.js";
import type { MappedText } from "./text.js";
import { InputError } from "../model/errors.js";

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
    return {
      text: exec.map((w) => w.value).join(" "),
      commands: walk.commands,
      hasError: false,
      exec: true,
    };
  }
  const hasError = parseInto(walk, source.text);
  return { text: source.text, commands: walk.commands, hasError, exec: false };
}

function parseInto(walk: Walk, text: string): boolean {
  const tree = walk.parser.parse(text);
  if (!tree) return true;
  try {
    // A cursor walk: Node#namedChildren marshals every child out of wasm, which dominated lint time.
    const cursor = tree.walk();
    walkTree(walk, cursor);
    cursor.delete();
    return tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}

/** Node types whose children may hold commands (`$(…)`, `<(…)`, `"…$(…)…"`). */
const NESTED = new Set([
  "command_substitution",
  "process_substitution",
  "string",
  "concatenation",
  "expansion",
  "arithmetic_expansion",
  "variable_assignment",
  "heredoc_body",
  "array",
]);

/** What to do with the children of a node the walk has entered, and when leaving it. */
interface Frame {
  /** Called with the cursor on each child; returns a frame to walk that child's children, or null. */
  child(cursor: TreeCursor): Frame | null;
  exit(): void;
}

/**
 * Walks the tree with an explicit stack, not recursion: `a && b && …` nests one list node per
 * `&&`, and `$(…$(…))` one node per level, so a RUN of 10k commands overflowed the call
 * stack (issue 13 §4). Commands are recorded in the order the recursive walk gave: a command
 * after the commands nested in its words.
 */
function walkTree(walk: Walk, cursor: TreeCursor): void {
  const root = frameFor(walk, cursor, 0, 0);
  if (!root) return;
  if (!cursor.gotoFirstChild()) return root.exit();
  const stack: Frame[] = [root];
  for (;;) {
    const next = stack[stack.length - 1].child(cursor);
    if (next) {
      if (cursor.gotoFirstChild()) {
        stack.push(next);
        continue;
      }
      next.exit();
    }
    while (!cursor.gotoNextSibling()) {
      cursor.gotoParent();
      stack.pop()!.exit();
      if (stack.length === 0) return;
    }
  }
}

/** The frame for the node under the cursor, seen as a statement in `pipeline` at `pipeIndex`. */
function frameFor(
  walk: Walk,
  cursor: TreeCursor,
  pipeline: number,
  pipeIndex: number,
  depth = 0,
): Frame {
  const type = cursor.nodeType;
  if (type === "command") return commandFrame(walk, cursor, pipeline, pipeIndex, depth + 1);
  if (type === "declaration_command" || type === "unset_command")
    return declarationFrame(walk, cursor, pipeline, pipeIndex);
  if (type === "pipeline") return statementsFrame(walk, walk.pipelines.next++, 0, true, depth);
  return statementsFrame(walk, pipeline, pipeIndex, false, depth);
}

/** Named children are statements: of a new pipeline (numbered in order) or of the enclosing one. */
function statementsFrame(
  walk: Walk,
  pipeline: number,
  pipeIndex: number,
  numbered: boolean,
  depth: number,
): Frame {
  let i = 0;
  return {
    child: (cursor) => {
      if (!cursor.nodeIsNamed) return null;
      return frameFor(walk, cursor, pipeline, numbered ? i++ : pipeIndex, depth);
    },
    exit: () => undefined,
  };
}

/**
 * Commands inside the words of commands (`$(…$(…))`): each level's words hold the text of all
 * the levels inside, so n levels cost n² (10k levels took 4 GB). No real script comes near.
 */
export const MAX_COMMAND_NESTING = 256;

function commandFrame(
  walk: Walk,
  cursor: TreeCursor,
  pipeline: number,
  pipeIndex: number,
  depth: number,
): Frame {
  if (depth > MAX_COMMAND_NESTING)
    throw new InputError(
      `shell commands nested more than ${MAX_COMMAND_NESTING} levels deep (\`$(…)\` in \`$(…)\`…); ballast reads at most ${MAX_COMMAND_NESTING}`,
    );
  const env: Record<string, string> = {};
  const words: Word[] = [];
  const span = { start: walk.shift(cursor.startIndex), end: walk.shift(cursor.endIndex) };
  return {
    child: (c) => {
      const type = c.nodeType;
      if (type === "variable_assignment") {
        const text = c.nodeText;
        const eq = text.indexOf("=");
        env[text.slice(0, eq)] = unquote(text.slice(eq + 1));
      } else if (type === "command_name" || c.currentFieldName === "argument") {
        words.push({
          value: unquote(c.nodeText),
          span: { start: walk.shift(c.startIndex), end: walk.shift(c.endIndex) },
        });
      }
      // Commands nested in a word (`$(…)`, `<(…)`) are statements of no pipeline.
      return NESTED.has(type) || type === "command_name"
        ? statementsFrame(walk, 0, 0, false, depth)
        : null;
    },
    exit: () => {
      if (words.length > 0) addCommand(walk, words, env, span, pipeline, pipeIndex);
    },
  };
}

/** `export A=1`, `declare`, `readonly`, `unset`: recorded as commands with their words as arguments. */
function declarationFrame(
  walk: Walk,
  cursor: TreeCursor,
  pipeline: number,
  pipeIndex: number,
): Frame {
  const words: Word[] = [];
  const span = { start: walk.shift(cursor.startIndex), end: walk.shift(cursor.endIndex) };
  return {
    child: (c) => {
      words.push({
        value: unquote(c.nodeText),
        span: { start: walk.shift(c.startIndex), end: walk.shift(c.endIndex) },
      });
      return null;
    },
    exit: () => {
      if (words.length > 0) addCommand(walk, words, {}, span, pipeline, pipeIndex);
    },
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
  walk.commands.push({
    name,
    args,
    wrappers,
    env,
    span,
    pipeline,
    pipeIndex,
    index: walk.commands.length,
  });
  if (SHELLS.has(name)) parseDashC(walk, args);
}

/** `sh -c 'script'`: the script's commands count as the RUN's own. */
function parseDashC(walk: Walk, args: Word[]): void {
  const c = args.findIndex((w) => /^-[a-z]*c[a-z]*$/.test(w.value));
  const script = c >= 0 ? args[c + 1] : undefined;
  if (!script) return;
  const base =
    script.span.start + (script.span.end - script.span.start > script.value.length ? 1 : 0);
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
  if (!/['"\\$]/.test(raw)) return raw;
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
