/** Plain types for a parsed Dockerfile; rules see these, never dockerfile-ast or tree-sitter. */

/** Half-open range of UTF-16 offsets into the Dockerfile text. */
export interface Span {
  start: number;
  end: number;
}

/** One `--name=value` instruction flag; `--mount` style `k=v,k=v` values are split into options. */
export interface InstructionFlag {
  name: string;
  value: string | null;
  options: Record<string, string | null>;
}

export interface Heredoc {
  name: string;
  /** Body text, without the closing delimiter line. */
  body: string;
  bodySpan: Span;
  /** False when the file ends before the closing delimiter. */
  terminated: boolean;
  /** `<<-` strips leading tabs. */
  stripTabs: boolean;
}

/** A shell word: `value` is the unquoted text (expansions stay literal), span is in the Dockerfile. */
export interface Word {
  value: string;
  span: Span;
}

/** One simple command found anywhere in a RUN (lists, pipelines, subshells, `if`, `sh -c '…'`). */
export interface Command {
  /** Program basename after wrappers (`sudo`, `env`, …); `pip` for pip3/python -m pip. */
  name: string;
  args: Word[];
  /** Wrappers stripped in front of the program, e.g. `["sudo"]`. */
  wrappers: string[];
  /** `NAME=value` prefixes, including those given to `env`. */
  env: Record<string, string>;
  span: Span;
  /** Id of the pipeline the command belongs to, and its position in it (0 when not piped). */
  pipeline: number;
  pipeIndex: number;
  /** Order of appearance within the RUN. */
  index: number;
}

/** The parsed shell of one RUN (heredoc scripts included). */
export interface ShellScript {
  text: string;
  commands: Command[];
  /** True when the shell parser had to recover from a syntax error. */
  hasError: boolean;
  /** Exec form (`RUN ["a", "b"]`) without a shell. */
  exec: boolean;
}

export interface Instruction {
  /** Upper-cased keyword as written (unknown ones included). */
  keyword: string;
  /** 1-based line/column of the instruction's first character; endLine is the last line. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  span: Span;
  flags: InstructionFlag[];
  /** Arguments on the instruction line(s), heredoc bodies excluded; values unquoted. */
  args: string[];
  /** JSON (exec) form arguments, or null for shell form. */
  json: string[] | null;
  heredocs: Heredoc[];
  /** Index of the stage the instruction belongs to (-1 before the first FROM). */
  stage: number;
  /** True for the trigger of an `ONBUILD` (it runs in images built from this one). */
  onbuild: boolean;
  /** Parsed shell for RUN (shell and exec form); null elsewhere. */
  shell: ShellScript | null;
  /** ENV/ARG/LABEL properties in order (value null for `ARG NAME` without default). */
  properties: { name: string; value: string | null }[];
}

export interface ImageRef {
  /** As written, variables resolved where possible. */
  raw: string;
  /** Repository without registry host for Docker Hub official images (`python`, `bitnami/redis`). */
  name: string;
  registry: string | null;
  tag: string | null;
  digest: string | null;
  /** True when an unresolved `$VAR` remains. */
  dynamic: boolean;
}

export interface Stage {
  index: number;
  /** Lower-cased `AS` name. */
  name: string | null;
  from: Instruction;
  image: ImageRef;
  /** Index of the stage this one is built FROM, or null for an external image. */
  parent: number | null;
  instructions: Instruction[];
}

export interface StageGraph {
  stages: Stage[];
  /** Stages whose filesystem reaches the final image (final, its FROM chain, `COPY --from=x / /`). */
  reachesFinal: Set<number>;
  /** Resolves a `--from` value (name or index) to a stage index, or null for an external image. */
  resolve(ref: string): number | null;
}

export interface Directive {
  name: string;
  value: string;
  line: number;
}

export interface CommentLine {
  text: string;
  /** 1-based line. */
  line: number;
}

export interface Dockerfile {
  text: string;
  instructions: Instruction[];
  comments: CommentLine[];
  directives: Directive[];
  escape: string;
  /** ARGs declared before the first FROM, with defaults. */
  globalArgs: Record<string, string | null>;
  graph: StageGraph;
}
