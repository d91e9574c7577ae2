import { beforeAll, describe, expect, it } from "vitest";
import { parseDockerfile } from "../../src/dockerfile/parse.js";
import { loadShellParser, type ShellParser } from "../../src/dockerfile/shell.js";
import { lintText } from "../../src/lint/lint.js";
import { parseProblems } from "../../src/rules/fixes.js";
import { multiStageSkeleton } from "../../src/rules/multi-stage-skeleton.js";

let shell: ShellParser;
beforeAll(async () => {
  shell = await loadShellParser();
});

/** Single-stage Dockerfiles and the lines their skeleton must have (docs/guide.md#2-multi-stage-builds patterns). */
const CASES: { name: string; code: string; language: string; lines: string[] }[] = [
  {
    name: "Go into scratch with CA certificates",
    code: 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nEXPOSE 8080\nCMD ["/app"]\n',
    language: "go",
    lines: [
      "FROM golang:1.22 AS build",
      "COPY go.mod go.sum* ./",
      'RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app .',
      "FROM scratch",
      "COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/",
      "COPY --from=build /out/app /app",
      "EXPOSE 8080",
      "USER 65532:65532",
    ],
  },
  {
    name: "Rust, static musl build into scratch",
    code: "FROM rust:1.79\nCOPY . .\nRUN cargo build --release\n",
    language: "rust",
    lines: [
      "FROM rust:1.79 AS build",
      "RUN rustup target add x86_64-unknown-linux-musl",
      "FROM scratch",
      "USER 65532:65532",
    ],
  },
  {
    name: "Python: build deps and a venv in the builder, slim runtime, non-root",
    code: 'FROM python:3.12\nRUN apt-get update && apt-get install -y gcc libpq-dev\nCOPY . /app\nRUN pip install -r /app/requirements.txt\nCMD ["python", "/app/main.py"]\n',
    language: "python",
    lines: [
      "FROM python:3.12-slim AS build",
      "RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \\",
      "RUN pip install --no-cache-dir -r requirements.txt",
      "FROM python:3.12-slim",
      "COPY --from=build /opt/venv /opt/venv",
      "USER app",
      'CMD ["python", "/app/main.py"]',
    ],
  },
  {
    name: "Node: build, prune dev dependencies, slim runtime as node",
    code: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/server.js"]\n',
    language: "node",
    lines: [
      "FROM node:20 AS build",
      "RUN npm run build --if-present && npm prune --omit=dev",
      "FROM node:20-slim",
      "COPY --from=build --chown=node:node /app /app",
      "USER node",
      'CMD ["node", "dist/server.js"]',
    ],
  },
  {
    name: "Java: Maven build, distroless JRE as non-root",
    code: "FROM maven:3-eclipse-temurin-21\nCOPY . .\nRUN mvn -B package\n",
    language: "java",
    lines: [
      "FROM maven:3-eclipse-temurin-21 AS build",
      "FROM gcr.io/distroless/java21-debian12:nonroot",
      'ENTRYPOINT ["java", "-jar", "/app/app.jar"]',
    ],
  },
  {
    name: "C with make on Debian",
    code: "FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential\nCOPY . /src\nRUN cd /src && make\n",
    language: "c",
    lines: [
      "FROM debian:bookworm AS build",
      "RUN apt-get update && apt-get install -y --no-install-recommends build-essential \\",
      "FROM debian:bookworm-slim",
      "COPY --from=build /out/ /",
      "USER app",
    ],
  },
];

describe("multi-stage skeletons", () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const { language, text } = multiStageSkeleton(parseDockerfile(c.code, shell));
      expect(language).toBe(c.language);
      const lines = text.split("\n");
      for (const line of c.lines) expect(lines, line).toContain(line);
      const df = parseDockerfile(text, shell);
      expect(parseProblems(df)).toEqual([]);
      expect(df.graph.stages).toHaveLength(2);
      const findings = await lintText(text);
      expect(
        findings.filter((f) =>
          ["no-multi-stage", "runs-as-root", "scratch-without-ca-certificates"].includes(f.rule),
        ),
      ).toEqual([]);
    });
  }

  it("is offered by no-multi-stage as a display-only fix that the loop never applies", async () => {
    const code = CASES[0].code;
    const [finding] = (await lintText(code)).filter((f) => f.rule === "no-multi-stage");
    expect(finding.fix?.applicability).toBe("display-only");
    expect(finding.fix?.edits[0].text).toBe(multiStageSkeleton(parseDockerfile(code, shell)).text);
  });
});
