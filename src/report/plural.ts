/** "1 file", "2 files": a count with its noun agreeing (issue 18: "1 files", "1 groups"). */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/**
 * What to call the blob bytes: "compressed" when any layer is compressed, else "stored".
 * An uncompressed layer's blob is slightly larger than its files (tar headers, padding),
 * and "compressed > uncompressed" read as a bug (issue 18).
 */
export function blobWord(layers: readonly { compression: string }[]): "compressed" | "stored" {
  return layers.some((l) => l.compression !== "none") ? "compressed" : "stored";
}
