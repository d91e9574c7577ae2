import { describe, expect, it } from "vitest";
import { InputError } from "../model/errors.js";
import { emptyConfig } from "./config.js";
import { parseConfig } from "./config-schema.js";
import { failsThreshold, lintText } from "./lint.js";

const rulesAt = async (text: string, config = emptyConfig()) =>
  (await lintText(text, { config })).map((f) => `${f.line}:${f.rule}`);

const APT = "FROM debian:bookworm-slim\nUSER app\n";

describe("pragmas", () => {
  it("`# ballast ignore=` silences the next instruction only", async () => {
    const text = `${APT}# ballast ignore=apt-no-install-recommends\nRUN apt-get install -y a\nRUN apt-get install -y b\n`;
    expect(await rulesAt(text)).toEqual(["5:apt-no-install-recommends", "5:consecutive-run"]);
  });

  it("hadolint pragmas map through each rule's codes, comments in between allowed", async () => {
    const text = `${APT}# hadolint ignore=DL3015,DL3003\n# why: tested elsewhere\nRUN apt-get install -y a\n`;
    expect(await rulesAt(text)).toEqual([]);
  });

  it("a pragma separated by an instruction does not apply", async () => {
    const text = `${APT}# ballast ignore=apt-no-install-recommends\nWORKDIR /x\nRUN apt-get install -y a\n`;
    expect(await rulesAt(text)).toEqual(["5:apt-no-install-recommends"]);
  });

  it("global ignore applies to the whole file, for both spellings", async () => {
    const text = `# hadolint global ignore=DL3059\n# ballast global ignore=apt-no-install-recommends\n${APT}RUN apt-get install -y a\nRUN apt-get install -y b\n`;
    expect(await rulesAt(text)).toEqual([]);
  });

  it("a pragma on a multi-rule instruction silences only the named rule", async () => {
    const text = `${APT}# ballast ignore=apt-lists-not-removed\nRUN apt-get update && apt-get install -y a\n`;
    expect(await rulesAt(text)).toEqual(["4:apt-no-install-recommends"]);
  });

  it("reports unknown rule names in ballast pragmas, not in hadolint ones", async () => {
    const text = `${APT}# ballast ignore=no-such-rule\n# hadolint ignore=DL9999\nWORKDIR /x\n`;
    expect(await rulesAt(text)).toEqual(["3:dockerfile-syntax"]);
  });
});

describe("config", () => {
  it("ignores rules by id or hadolint code and overrides severities", async () => {
    const config = parseConfig(
      {
        lint: {
          ignore: ["DL3059"],
          severity: { "apt-no-install-recommends": "error", "apt-lists-not-removed": "off" },
        },
      },
      "cfg",
    );
    const found = await lintText(`${APT}RUN apt-get update && apt-get install -y a\nRUN echo\n`, {
      config,
    });
    expect(found.map((f) => [f.rule, f.severity])).toEqual([
      ["apt-no-install-recommends", "error"],
    ]);
  });

  it("opt-in rules run only when enabled", async () => {
    const text = `${APT}RUN apt-get install -y --no-install-recommends curl\n`;
    expect(await rulesAt(text)).toEqual([]);
    expect(
      await rulesAt(text, parseConfig({ lint: { enable: ["apt-pin-versions"] } }, "c")),
    ).toEqual(["3:apt-pin-versions"]);
  });

  it("rejects unknown keys, severities and rule names with the file name", () => {
    expect(() => parseConfig({ lint: { ignroe: [] } }, ".ballast.yaml")).toThrow(
      /\.ballast\.yaml:.*ignroe/,
    );
    expect(() => parseConfig({ lint: { severity: { "runs-as-root": "fatal" } } }, "c")).toThrow(
      InputError,
    );
    expect(() => parseConfig({ lint: { ignore: ["nope"] } }, "c")).toThrow(/unknown rule "nope"/);
  });

  it("leaves the other commands' sections to them, and rejects a misspelt one (issue 17)", () => {
    expect(parseConfig({ cost: { anything: 1 }, ci: {} }, "c").ignore.size).toBe(0);
    expect(() => parseConfig({ lnit: { ignore: [] } }, ".ballast.yaml")).toThrow(
      /\.ballast\.yaml:.*lnit/,
    );
  });

  it("accepts hadolint codes ballast does not implement, with a notice (issue 17)", () => {
    const config = parseConfig({ lint: { ignore: ["DL3003", "SC2086", "DL3009"] } }, "c");
    expect([...config.ignore]).toEqual(["DL3009"]);
    expect(config.notices).toEqual([
      "c: DL3003 is not implemented by ballast; nothing to ignore",
      "c: SC2086 is not implemented by ballast; nothing to ignore",
    ]);
  });
});

describe("one hadolint code per finding (issue 17)", () => {
  const ZYPPER = "FROM opensuse/leap:15.6\nUSER app\n";
  const rpm = async (text: string) =>
    (await rulesAt(text)).filter((r) => r.endsWith("rpm-cache-not-cleaned"));
  it("`# hadolint ignore=DL3036` silences a zypper finding, not a dnf one", async () => {
    const dnf = "FROM fedora:40\nUSER app\n# hadolint ignore=DL3036\nRUN dnf install -y x\n";
    expect(await rpm(dnf)).toEqual(["4:rpm-cache-not-cleaned"]);
    const zypper = `${ZYPPER}# hadolint ignore=DL3036\nRUN zypper -n install x\n`;
    expect(await rpm(zypper)).toEqual([]);
  });

  it("config ignores and severities by code apply per finding", async () => {
    const text = "FROM fedora:40\nUSER app\nRUN dnf install -y x\nRUN zypper -n install y\n";
    const config = parseConfig(
      { lint: { ignore: ["DL3040"], severity: { DL3036: "error" } } },
      "c",
    );
    const found = await lintText(text, { config });
    const rpmFound = found.filter((f) => f.rule === "rpm-cache-not-cleaned");
    expect(rpmFound.map((f) => [f.line, f.rule, f.severity])).toEqual([
      [4, "rpm-cache-not-cleaned", "error"],
    ]);
  });
});

describe("BuildKit check directives", () => {
  it("`# check=skip=` silences a check by name, `error=true` makes the rest errors", async () => {
    const text =
      "# check=skip=JSONArgsRecommended;error=true\nFROM debian:12 as build\nCMD echo hi\n";
    const found = await lintText(text);
    expect(found.filter((f) => f.check).map((f) => [f.check, f.severity])).toEqual([
      ["FromAsCasing", "error"],
    ]);
  });
});

describe("thresholds", () => {
  const f = (severity: "error" | "warning" | "info" | "style") => ({ severity });
  it("fails at or above the threshold, never with none", () => {
    expect(failsThreshold([f("warning")], "warning")).toBe(true);
    expect(failsThreshold([f("info")], "warning")).toBe(false);
    expect(failsThreshold([f("style")], "info")).toBe(false);
    expect(failsThreshold([f("error")], "none")).toBe(false);
  });
});

describe("bad input", () => {
  it("turns a binary file into an InputError, not a crash", async () => {
    await expect(lintText("\u0000\u0001ELF", { file: "a.out" })).rejects.toThrow(
      "a.out: binary file, not a Dockerfile",
    );
  });

  it("reports an unterminated heredoc and unknown instructions as findings", async () => {
    expect(await rulesAt("FROM a:1\nUSER x\nFOO bar\nRUN <<EOF\necho\n")).toEqual([
      "3:dockerfile-syntax",
      "4:dockerfile-syntax",
    ]);
  });
});
