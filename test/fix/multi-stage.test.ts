import { beforeAll, describe, expect, it } from "vitest";
import { convertToMultiStage } from "../../src/convert/convert.js";
import type { ContextFiles, ConvertOptions, ConvertResult } from "../../src/convert/model.js";
import { parseDockerfile } from "../../src/dockerfile/parse.js";
import { loadShellParser, type ShellParser } from "../../src/dockerfile/shell.js";
import { parseProblems } from "../../src/rules/fixes.js";

let shell: ShellParser;
beforeAll(async () => {
  shell = await loadShellParser();
});

function context(files: Record<string, string>): ContextFiles {
  return { exists: (p) => p in files, read: (p) => files[p], list: () => Object.keys(files) };
}

const GO_CONTEXT = context({
  "go.mod": "module example.com/tools/hello\n\ngo 1.22\n",
  "main.go": "package main\n",
});

function convert(text: string, opts: ConvertOptions = {}): ConvertResult {
  const result = convertToMultiStage(parseDockerfile(text, shell), opts);
  if (result.ok) {
    const df = parseDockerfile(result.text, shell);
    expect(parseProblems(df)).toEqual([]);
    expect(df.graph.stages.length).toBe(2);
  }
  return result;
}

function converted(text: string, opts: ConvertOptions = {}): string {
  const result = convert(text, opts);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.text;
}

function refusal(text: string, opts: ConvertOptions = {}): string {
  const result = convert(text, opts);
  if (result.ok) throw new Error(`converted:\n${result.text}`);
  return result.reason;
}

describe("multi-stage conversion: Go", () => {
  it("builds static into scratch with the CA bundle and a non-root user; settings move unchanged", () => {
    const text =
      'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/hello .\nENV GREETING=hi\nEXPOSE 8080\nLABEL org.opencontainers.image.title=hello\nCMD ["/out/hello"]\n';
    expect(converted(text, { context: GO_CONTEXT })).toBe(
      [
        '# Build stage: the original steps; ballast builds with CGO_ENABLED=0 -trimpath -ldflags="-s -w".',
        "FROM golang:1.22 AS build",
        "WORKDIR /src",
        "COPY . .",
        'RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/hello .',
        "ENV GREETING=hi",
        "",
        "# Runtime stage (ballast fix --multi-stage): only what the program needs to run; the build tools stay in the build stage.",
        "FROM scratch",
        "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "# scratch has no CA bundle: HTTPS clients need the builder's",
        "COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/",
        "# the program, built static in the build stage",
        "COPY --from=build /out/hello /out/hello",
        "# Moved from the single stage unchanged: WORKDIR, ENV, EXPOSE, LABEL, CMD (they say how the image runs).",
        "WORKDIR /src",
        "ENV GREETING=hi",
        "EXPOSE 8080",
        "LABEL org.opencontainers.image.title=hello",
        'CMD ["/out/hello"]',
        "# scratch has no users: run as an unprivileged uid",
        "USER 65532:65532",
        "",
      ].join("\n"),
    );
  });

  it("finds the binary from go.mod's module path when there is no -o, and adds ca-certificates to a Debian builder", () => {
    const out = converted(
      'FROM debian:bookworm\nRUN apt-get update && apt-get install -y golang-go\nWORKDIR /src\nCOPY . .\nRUN go build\nCMD ["./hello"]\n',
      { context: GO_CONTEXT },
    );
    expect(out).toContain("apt-get install -y golang-go ca-certificates\n");
    expect(out).toContain("COPY --from=build /src/hello /src/hello\n");
    expect(out).toContain('RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w"\n');
  });

  it("keeps cgo on the distro's slim base when a Go file imports C", () => {
    const result = convert(
      'FROM golang:1.22-bookworm\nRUN apt-get update && apt-get install -y libsqlite3-dev\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n',
      { context: context({ "go.mod": "module x\n", "db.go": 'package main\n\nimport "C"\n' }) },
    );
    expect(result.ok && result.base).toBe("debian:bookworm-slim");
    expect(result.ok && result.text).toContain(
      "apt-get install -y --no-install-recommends libsqlite3-0",
    );
    expect(result.ok && result.text).not.toContain("CGO_ENABLED=0");
    expect(result.ok && result.nativeArtifacts).toEqual(["/app"]);
    expect(
      refusal('FROM golang:1.22\nCOPY . .\nRUN CGO_ENABLED=1 go build -o /app .\nCMD ["/app"]\n', {
        base: "scratch",
      }),
    ).toMatch(/cgo.*scratch has no libc/);
  });

  it("switches the runtime base with --base, and refuses a shell-form CMD on a base without a shell", () => {
    const text = 'FROM golang:1.22\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n';
    expect(converted(text, { base: "distroless" })).toContain(
      "FROM gcr.io/distroless/static-debian12\n",
    );
    expect(converted(text, { base: "chainguard" })).toContain("FROM cgr.dev/chainguard/static\n");
    expect(converted(text, { base: "slim" })).toContain("FROM debian:bookworm-slim\n");
    expect(refusal("FROM golang:1.22\nCOPY . .\nRUN go build -o /app .\nCMD /app\n")).toMatch(
      /shell form.*scratch has no shell/,
    );
    expect(
      refusal(
        'FROM golang:1.22\nCOPY . .\nRUN go build -o /app .\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nCMD ["/app"]\n',
      ),
    ).toMatch(/HEALTHCHECK runs a shell command/);
  });
});

