import { beforeAll, describe, expect, it } from "vitest";
import { parseDockerfile } from "./parse.js";
import { loadShellParser, type ShellParser } from "./shell.js";
import { flagValues, hasFlag, positionals, subcommand } from "./query.js";

let shell: ShellParser;
beforeAll(async () => {
  shell = await loadShellParser();
});
const parse = (text: string) => parseDockerfile(text, shell);

describe("parseDockerfile", () => {
  it("reads directives, lines and flags", () => {
    const df = parse(
      "# syntax=docker/dockerfile:1\nFROM debian:bookworm AS build\nRUN --mount=type=cache,target=/var/cache/apt \\\n  apt-get update\n",
    );
    expect(df.directives).toEqual([{ name: "syntax", value: "docker/dockerfile:1", line: 1 }]);
    const run = df.instructions[1];
    expect([run.keyword, run.line, run.endLine, run.column]).toEqual(["RUN", 3, 4, 1]);
    expect(run.flags[0]).toMatchObject({
      name: "mount",
      options: { type: "cache", target: "/var/cache/apt" },
    });
    expect(run.shell?.commands.map((c) => c.name)).toEqual(["apt-get"]);
  });

  it("drops comment lines inside continuations and maps commands back to the Dockerfile", () => {
    const text =
      "FROM a\nRUN apt-get update \\\n    # a comment\n\n  && rm -rf /var/lib/apt/lists/*\n";
    const cmds = parse(text).instructions[1].shell!.commands;
    expect(cmds.map((c) => c.name)).toEqual(["apt-get", "rm"]);
    expect(text.slice(cmds[1].span.start, cmds[1].span.end)).toBe("rm -rf /var/lib/apt/lists/*");
    expect(text.slice(cmds[1].args[1].span.start, cmds[1].args[1].span.end)).toBe(
      "/var/lib/apt/lists/*",
    );
  });

  it("parses a heredoc RUN body as the script, and not a heredoc fed to python", () => {
    const df = parse(
      "FROM a\nRUN <<EOF\nset -e\napt-get install -y curl\nEOF\nRUN python3 <<'PY'\nimport os\nPY\n",
    );
    expect(df.instructions[1].shell!.commands.map((c) => c.name)).toEqual(["set", "apt-get"]);
    expect(df.instructions[1].endLine).toBe(5);
    expect(df.instructions[2].shell!.commands.map((c) => c.name)).toEqual(["python3"]);
    expect(df.instructions[1].heredocs[0]).toMatchObject({ name: "EOF", terminated: true });
  });

  it("reports an unterminated heredoc", () => {
    const df = parse("FROM a\nRUN <<EOF\necho hi\n");
    expect(df.instructions[1].heredocs[0].terminated).toBe(false);
  });

  it("reads exec form and unwraps sh -c, sudo, env and python -m pip", () => {
    const df = parse(
      'FROM a\nRUN ["sh", "-c", "apt-get update && apt-get install -y x"]\nRUN sudo -u root env A=1 python3 -m pip install --no-cache-dir x\n',
    );
    expect(df.instructions[1].shell!.commands.map((c) => c.name)).toEqual([
      "sh",
      "apt-get",
      "apt-get",
    ]);
    const pip = df.instructions[2].shell!.commands[0];
    expect(pip).toMatchObject({ name: "pip", wrappers: ["sudo", "env"], env: { A: "1" } });
    expect(hasFlag(pip, "--no-cache-dir")).toBe(true);
    expect(subcommand(pip)).toBe("install");
  });

  it("tracks pipelines and command substitutions", () => {
    const cmds = parse("FROM a\nRUN curl -fsSL https://x | sh -s -- -y && echo $(id -u)\n")
      .instructions[1].shell!.commands;
    expect(cmds.map((c) => [c.name, c.pipeIndex])).toEqual([
      ["curl", 0],
      ["sh", 1],
      ["id", 0],
      ["echo", 0],
    ]);
    expect(cmds[0].pipeline).toBe(cmds[1].pipeline);
    expect(cmds[0].pipeline).not.toBe(0);
  });

  it("treats ONBUILD triggers as instructions of their own", () => {
    const df = parse("FROM a\nONBUILD RUN apk add x\n");
    expect(df.instructions[1]).toMatchObject({ keyword: "RUN", onbuild: true, line: 2 });
    expect(df.instructions[1].shell!.commands[0].name).toBe("apk");
  });

  it("keeps unknown instructions and honours the escape directive", () => {
    const df = parse("# escape=`\nFROM a\nFROBNICATE x\nRUN echo a `\n  && echo b\n");
    expect(df.escape).toBe("`");
    expect(df.instructions.map((i) => i.keyword)).toEqual(["FROM", "FROBNICATE", "RUN"]);
    expect(df.instructions[2].shell!.commands.map((c) => c.name)).toEqual(["echo", "echo"]);
  });
});

