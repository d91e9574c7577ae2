import path from "node:path/posix";
import type { Command, Dockerfile, Instruction, Stage } from "../dockerfile/model.js";
import { expandVars } from "../dockerfile/image-ref.js";
import { commandsOf } from "../dockerfile/query.js";
import {
  APK_VALUE_FLAGS,
  APT_VALUE_FLAGS,
  isApkAdd,
  isAptInstall,
  packageArgs,
  packageName,
} from "../rules/packages.js";
import { CannotConvert } from "./model.js";

/** Instructions that only set how the image runs: they move to the runtime stage (issue 14). */
export const RUNTIME_ONLY = [
  "CMD",
  "ENTRYPOINT",
  "HEALTHCHECK",
  "EXPOSE",
  "LABEL",
  "VOLUME",
  "STOPSIGNAL",
];
/** Instructions the build needs too: kept in the builder and repeated in the runtime stage. */
export const SHARED = ["ENV", "WORKDIR", "USER"];

/** A command of a RUN with the directory and environment it runs in. */
export interface RunCommand {
  cmd: Command;
  instr: Instruction;
  workdir: string;
  env: Record<string, string>;
}

/** What the converter needs to know about the one stage of a single-stage Dockerfile. */
export interface StageFacts {
  df: Dockerfile;
  stage: Stage;
  commands: RunCommand[];
  apt: string[];
  apk: string[];
  /** ENTRYPOINT + CMD as the image would start them (shell form as `/bin/sh -c …`). */
  argv: string[];
  /** CMD/ENTRYPOINT written in shell form. */
  shellForm: boolean;
  workdir: string;
  env: Record<string, string>;
  user: string | null;
  /** Instructions to carry into the runtime stage, in order. */
  settings: Instruction[];
}

/** Reads the single stage; refuses what the converter cannot reason about. */
export function stageFacts(df: Dockerfile): StageFacts {
  const { stages } = df.graph;
  if (stages.length !== 1)
    throw new CannotConvert(
      stages.length === 0
        ? "no FROM instruction"
        : "already a multi-stage build: only single-stage Dockerfiles are converted",
    );
  const stage = stages[0];
  if (stage.image.dynamic)
    throw new CannotConvert(`the base image ${stage.image.raw} depends on a build argument`);
  const facts: StageFacts = {
    df,
    stage,
    commands: [],
    apt: [],
    apk: [],
    argv: [],
    shellForm: false,
    workdir: "/",
    env: {},
    user: null,
    settings: [],
  };
  let entrypoint: string[] = [];
  let cmd: string[] = [];
  for (const instr of stage.instructions) {
    if (instr.onbuild) throw new CannotConvert("ONBUILD triggers: the image is a base for others");
    if (instr.keyword === "SHELL")
      throw new CannotConvert("SHELL changes how RUN works; the runtime stage could not install");
    if (instr.keyword === "ENV")
      for (const p of instr.properties) facts.env[p.name] = expandVars(p.value ?? "", facts.env);
    if (instr.keyword === "WORKDIR")
      facts.workdir = path.resolve(facts.workdir, expandVars(instr.args.join(" "), facts.env));
    if (instr.keyword === "USER") facts.user = instr.args[0] ?? null;
    if (instr.keyword === "ENTRYPOINT") {
      entrypoint = startArgs(instr, facts);
      cmd = [];
    }
    if (instr.keyword === "CMD") cmd = startArgs(instr, facts);
    if (RUNTIME_ONLY.includes(instr.keyword) || SHARED.includes(instr.keyword))
      facts.settings.push(instr);
    if (instr.keyword === "RUN") addRun(facts, instr);
  }
  facts.argv = [...entrypoint, ...cmd];
  return facts;
}

function startArgs(instr: Instruction, facts: StageFacts): string[] {
  if (instr.json) return instr.json;
  facts.shellForm = true;
  return ["/bin/sh", "-c", instr.args.join(" ")];
}

function addRun(facts: StageFacts, instr: Instruction): void {
  for (const cmd of commandsOf(instr)) {
    facts.commands.push({ cmd, instr, workdir: facts.workdir, env: { ...facts.env } });
    if (isAptInstall(cmd))
      // Only `=version` is a pin in apt: `openjdk-17-jdk` is a name, not openjdk at version 17.
      facts.apt.push(...packageArgs(cmd, APT_VALUE_FLAGS).map((p) => p.split("=")[0]));
    if (isApkAdd(cmd)) facts.apk.push(...packageArgs(cmd, APK_VALUE_FLAGS).map(packageName));
  }
}

/** Commands named `name` (any of), in order. */
export function commandsNamed(facts: StageFacts, ...names: string[]): RunCommand[] {
  return facts.commands.filter((c) => names.includes(c.cmd.name));
}

/** The Dockerfile text of an instruction or a command. */
export function textOf(facts: StageFacts, span: { start: number; end: number }): string {
  return facts.df.text.slice(span.start, span.end);
}

/** Resolves a path the way a program running in `workdir` sees it. */
export function resolveIn(workdir: string, p: string): string {
  return path.resolve(workdir, p);
}