describe("multi-stage conversion: C and C++", () => {
  it("copies the make install prefix onto the same distro's slim base and replays the user creation", () => {
    const out = converted(
      'FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential zlib1g-dev libssl-dev\nWORKDIR /src\nCOPY . .\nRUN ./configure --prefix=/opt/tool && make && make install\nRUN useradd -r tool\nUSER tool\nENTRYPOINT ["/opt/tool/bin/tool"]\n',
    );
    expect(out).toContain(
      "FROM debian:bookworm-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends zlib1g libssl3 \\\n && apt-get clean && rm -rf /var/lib/apt/lists/*\nRUN useradd -r tool\n",
    );
    expect(out).toContain("COPY --from=build /opt/tool /opt/tool\n");
    expect(out).toMatch(/USER tool\nENTRYPOINT \["\/opt\/tool\/bin\/tool"\]\n/);
  });

  it("uses the libraries the verify pass found instead of the guess, and C++ gets libstdc++", () => {
    const text =
      'FROM debian:bookworm\nRUN apt-get update && apt-get install -y g++ cmake\nCOPY . /src\nRUN cmake -S /src -B /b && cmake --build /b && cmake --install /b\nCMD ["wordsort"]\n';
    expect(converted(text)).toContain("--no-install-recommends libstdc++6 ");
    const exact = converted(text, { runtimeLibraries: [] });
    expect(exact).not.toContain("apt-get install -y --no-install-recommends");
    expect(exact).toContain("COPY --from=build /usr/local /usr/local\n");
  });

  it("takes only the -o output from the gcc image, whose compiler lives in /usr/local; Alpine maps to apk", () => {
    expect(
      converted(
        'FROM gcc:13\nCOPY hello.c .\nRUN gcc -O2 -o /usr/local/bin/hello hello.c\nCMD ["hello"]\n',
      ),
    ).toContain(
      "FROM debian:bookworm-slim\n# the program built in the build stage\nCOPY --from=build /usr/local/bin/hello /usr/local/bin/hello\n",
    );
    const alpine = converted(
      'FROM alpine:3.20\nRUN apk add build-base zlib-dev\nCOPY . /src\nRUN make -C /src && make -C /src install\nCMD ["/usr/local/bin/z"]\n',
    );
    expect(alpine).toContain("FROM alpine:3.20\nRUN apk add --no-cache zlib\n");
  });

  it("maps apt names to Wolfi's with --base chainguard", () => {
    const out = converted(
      'FROM debian:bookworm\nRUN apt-get install -y gcc zlib1g-dev\nCOPY z.c .\nRUN gcc -o /usr/bin/z z.c -lz\nCMD ["/usr/bin/z"]\n',
      { base: "chainguard" },
    );
    expect(out).toContain("FROM cgr.dev/chainguard/wolfi-base\nRUN apk add --no-cache zlib\n");
  });
});

