import type { TextEdit } from "../fix/edits.js";
import { applyEdits } from "../fix/apply.js";
import { insertAfterWord } from "../rules/fixes.js";
import { APT_VALUE_FLAGS, isAptInstall } from "../rules/packages.js";
import { positionals } from "../dockerfile/query.js";
import { hasNoShell } from "./bases.js";
import { installLine } from "./packages.js";
import { CannotConvert, type BaseKind, type Language } from "./model.js";
import { RUNTIME_ONLY, textOf, type StageFacts } from "./stage.js";

/** A file or directory the runtime stage takes from the builder. */
export interface Copy {
  from: string;
  to: string;
  why: string;
}

/** What a language planner decides; `renderPlan` turns it into the two-stage Dockerfile. */
export interface Plan {
  language: Language;
  baseKind: BaseKind;
  base: string;
  pm: "apt" | "apk" | null;
  packages: string[];
  builderEdits: TextEdit[];
  builderChanges: string[];
  copies: Copy[];
  /** Lines for the runtime stage before the copies (user creation…). */
  setup: string[];
  /** Lines after the moved settings (USER 65532:65532 on scratch…). */
  trailer: string[];
  caveats: string[];
  nativeArtifacts: string[];
}

export function emptyPlan(language: Language, baseKind: BaseKind, base: string): Plan {
  return {
    language,
    baseKind,
    base,
    pm: null,
    packages: [],
    builderEdits: [],
    builderChanges: [],
    copies: [],
    setup: [],
    trailer: [],
    caveats: [],
    nativeArtifacts: [],
  };
}

/** Adds packages to the first apt-get install of the builder (ca-certificates, python3-venv…). */
export function addToAptInstall(facts: StageFacts, plan: Plan, names: string[]): boolean {
  const missing = names.filter((n) => !facts.apt.includes(n));
  if (missing.length === 0) return true;
  const install = facts.commands.find((c) => isAptInstall(c.cmd));
  if (!install) return false;
  const words = install.cmd.args.filter((a) =>
    positionals(install.cmd, APT_VALUE_FLAGS).includes(a.value),
  );
  const last = words[words.length - 1];
  const edit = last && insertAfterWord(facts.df, last, missing.join(" "));
  if (!edit) return false;
  plan.builderEdits.push(edit);
  plan.builderChanges.push(`installs ${missing.join(", ")} in the builder`);
  return true;
}

const USER_TOOLS = ["useradd", "adduser", "groupadd", "addgroup"];
const BASE_USERS = new Set(["root", "0", "nobody", "daemon", "65534", "0:0"]);

/** Makes the original USER exist in the runtime stage: replayed user creation, or the builder's passwd. */
export function carryUser(facts: StageFacts, plan: Plan): void {
  const user = facts.user;
  if (!user || BASE_USERS.has(user) || /^\d+(:\d+)?$/.test(user)) return;
  if (hasNoShell(plan.base)) {
    plan.copies.push(
      { from: "/etc/passwd", to: "/etc/passwd", why: `user ${user} (no shell to create it)` },
      { from: "/etc/group", to: "/etc/group", why: `group of ${user}` },
    );
    return;
  }
  const creating = facts.commands.filter((c) => USER_TOOLS.includes(c.cmd.name));
  if (creating.length === 0) return;
  plan.setup.push(`RUN ${creating.map((c) => textOf(facts, c.cmd.span)).join(" \\\n && ")}`);
}

/** The builder: the original stage with its runtime-only settings moved out and the planner's edits. */
function builderText(facts: StageFacts, plan: Plan): { preamble: string; stage: string } {
  const { df, stage } = facts;
  const edits: TextEdit[] = [...plan.builderEdits];
  const from = stage.from;
  const fromText = df.text.slice(from.span.start, from.span.end);
  if (/\sAS\s+\S+\s*$/i.test(fromText)) {
    edits.push({
      start: from.span.start,
      end: from.span.end,
      text: fromText.replace(/\sAS\s+\S+\s*$/i, " AS build"),
    });
  } else edits.push({ start: from.span.end, end: from.span.end, text: " AS build" });
  for (const instr of stage.instructions) {
    if (!RUNTIME_ONLY.includes(instr.keyword)) continue;
    const end = df.text[instr.span.end] === "\n" ? instr.span.end + 1 : instr.span.end;
    edits.push({ start: instr.span.start, end, text: "" });
  }
  const edited = applyEdits(df.text, edits);
  // Offsets before FROM are unchanged: the preamble (directives, global ARGs) stays on top.
  return { preamble: df.text.slice(0, from.span.start), stage: edited.slice(from.span.start) };
}

/** The two-stage Dockerfile, with comments saying what moved and why. */
export function renderPlan(facts: StageFacts, plan: Plan): string {
  const { preamble, stage } = builderText(facts, plan);
  const changes =
    plan.builderChanges.length > 0 ? `; ballast ${plan.builderChanges.join("; ")}` : "";
  const out: string[] = [
    `${preamble}# Build stage: the original steps${changes}.`,
    stage.trimEnd(),
    "",
    `# Runtime stage (ballast fix --multi-stage): only what the program needs to run; the build tools stay in the build stage.`,
    `FROM ${plan.base}`,
  ];
  if (plan.packages.length > 0 && plan.pm) out.push(installLine(plan.pm, plan.packages));
  out.push(...plan.setup);
  for (const c of plan.copies) out.push(`# ${c.why}`, `COPY --from=build ${c.from} ${c.to}`);
  const moved = facts.settings;
  if (moved.length > 0) {
    const kinds = [...new Set(moved.map((i) => i.keyword))].join(", ");
    out.push(`# Moved from the single stage unchanged: ${kinds} (they say how the image runs).`);
    for (const i of moved) out.push(facts.df.text.slice(i.span.start, i.span.end));
  }
  out.push(...plan.trailer);
  for (const c of plan.caveats) out.push(`# Caveat: ${c}`);
  return `${out.join("\n")}\n`;
}

/** Refuses shell-dependent settings on a base without a shell. */
export function checkShellNeeds(facts: StageFacts, plan: Plan): void {
  if (!hasNoShell(plan.base)) return;
  if (facts.shellForm)
    throw new CannotConvert(
      `CMD/ENTRYPOINT use the shell form and ${plan.base} has no shell: write them in exec form, or use --base slim`,
    );
  const hc = facts.settings.find(
    (i) =>
      i.keyword === "HEALTHCHECK" &&
      !/^HEALTHCHECK\s+(?:--\S+\s+)*(NONE\b|CMD\s+\[)/i.test(textOf(facts, i.span)),
  );
  if (hc)
    throw new CannotConvert(
      `HEALTHCHECK runs a shell command and ${plan.base} has no shell: use --base slim`,
    );
}
