import type { Dockerfile, Instruction } from "../dockerfile/model.js";
import type { Fix } from "../fix/edits.js";
import { removedBy, runEffects, undoes } from "./artifacts.js";
import { appendCommand, deleteInstruction, runArgsSpan } from "./fixes.js";
import { lastBefore, workdirAt } from "./helpers.js";
import { instructionIndex } from "../dockerfile/scope.js";
import { hasListSeparator } from "./merge-runs.js";

/**
 * Moves a RUN that only cleans up into the RUN that created what it removes: appended there
 * with `&&`, and the later RUN deleted. Only when nothing but non-RUN instructions sits between
 * them (a RUN in between may still need the files), both run in the same stage and WORKDIR,
 * and every command of the later RUN undoes something the earlier one made. Commands the
 * earlier RUN already runs are not repeated.
 */
export function moveCleanup(
  df: Dockerfile,
  later: Instruction,
  creator: Instruction,
): Fix | undefined {
  if (creator.keyword !== "RUN" || creator.stage !== later.stage || creator.onbuild)
    return undefined;
  const shell = later.shell;
  if (
    !shell ||
    shell.exec ||
    shell.hasError ||
    later.heredocs.length > 0 ||
    shell.commands.length === 0
  )
    return undefined;
  const span = runArgsSpan(df, later);
  if (!span || df.text.slice(span.start, span.end).includes("#")) return undefined;
  const blocker = lastBefore(
    df,
    later,
    "move-cleanup:run-or-workdir",
    (i) => i.keyword === "RUN" || i.keyword === "WORKDIR",
  );
  if (blocker && instructionIndex(df, blocker) > instructionIndex(df, creator)) return undefined;
  const workdir = workdirAt(df, later);
  if (workdirAt(df, creator) !== workdir) return undefined;
  // What the creator left, and what it made and removed again (a later rm of that is redundant).
  const effects = runEffects(df, creator);
  const made = [...effects.survivors, ...effects.cancelled];
  const undoesCreator = shell.commands.every((c) => {
    const removed = removedBy(c, workdir);
    return removed.some((r) => made.some((m) => undoes(r, m)));
  });
  if (!undoesCreator) return undefined;
  const already = creator.shell?.text ?? "";
  const missing = shell.commands.filter(
    (c) => !already.includes(df.text.slice(c.span.start, c.span.end)),
  );
  const remove = deleteInstruction(df, later);
  if (!remove) return undefined;
  const description = `move the cleanup into the RUN on line ${creator.line}`;
  if (missing.length === 0) return { applicability: "unsafe", description, edits: [remove] };
  const script = shell.text.trim().replace(/;$/, "");
  const append = appendCommand(df, creator, hasListSeparator(script) ? `{ ${script}; }` : script);
  return append ? { applicability: "unsafe", description, edits: [append, remove] } : undefined;
}