describe("multi-stage conversion: Python, Node, Java", () => {
  it("Python: copies the venv onto an interpreter-only runtime with the C libraries", () => {
    const out = converted(
      'FROM python:3.12\nRUN apt-get update && apt-get install -y gcc libpq-dev\nRUN python -m venv /opt/venv\nENV PATH=/opt/venv/bin:$PATH\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n',
    );
    expect(out).toContain(
      "FROM python:3.12-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends libpq5",
    );
    expect(out).toContain(
      "COPY --from=build /opt/venv /opt/venv\n# the application files the program runs\nCOPY --from=build /app /app\n",
    );
  });

  it("Python installed system-wide (the guide's example on Debian): the builder makes a venv", () => {
    const out = converted(
      'FROM debian:bookworm\nRUN apt-get update && apt-get install -y python3 python3-pip python3-dev gcc libffi-dev\nCOPY pkg/ /src/pkg/\nRUN pip install --break-system-packages /src/pkg\nRUN apt-get purge -y gcc libffi-dev\nCMD ["python3", "-m", "pkg"]\n',
    );
    expect(out).toContain("gcc libffi-dev python3-venv\n");
    expect(out).toContain(
      "ENV PATH=/opt/venv/bin:$PATH\nRUN python3 -m venv /opt/venv && pip install --break-system-packages /src/pkg\n",
    );
    expect(out).toContain("apt-get install -y --no-install-recommends python3 libffi8 \\\n");
    expect(out).toContain("COPY --from=build /opt/venv /opt/venv\n");
    expect(
      refusal(
        'FROM debian:bookworm\nRUN apt-get install -y python3-pip\nRUN pip install flask\nCMD ["flask", "run"]\n',
      ),
    ).toMatch(/without build dependencies/);
  });

  it("Node: prunes devDependencies after the build and copies the app onto node slim", () => {
    const out = converted(
      'FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nEXPOSE 3000\nCMD ["node", "dist/server.js"]\n',
    );
    expect(out).toContain("RUN npm run build\nRUN npm prune --omit=dev\n");
    expect(out).toContain(
      "FROM node:20-slim\n# the app: build output, package.json and production node_modules\nCOPY --from=build /app /app\n",
    );
    expect(
      converted(
        'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN yarn install && yarn build\nCMD ["node", "."]\n',
      ),
    ).toContain(
      "RUN yarn install --production --frozen-lockfile --ignore-scripts --prefer-offline\n",
    );
  });

  it("Java: JDK package → JRE headless on Debian; official image → distroless java", () => {
    const debian = converted(
      'FROM debian:bookworm\nRUN apt-get update && apt-get install -y openjdk-17-jdk\nWORKDIR /app\nCOPY . .\nRUN javac Main.java && jar cfe app.jar Main *.class\nCMD ["java", "-jar", "app.jar"]\n',
    );
    expect(debian).toContain("--no-install-recommends openjdk-17-jre-headless \\\n");
    expect(debian).toContain("COPY --from=build /app/app.jar /app/app.jar\n");
    const official = converted(
      'FROM maven:3.9-eclipse-temurin-21\nWORKDIR /src\nCOPY . .\nRUN mvn -B package\nCMD ["java", "-jar", "/src/target/app.jar"]\n',
    );
    expect(official).toContain("FROM gcr.io/distroless/java21-debian12\nENTRYPOINT []\n");
    expect(
      converted(
        'FROM eclipse-temurin:21-jdk\nCOPY . /src\nRUN javac -d /out /src/Main.java\nCMD ["java", "-cp", "/out", "Main"]\n',
        { base: "slim" },
      ),
    ).toContain("FROM eclipse-temurin:21-jre\n");
  });
});

describe("multi-stage conversion: refusals leave the file alone with a reason", () => {
  const cases: [string, string, RegExp][] = [
    [
      "already multi-stage",
      "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n",
      /already a multi-stage/,
    ],
    [
      "nothing is built",
      'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\nCMD ["curl", "--version"]\n',
      /no build step/,
    ],
    [
      "shell script entrypoint",
      'FROM debian:bookworm\nRUN apt-get install -y gcc\nCOPY . .\nRUN make\nENTRYPOINT ["/entrypoint.sh"]\n',
      /shell script/,
    ],
    [
      "build tool at run time",
      'FROM golang:1.22\nCOPY . .\nRUN go build ./...\nCMD ["go", "run", "."]\n',
      /build tool/,
    ],
    [
      "program not built",
      'FROM golang:1.22\nCOPY . .\nRUN go build -o /bin/a .\nCMD ["/bin/b"]\n',
      /not what go build builds/,
    ],
    [
      "unknown build system",
      'FROM debian:bookworm\nRUN apt-get install -y scons gcc\nCOPY . .\nRUN scons\nCMD ["/src/app"]\n',
      /unknown build system scons/,
    ],
    ["no CMD", "FROM golang:1.22\nCOPY . .\nRUN go build -o /app .\n", /no CMD or ENTRYPOINT/],
    [
      "base from a build argument",
      'ARG BASE\nFROM $BASE\nRUN make\nCMD ["/app"]\n',
      /build argument/,
    ],
  ];
  for (const [name, text, reason] of cases) it(name, () => expect(refusal(text)).toMatch(reason));
});
