/** Bytes in SI units (kB = 1000 B), as `docker images` and dive print them. */
export function humanBytes(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? "-" : "";
  let v = Math.abs(n);
  if (v < 1000) return `${sign}${v} B`;
  for (const unit of ["kB", "MB", "GB", "TB"]) {
    v /= 1000;
    if (v < 1000 || unit === "TB")
      return `${sign}${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)} ${unit}`;
  }
  return `${n} B`;
}

export function percent(ratio: number | null, digits = 1): string {
  return ratio === null || !Number.isFinite(ratio) ? "n/a" : `${(ratio * 100).toFixed(digits)} %`;
}

/** Cuts text to `width` characters with an ellipsis, on one line. */
export function clip(text: string, width: number): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length <= width ? one : `${one.slice(0, Math.max(0, width - 1))}…`;
}
