/** "1 file", "2 files": a count with its noun agreeing (issue 18: "1 files", "1 groups"). */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
