import { beforeAll, describe, expect, it } from "vitest";
import { fixText } from "../../src/cli/fix-run.js";
import { parseDockerfile } from "../../src/dockerfile/parse.js";
import { loadShellParser, type ShellParser } from "../../src/dockerfile/shell.js";
import { normalizeText, restoreText } from "../../src/fix/write.js";

let shell: ShellParser;
beforeAll(async () => {
  shell = await loadShellParser();
});

/** Every command of every RUN, as the shell will run it: name and argument values. */
function commands(text: string): string[][] {
  return parseDockerfile(text, shell).instructions.flatMap((i) =>
    (i.shell?.commands ?? []).map((c) => [c.name, ...c.args.map((a) => a.value)]),
  );
}

const CLEAN = [
  ["apt-get", "clean"],
  ["rm", "-rf", "/var/lib/apt/lists/*"],
];
const UPDATE_INSTALL = [
  ["apt-get", "update"],
  ["apt-get", "install", "-y", "--no-install-recommends", "curl"],
];

async function fixed(raw: string): Promise<string> {
  const { text, shape } = normalizeText(raw);
  return restoreText((await fixText(text, { unsafe: false })).output, shape);
}

/**
 * Fixes keep the command's meaning (issue 13 §3): the fixed RUN runs the original commands,
 * word for word, then the appended ones. A fix placed after a dangling `\` made `\ ` an
 * escaped space, an extra argument to the last command.
 */
describe("appended commands keep the RUN's meaning", () => {
  const cases: [string, string, string][] = [
    [
      "last line ends in a dangling backslash",
      "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n",
      "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && apt-get clean && rm -rf /var/lib/apt/lists/* \\\n",
    ],
    [
      "dangling backslash without a final newline",
      "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\",
      "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && apt-get clean && rm -rf /var/lib/apt/lists/* \\",
    ],
    [
      "dangling backslash, then a comment line inside the continuation",
      "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n  # the end\n",
      "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && apt-get clean && rm -rf /var/lib/apt/lists/* \\\n  # the end\n",
    ],
    [
      "dangling backslash, then blank lines",
      "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n\n\n",
      "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && apt-get clean && rm -rf /var/lib/apt/lists/* \\\n\n\n",
    ],
    [
      "CRLF file, leading-&& layout, dangling backslash",
      "FROM debian:bookworm-slim\r\nRUN apt-get update \\\r\n  && apt-get install -y --no-install-recommends curl \\\r\n",
      "FROM debian:bookworm-slim\r\nRUN apt-get update \\\r\n  && apt-get install -y --no-install-recommends curl \\\r\n  && apt-get clean && rm -rf /var/lib/apt/lists/* \\\r\n",
    ],
    [
      "backtick escape directive, dangling escape",
      "# escape=`\nFROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl `\n",
      "# escape=`\nFROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && apt-get clean && rm -rf /var/lib/apt/lists/* `\n",
    ],
  ];
  for (const [name, input, output] of cases) {
    it(name, async () => {
      expect(commands(input)).toEqual(UPDATE_INSTALL);
      const result = await fixed(input);
      expect(result).toBe(output);
      expect(commands(result)).toEqual([...UPDATE_INSTALL, ...CLEAN]);
    });
  }

  it("a script that ends in a literal escaped backslash gets no appended command", async () => {
    // `\\` at the end of a line is not a continuation for BuildKit; nothing can be appended safely.
    const input =
      "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\\\n";
    expect(await fixed(input)).toBe(input);
  });
});
