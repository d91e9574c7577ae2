import {
  DockerfileParser,
  type Instruction as AstInstruction,
  Onbuild,
  From,
  JSONInstruction,
  ModifiableInstruction,
  PropertyInstruction,
  type Heredoc as AstHeredoc,
} from "dockerfile-ast";
import type { Dockerfile, Heredoc, Instruction, InstructionFlag, Span } from "./model.js";
import { InputError } from "../model/errors.js";
import { memoizeArgumentTokens } from "./ast-memo.js";
import { checkDockerfileSize } from "./limits.js";
import { runShellSource } from "./run-source.js";
import { unquote, type ShellParser } from "./shell.js";
import { buildStageGraph } from "./stages.js";
import { LineIndex } from "./text.js";

/**
 * Parses Dockerfile text once: instructions, RUN shells, stages. Odd input parses; only input
 * past a documented limit (limits.ts, shell.ts MAX_COMMAND_NESTING) throws, as an InputError.
 */
export function parseDockerfile(text: string, shell: ShellParser): Dockerfile {
  checkDockerfileSize(text);
  memoizeArgumentTokens();
  const ast = DockerfileParser.parse(text);
  const index = new LineIndex(text);
  const escape = ast.getEscapeCharacter();
  const froms = new Map<Instruction, { image: string; name: string | null }>();
  const instructions: Instruction[] = [];
  let stage = -1;
  for (const node of ast.getInstructions()) {
    if (node instanceof From) stage++;
    const trigger = node instanceof Onbuild ? node.getTriggerInstruction() : null;
    const instr = convert(trigger ?? node, {
      text,
      index,
      escape,
      shell,
      stage,
      onbuild: trigger !== null,
    });
    if (node instanceof From && !trigger) {
      // FROM [--platform=…] image [AS name]; read from the converted args rather than asking
      // dockerfile-ast again, which re-tokenises the line on every call (the lint hot path).
      const [image = "", as, name] = instr.args;
      froms.set(instr, { image, name: as?.toLowerCase() === "as" && name ? name : null });
    }
    instructions.push(instr);
  }
  const globalArgs: Record<string, string | null> = {};
  for (const instr of instructions) {
    if (instr.stage >= 0) break;
    if (instr.keyword === "ARG") for (const p of instr.properties) globalArgs[p.name] = p.value;
  }
  return {
    text,
    instructions,
    comments: comments(text, instructions),
    directives: ast
      .getDirectives()
      .map((d) => ({
        name: d.getName().toLowerCase(),
        value: d.getValue(),
        line: d.getRange().start.line + 1,
      }))
      // dockerfile-ast also accepts `# hadolint ignore=X` as a directive; BuildKit's names have no spaces.
      .filter((d) => /^[a-z][a-z0-9]*$/.test(d.name)),
    escape,
    globalArgs,
    graph: buildStageGraph(instructions, froms, globalArgs),
  };
}

interface Ctx {
  text: string;
  index: LineIndex;
  escape: string;
  shell: ShellParser;
  stage: number;
  onbuild: boolean;
}

