import type { InstalledPackage } from "../packages/index.js";
import { defineDetector, type DetectedFinding } from "./detector.js";
import type { ImageFacts } from "./facts.js";
import { formatBytes, listNames } from "./format.js";
import { firstLayer, packageBytes } from "./package-files.js";
import { findTools } from "./tools.js";
import { subtreeBytes } from "../../filetree/node.js";

interface Toolchain {
  name: string;
  packages: RegExp;
  /** Executable names on the PATH directories. */
  executables?: RegExp;
  /** Install trees outside the package manager (official language images). */
  dirs?: string[];
}

/** Compilers and build systems: a build needs them, a running service does not (docs/guide.md#2-multi-stage-builds). */
export const TOOLCHAINS: Toolchain[] = [
  {
    name: "C/C++ compiler (gcc)",
    packages:
      /^(?:gcc|g\+\+|cpp|c\+\+|gcc-\d+|g\+\+-\d+|cpp-\d+|build-essential|build-base|gcc-\d+-[a-z0-9_-]+-linux-gnu)$/,
    executables:
      /^(?:gcc|g\+\+|cc|c\+\+|gcc-\d+|g\+\+-\d+|x86_64-linux-gnu-gcc(?:-\d+)?|aarch64-linux-gnu-gcc(?:-\d+)?)$/,
  },
  {
    name: "clang/LLVM",
    packages: /^(?:clang|clang-\d+|llvm|llvm-\d+|lld|lld-\d+)$/,
    executables: /^(?:clang|clang\+\+|clang-\d+)$/,
  },
  {
    name: "binutils (assembler, linker)",
    packages: /^binutils(?:-[a-z0-9_-]+)?$/,
    executables: /^(?:as|ld|ld\.bfd|ld\.gold)$/,
  },
  {
    name: "build systems (make, cmake, autotools)",
    packages:
      /^(?:make|cmake|cmake-data|ninja-build|samurai|autoconf|automake|libtool|meson|scons)$/,
    executables: /^(?:make|gmake|cmake|ninja|autoconf|automake|libtoolize|meson|scons)$/,
  },
  {
    name: "Go toolchain",
    packages: /^(?:golang(?:-\d\.\d+)?(?:-go)?|go(?:-\d\.\d+)?)$/,
    executables: /^go$/,
    dirs: ["usr/local/go"],
  },
  {
    name: "Rust toolchain",
    packages: /^(?:rustc|cargo|rust|rust-\d\.\d+)$/,
    executables: /^(?:rustc|cargo|rustup)$/,
    dirs: ["usr/local/rustup", "root/.rustup"],
  },
  {
    name: "JDK (javac) where a JRE would do",
    packages:
      /^(?:default-jdk(?:-headless)?|openjdk-\d+-jdk(?:-headless)?|openjdk\d+(?:-jdk)?|java-\d+-openjdk-devel)$/,
    executables: /^javac$/,
  },
  {
    name: "node-gyp (native addon build)",
    packages: /^node-gyp$/,
    dirs: ["usr/local/lib/node_modules/node-gyp", "usr/lib/node_modules/node-gyp"],
  },
];

/** dpkg .list files the byte count needs: toolchain packages and -dev packages. */
export const TOOLCHAIN_LISTS =
  /^var\/lib\/dpkg\/info\/(?:(?:gcc|g\+\+|cpp|clang|llvm|lld|binutils|make|cmake|ninja|autoconf|automake|libtool|golang|rustc|cargo|openjdk|default-jdk|node-gyp|build-essential|meson)[^/]*|[^/]+-dev(?::[a-z0-9_]+)?)\.list$/;

function detect(facts: ImageFacts): DetectedFinding[] {
  return TOOLCHAINS.flatMap((tc) => {
    const pkgs = facts.packages.packages.filter((p) => tc.packages.test(p.name));
    const exes = tc.executables ? findTools(facts, tc.executables) : [];
    const dirs = (tc.dirs ?? [])
      .map((d) => [d, facts.node(d)] as const)
      .filter(([, n]) => n?.children?.size);
    if (!pkgs.length && !exes.length && !dirs.length) return [];
    const counted = pkgs.length ? packageBytes(facts, pkgs) : undefined;
    const exeBytes = exes.reduce(
      (s, e) => s + (e.node.entry?.kind === "file" ? e.node.entry.size : 0),
      0,
    );
    const dirBytes = dirs.reduce((s, [, n]) => s + subtreeBytes(n!), 0);
    // Packaged executables are already in the package's bytes; trees outside the package manager are not.
    const bytes = (counted ? counted.bytes : exeBytes) + dirBytes;
    const layer = Math.min(
      ...[
        counted?.layer,
        ...exes.map((e) => e.layer),
        ...dirs.map(([, n]) => firstLayer(n!)),
      ].filter((l): l is number => l !== undefined),
    );
    const how = counted?.method === "database" ? " (installed size from the package database)" : "";
    const evidence = pkgs.length
      ? `packages ${listNames(pkgs.map(label), 6)}`
      : listNames([...exes.map((e) => `/${e.path}`), ...dirs.map(([d]) => `/${d}`)], 6);
    return [
      {
        message: `${tc.name} in the final image: ${evidence}; ${formatBytes(bytes)}${how}. Build in a builder stage and COPY --from only the output; deleting it in a later RUN would not shrink the image.`,
        bytes,
        paths: [...exes.map((e) => `/${e.path}`), ...dirs.map(([d]) => `/${d}`)].sort(),
        layer,
        createdBy: facts.createdBy[layer] ?? "",
      },
    ];
  });
}

const label = (p: InstalledPackage) => (p.version ? `${p.name} ${p.version}` : p.name);

export default defineDetector({
  id: "toolchain-in-image",
  captures: [TOOLCHAIN_LISTS],
  meta: {
    severity: "warning",
    category: "size",
    summary:
      "compilers and build systems (gcc, clang, make, cmake, go, rustc/cargo, a JDK, node-gyp) in the final image",
    looksFor:
      "toolchain packages in dpkg status / apk installed (bytes from dpkg .list files), compiler executables on the PATH, /usr/local/go, rustup trees, JDK homes with javac, global node-gyp",
    docs: {
      what: "Reports each toolchain found in the final image, from the package database when there is one and from the files otherwise, with the bytes its files take and the layer that installed it.",
      why: "Compilers are the biggest build-only weight (gcc alone is ~100 MB with its dependencies) and give an intruder a way to build tools in place. The guide's ansible-lint example went from 393 MB to 165 MB by moving them to a builder stage (docs/guide.md#2-multi-stage-builds).",
      example:
        "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc libpq-dev && rm -rf /var/lib/apt/lists/*\nRUN pip install --no-cache-dir psycopg2\n",
      useInstead:
        "FROM python:3.12-slim AS build\nRUN apt-get update && apt-get install -y gcc libpq-dev\nRUN python -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir psycopg2\n\nFROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\nCOPY --from=build /opt/venv /opt/venv\nENV PATH=/opt/venv/bin:$PATH\n",
    },
  },
  detect,
});
