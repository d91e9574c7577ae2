/**
 * The candidates closest to a mistyped name, best first: those starting with it, then those
 * containing it (or contained in it), then those within a few edits. For "did you mean" hints.
 */
export function nearest(query: string, candidates: readonly string[], max = 3): string[] {
  const q = query.toLowerCase();
  const scored: [number, string][] = [];
  for (const c of new Set(candidates)) {
    const l = c.toLowerCase();
    if (l === q) continue;
    const gap = Math.abs(l.length - q.length) / 1000;
    if (l.startsWith(q)) scored.push([gap, c]);
    else if (l.includes(q) || q.includes(l)) scored.push([0.5 + gap, c]);
    else {
      const d = editDistance(l, q);
      if (d <= Math.max(2, Math.floor(q.length / 3))) scored.push([d, c]);
    }
  }
  return scored
    .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]))
    .slice(0, max)
    .map(([, c]) => c);
}

/** Levenshtein distance, two rows at a time. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}