function convert(node: AstInstruction, ctx: Ctx): Instruction {
  const span = toSpan(ctx.index, node.getRange());
  const start = ctx.index.position(span.start);
  const end = ctx.index.position(span.end);
  const heredocs = heredocsOf(node, ctx, span);
  const bodyStart = heredocs.length > 0 ? heredocs[0].doc.bodySpan.start : Infinity;
  const astArgs = node.getArguments();
  // BuildKit's lexer removes quotes from shell-form arguments (`COPY "a b" /x`).
  const onLine =
    heredocs.length > 0
      ? astArgs.filter((a) => ctx.index.offset(a.getRange().start) < bodyStart)
      : astArgs;
  const args = onLine.map((a) => unquote(a.getValue()));
  const jsonWords =
    node instanceof JSONInstruction && node.getJSONStrings().length > 0
      ? node.getJSONStrings().map((s) => {
          const wordSpan = toSpan(ctx.index, s.getRange());
          return {
            value: decodeJson(ctx.text.slice(wordSpan.start, wordSpan.end)),
            span: wordSpan,
          };
        })
      : null;
  const json = jsonWords ? jsonWords.map((w) => w.value) : null;
  const keyword = node.getKeyword().toUpperCase();
  const instr: Instruction = {
    keyword,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    span,
    flags: node instanceof ModifiableInstruction ? node.getFlags().map(convertFlag) : [],
    args,
    json,
    heredocs: heredocs.map((h) => h.doc),
    stage: ctx.stage,
    onbuild: ctx.onbuild,
    shell: null,
    properties:
      node instanceof PropertyInstruction
        ? node.getProperties().map((p) => ({ name: p.getName(), value: p.getValue() }))
        : [],
  };
  if (keyword === "RUN" && astArgs.length > 0) {
    // Same as getArgumentsRange(), without tokenising the line again.
    const argsSpan = {
      start: ctx.index.offset(astArgs[0].getRange().start),
      end: ctx.index.offset(astArgs[astArgs.length - 1].getRange().end),
    };
    const source = json
      ? { text: "", map: [argsSpan.start, argsSpan.end] }
      : runShellSource(ctx.text, { start: argsSpan.start, end: span.end }, heredocs, ctx.escape);
    try {
      instr.shell = ctx.shell.parse(source, jsonWords);
    } catch (err) {
      throw err instanceof InputError ? new InputError(`line ${start.line}: ${err.message}`) : err;
    }
  }
  return instr;
}

function convertFlag(flag: ReturnType<ModifiableInstruction["getFlags"]>[number]): InstructionFlag {
  const options: Record<string, string | null> = {};
  for (const o of flag.getOptions()) options[o.getName()] = o.getValue();
  return { name: flag.getName(), value: flag.getValue(), options };
}

function heredocsOf(node: AstInstruction, ctx: Ctx, span: Span): { doc: Heredoc; marker: Span }[] {
  const get = (node as unknown as { getHeredocs?: () => AstHeredoc[] }).getHeredocs;
  // getHeredocs() re-tokenises the instruction; most instructions have no `<<` at all.
  if (typeof get !== "function" || !ctx.text.slice(span.start, span.end).includes("<<")) return [];
  return get.call(node).map((h) => {
    const marker = toSpan(ctx.index, h.getStartRange());
    const nameEnd = ctx.index.offset(h.getNameRange().end);
    // The start range stops at the name; a closing quote (`<<"EOF"`) belongs to the marker too.
    if (`"'`.includes(ctx.text[nameEnd] ?? "x") && nameEnd >= marker.end) marker.end = nameEnd + 1;
    const content = h.getContentRange();
    const bodySpan = content ? toSpan(ctx.index, content) : { start: marker.end, end: marker.end };
    return {
      marker,
      doc: {
        name: h.getName(),
        body: ctx.text.slice(bodySpan.start, bodySpan.end),
        bodySpan,
        terminated: h.getDelimiterRange() !== null,
        stripTabs: ctx.text.slice(marker.start, marker.start + 3) === "<<-",
      },
    };
  });
}

function toSpan(
  index: LineIndex,
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
): Span {
  return { start: index.offset(range.start), end: index.offset(range.end) };
}

function decodeJson(quoted: string): string {
  try {
    const value: unknown = JSON.parse(quoted);
    return typeof value === "string" ? value : quoted;
  } catch {
    return quoted.replace(/^"|"$/g, "");
  }
}

/** Comment lines outside instructions (continuation comments and heredoc bodies excluded). */
function comments(text: string, instructions: Instruction[]): { text: string; line: number }[] {
  const inside = new Set<number>();
  for (const i of instructions) for (let l = i.line + 1; l <= i.endLine; l++) inside.add(l);
  const out: { text: string; line: number }[] = [];
  text.split("\n").forEach((raw, n) => {
    const t = raw.trim();
    if (t.startsWith("#") && !inside.has(n + 1)) out.push({ text: t, line: n + 1 });
  });
  return out;
}
