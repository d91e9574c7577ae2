import path from "node:path/posix";
import { CannotConvert } from "./model.js";
import type { StageFacts } from "./stage.js";

const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
/** Programs that mean the image still builds or runs build tools when it starts. */
const BUILD_TOOLS = new Set([
  "go",
  "make",
  "cmake",
  "gcc",
  "cc",
  "g++",
  "c++",
  "clang",
  "javac",
  "mvn",
  "gradle",
  "cargo",
  "tsc",
  "ninja",
]);

/** The program the image starts, refusing scripts and build tools (issue 14: "cannot convert safely"). */
export function startProgram(facts: StageFacts): { argv0: string; args: string[] } {
  if (facts.argv.length === 0)
    throw new CannotConvert("no CMD or ENTRYPOINT: nothing says which program to keep");
  const [argv0, ...args] = facts.argv;
  if (facts.shellForm) {
    const script = args[1] ?? "";
    if (/[|&;<>$`(){}*?]/.test(script))
      throw new CannotConvert(
        "CMD/ENTRYPOINT is a shell script: what it needs from the builder is unknown",
      );
    const words = script.trim().split(/\s+/);
    return checked(words[0], words.slice(1));
  }
  return checked(argv0, args);
}

function checked(argv0: string, args: string[]): { argv0: string; args: string[] } {
  const name = path.basename(argv0);
  if (BUILD_TOOLS.has(name))
    throw new CannotConvert(
      `the image starts ${name}, a build tool: it needs the builder at run time`,
    );
  if (
    /\.(sh|bash)$/.test(argv0) ||
    (["sh", "bash", "dash", "ash"].includes(name) && args.length > 0)
  )
    throw new CannotConvert(
      `the image starts a shell script (${args[args.length - 1] ?? argv0}): the tools it calls are unknown`,
    );
  return { argv0, args };
}

/** Where a program name resolves: absolute, relative to WORKDIR, or each PATH directory. */
export function candidatesFor(facts: StageFacts, argv0: string): string[] {
  if (argv0.includes("/")) return [path.resolve(facts.workdir, argv0)];
  const dirs = (facts.env.PATH ?? DEFAULT_PATH).split(":").filter((d) => d.startsWith("/"));
  return dirs.map((d) => path.join(d, argv0));
}

/** The output among `outputs` that the started program is, or a refusal naming both. */
export function matchOutput(
  facts: StageFacts,
  argv0: string,
  outputs: string[],
  what: string,
): string {
  const candidates = candidatesFor(facts, argv0);
  const hit = candidates.find((c) => outputs.includes(c));
  if (hit) return hit;
  throw new CannotConvert(
    outputs.length === 0
      ? `cannot tell where ${what} puts its output`
      : `the image starts ${argv0}, which is not what ${what} builds (${outputs.join(", ")})`,
  );
}
