import { describe, expect, it } from "vitest";
import { groupByDirectory } from "../../src/report/text.js";
import type { WasteItem } from "../../src/model/report.js";

const item = (path: string, size: number, layer = 1, hiddenBy = 2): WasteItem => ({
  path,
  size,
  files: 1,
  layer,
  createdBy: "",
  hiddenBy,
  hiddenByCreatedBy: "",
  kind: "deleted",
});

describe("groupByDirectory", () => {
  it("folds three or more files hidden by the same step in one directory into dir/*", () => {
    const grouped = groupByDirectory([
      item("/l/a", 5),
      item("/l/b", 3),
      item("/l/c", 2),
      item("/x", 7),
    ]);
    expect(grouped.map((g) => [g.path, g.size, g.files])).toEqual([
      ["/l/*", 10, 3],
      ["/x", 7, 1],
    ]);
  });
  it("keeps pairs, and files from different writer layers, apart", () => {
    const grouped = groupByDirectory([item("/l/a", 5), item("/l/b", 3), item("/l/c", 2, 0)]);
    expect(grouped.map((g) => g.path)).toEqual(["/l/a", "/l/b", "/l/c"]);
  });
});
