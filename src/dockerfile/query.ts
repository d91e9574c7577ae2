import type { Command, Instruction } from "./model.js";

/** Commands of a RUN (empty for other instructions). */
export function commandsOf(instr: Instruction): Command[] {
  return instr.shell?.commands ?? [];
}

function argValues(cmd: Command): string[] {
  const out: string[] = [];
  for (const a of cmd.args) {
    if (a.value === "--") break;
    out.push(a.value);
  }
  return out;
}

/**
 * True if the command was given any of the flags. `--long` also matches `--long=value`;
 * a one-letter `-x` also matches inside a cluster such as `-qy`.
 */
export function hasFlag(cmd: Command, ...flags: string[]): boolean {
  return argValues(cmd).some((arg) =>
    flags.some((flag) => {
      if (arg === flag || (flag.startsWith("--") && arg.startsWith(`${flag}=`))) return true;
      return flag.length === 2 && /^-[A-Za-z]{2,}$/.test(arg) && arg.includes(flag[1]);
    }),
  );
}

/** Values given to a flag (`--f v`, `--f=v`, `-f v`, `-fv`), in order. */
export function flagValues(cmd: Command, ...flags: string[]): string[] {
  const args = argValues(cmd);
  const out: string[] = [];
  args.forEach((arg, i) => {
    for (const flag of flags) {
      if (arg === flag && i + 1 < args.length) out.push(args[i + 1]);
      else if (flag.startsWith("--") && arg.startsWith(`${flag}=`))
        out.push(arg.slice(flag.length + 1));
      else if (
        flag.length === 2 &&
        !flag.startsWith("--") &&
        arg.startsWith(flag) &&
        arg.length > 2 &&
        !arg.startsWith("--")
      )
        out.push(arg.slice(2));
    }
  });
  return out;
}

/** Arguments that are not flags, skipping the values of `valueFlags`. Everything after `--` counts. */
export function positionals(cmd: Command, valueFlags: readonly string[] = []): string[] {
  const out: string[] = [];
  let afterDashes = false;
  for (let i = 0; i < cmd.args.length; i++) {
    const v = cmd.args[i].value;
    if (afterDashes) out.push(v);
    else if (v === "--") afterDashes = true;
    else if (v.startsWith("-") && v !== "-") {
      if (valueFlags.includes(v)) i++;
    } else out.push(v);
  }
  return out;
}

/** First positional argument (`install` in `apt-get -y install x`). */
export function subcommand(cmd: Command, valueFlags: readonly string[] = []): string | undefined {
  return positionals(cmd, valueFlags)[0];
}

/** True when the command is `program` (any of) and, if given, its subcommand is one of `subs`. */
export function isCall(
  cmd: Command,
  programs: string | readonly string[],
  subs?: readonly string[],
  valueFlags: readonly string[] = [],
): boolean {
  const names = typeof programs === "string" ? [programs] : programs;
  if (!names.includes(cmd.name)) return false;
  if (!subs) return true;
  const sub = subcommand(cmd, valueFlags);
  return sub !== undefined && subs.includes(sub);
}

/** Commands after `cmd` in the same RUN. */
export function after(commands: readonly Command[], cmd: Command): Command[] {
  return commands.filter((c) => c.index > cmd.index);
}