describe("odd but valid input", () => {
  it("handles CRLF line endings", () => {
    const df = parse(
      "FROM a\r\nRUN apt-get update \\\r\n  && rm -rf /var/lib/apt/lists/*\r\nUSER x\r\n",
    );
    expect(df.instructions.map((i) => [i.keyword, i.line, i.endLine])).toEqual([
      ["FROM", 1, 1],
      ["RUN", 2, 3],
      ["USER", 4, 4],
    ]);
    expect(df.instructions[1].shell!.commands.map((c) => c.name)).toEqual(["apt-get", "rm"]);
  });

  it("blanks quoted heredoc markers and keeps COPY heredoc bodies out of the arguments", () => {
    const df = parse(
      'FROM a\nRUN <<"EOF"\necho "$HOME"\nEOF\nCOPY <<EOT /etc/motd\nhello world\nEOT\n',
    );
    expect(
      df.instructions[1].shell!.commands.map((c) => [c.name, c.args.map((a) => a.value)]),
    ).toEqual([["echo", ["$HOME"]]]);
    expect(df.instructions[2].args).toEqual(["<<EOT", "/etc/motd"]);
  });

  it("reads FROM --platform, stage names in any case, and instructions in lower case", () => {
    const df = parse("from --platform=$BUILDPLATFORM golang:1.22 as Build\nFROM build\n");
    expect(df.graph.stages.map((s) => [s.image.raw, s.name, s.parent])).toEqual([
      ["golang:1.22", "build", null],
      ["build", null, 0],
    ]);
  });
});

describe("stages", () => {
  it("resolves FROM stage, COPY --from and what reaches the final image", () => {
    const df = parse(
      [
        "ARG V=3.12",
        "FROM python:${V} AS base",
        "FROM base AS deps",
        "FROM golang:1.22 AS build",
        "FROM scratch AS rootfs",
        "FROM base",
        "COPY --from=build /out/app /app",
        "COPY --from=rootfs / /",
      ].join("\n"),
    );
    const g = df.graph;
    expect(g.stages.map((s) => s.parent)).toEqual([null, 0, null, null, 0]);
    expect(g.stages[0].image).toMatchObject({ name: "python", tag: "3.12" });
    expect([...g.reachesFinal].sort()).toEqual([0, 3, 4]);
    expect(g.resolve("BUILD")).toBe(2);
    expect(g.resolve("1")).toBe(1);
    expect(g.resolve("alpine")).toBeNull();
  });
});

describe("query helpers", () => {
  it("finds clustered short flags, values and positionals", () => {
    const cmd = parse("FROM a\nRUN apk add -qt .deps --no-cache gcc make\n").instructions[1].shell!
      .commands[0];
    expect(hasFlag(cmd, "-t")).toBe(true);
    expect(hasFlag(cmd, "-y")).toBe(false);
    expect(flagValues(cmd, "--virtual", "-t")).toEqual([]);
    expect(positionals(cmd, ["-t", "--virtual"])).toEqual(
      ["add", "-qt", ".deps", "gcc", "make"].filter((v) => !v.startsWith("-")),
    );
    const apt = parse("FROM a\nRUN apt-get -o APT::Install-Recommends=false install -y x\n")
      .instructions[1].shell!.commands[0];
    expect(subcommand(apt, ["-o"])).toBe("install");
    expect(flagValues(apt, "-o")).toEqual(["APT::Install-Recommends=false"]);
  });
});
