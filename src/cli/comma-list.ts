/** Commander parser for repeatable comma-separated options: `--ignore a,b --ignore c` → [a, b, c]. */
export const commaList = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
];
