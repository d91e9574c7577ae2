/** Unified diff of two texts by lines (GNU diff -u format, 3 lines of context by default). */
export function unifiedDiff(
  before: string,
  after: string,
  names: { from: string; to: string },
  context = 3,
): string {
  if (before === after) return "";
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const hunks = groupHunks(ops, context);
  let out = `--- ${names.from}\n+++ ${names.to}\n`;
  for (const h of hunks) {
    const aStart = h[0].ai;
    const bStart = h[0].bi;
    const aLen = h.filter((o) => o.kind !== "+").length;
    const bLen = h.filter((o) => o.kind !== "-").length;
    out += `@@ -${range(aStart, aLen)} +${range(bStart, bLen)} @@\n`;
    for (const o of h) {
      const line = o.kind === "+" ? b[o.bi] : a[o.ai];
      // The last line of a text without a final newline carries NOEOL, so it differs from the same line with one.
      const bare = line.endsWith(NOEOL) ? line.slice(0, -NOEOL.length) : line;
      out += `${o.kind === "=" ? " " : o.kind}${bare}\n`;
      if (bare !== line) out += "\\ No newline at end of file\n";
    }
  }
  return out;
}

function range(start: number, len: number): string {
  // GNU diff: an empty range names the line before it.
  const first = len === 0 ? start : start + 1;
  return len === 1 ? `${first}` : `${first},${len}`;
}

const NOEOL = "\u0000noeol";

function splitLines(text: string): string[] {
  if (text === "") return [];
  if (text.endsWith("\n")) return text.slice(0, -1).split("\n");
  const lines = text.split("\n");
  lines[lines.length - 1] += NOEOL;
  return lines;
}

interface Op {
  kind: "=" | "-" | "+";
  /** Index into the old lines (for "+", where the insertion happens). */
  ai: number;
  bi: number;
}

/** Longest-common-subsequence diff; common prefix and suffix are trimmed first, so edits to a Dockerfile stay cheap. */
function diffLines(a: string[], b: string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (
    suf < a.length - pre &&
    suf < b.length - pre &&
    a[a.length - 1 - suf] === b[b.length - 1 - suf]
  )
    suf++;
  const n = a.length - pre - suf;
  const m = b.length - pre - suf;
  // lcs[i][j]: LCS length of a[pre+i..] and b[pre+j..] (middle part only).
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] =
        a[pre + i] === b[pre + j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const ops: Op[] = [];
  for (let k = 0; k < pre; k++) ops.push({ kind: "=", ai: k, bi: k });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[pre + i] === b[pre + j])
      ops.push({ kind: "=", ai: pre + i++, bi: pre + j++ });
    else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j]))
      ops.push({ kind: "+", ai: pre + i, bi: pre + j++ });
    else ops.push({ kind: "-", ai: pre + i++, bi: pre + j });
  }
  // Deletions before insertions within a change, as diff -u prints them.
  const ordered = reorderChanges(ops);
  for (let k = 0; k < suf; k++)
    ordered.push({ kind: "=", ai: a.length - suf + k, bi: b.length - suf + k });
  return ordered;
}

function reorderChanges(ops: Op[]): Op[] {
  const out: Op[] = [];
  let run: Op[] = [];
  const flush = () => {
    // Moved in front of the insertions, a deletion sits where the change starts in the new text.
    const bStart = Math.min(...run.map((o) => o.bi));
    out.push(
      ...run.filter((o) => o.kind === "-").map((o) => ({ ...o, bi: bStart })),
      ...run.filter((o) => o.kind === "+"),
    );
    run = [];
  };
  for (const o of ops) {
    if (o.kind === "=") {
      flush();
      out.push(o);
    } else run.push(o);
  }
  flush();
  return out;
}

/** Splits the ops into hunks of changes with `context` unchanged lines around them. */
function groupHunks(ops: Op[], context: number): Op[][] {
  const changed = ops.map((o, i) => (o.kind === "=" ? -1 : i)).filter((i) => i >= 0);
  const hunks: Op[][] = [];
  let start = -1;
  let end = -1;
  for (const i of changed) {
    if (start >= 0 && i - context <= end + context + 1) end = i;
    else {
      if (start >= 0)
        hunks.push(
          ops.slice(Math.max(0, start - context), Math.min(ops.length, end + context + 1)),
        );
      start = i;
      end = i;
    }
  }
  if (start >= 0)
    hunks.push(ops.slice(Math.max(0, start - context), Math.min(ops.length, end + context + 1)));
  return hunks;
}
