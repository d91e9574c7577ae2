import type { BaseImageReport, BaseRecommendation, RuntimeInfo } from "../../model/report.js";
import type { ImageFacts } from "./facts.js";
import { walk } from "../../filetree/node.js";
import { instructionOf } from "../history.js";
import { formatBytes } from "./format.js";
import { GUIDE_LANGUAGES } from "./guide-bases.js";

type Suggested = BaseRecommendation["images"][number];

type Identified = Omit<BaseImageReport, "recommendation">;

/**
 * Picks the runtime base docs/guide.md recommends for what the image runs: the runtime its
 * entrypoint calls, else the first runtime found, else a native program (static when
 * there is no libc). Returns null when the image is already on a recommended base.
 */
export function recommendBase(facts: ImageFacts, id: Identified): BaseRecommendation | null {
  const target = targetOf(facts, id);
  const entry = GUIDE_LANGUAGES[target];
  if (!entry || alreadyThere(id, target)) return null;
  const images = sameVersion(
    entry.images,
    id.runtimes.find((r) => r.name === target),
  );
  const first = images[0];
  const removes = [
    ...(id.shell && !first.shell ? ["shell"] : []),
    ...(id.packageManagers.length && !/alpine/.test(first.ref)
      ? [`package manager (${id.packageManagers.join(", ")})`]
      : []),
    ...(id.packages.count
      ? [
          `the ${id.packages.count} installed ${id.packages.format} packages you do not copy over, and their CVEs`,
        ]
      : []),
  ];
  const app = copiedBytes(facts);
  return {
    target,
    images,
    why: entry.why,
    currentBaseBytes: baseBytes(facts),
    ...(first.size
      ? { expectedSize: `${first.size} + ${formatBytes(app)} copied in by COPY/ADD` }
      : {}),
    removes,
    warnings: warningsFor(facts, id, target),
  };
}

/**
 * The guide's tags name one version (python:3.12-slim, node:20-slim, java21): an image that
 * runs another is pointed at the same runtime's version, which its code was written for.
 */
function sameVersion(images: Suggested[], runtime: RuntimeInfo | undefined): Suggested[] {
  const v = runtime?.version;
  if (!v) return images;
  const [major, minor] = v.split(".");
  const retag = (ref: string): string => {
    if (runtime.name === "python" && minor !== undefined && /^\d+$/.test(minor))
      return ref.replace(/^python:\d+\.\d+-slim$/, `python:${major}.${minor}-slim`);
    if (runtime.name === "node" && /^\d+$/.test(major))
      return ref.replace(/^node:\d+-slim$/, `node:${major}-slim`);
    if (runtime.name === "java" && (major === "17" || major === "21"))
      return ref.replace(/java\d+-debian12$/, `java${major}-debian12`);
    return ref;
  };
  return images.map((i) => ({ ...i, ref: retag(i.ref) }));
}

function targetOf(facts: ImageFacts, id: Identified): string {
  const argv = [
    ...(facts.config.config?.Entrypoint ?? []),
    ...(facts.config.config?.Cmd ?? []),
  ].join(" ");
  const called = id.runtimes.find((r) => new RegExp(`(?:^|/|\\s)${EXEC[r.name]}`).test(argv));
  if (called && called.name !== "go") return called.name;
  // A native entrypoint's ELF header says what it needs: no loader (static), glibc's or musl's.
  const ep = id.entrypoint;
  if (ep?.kind === "elf") {
    if (ep.linkage === "static") return ep.language ?? "static";
    return ep.libc === "musl" ? "native-musl" : "native";
  }
  const runtime: RuntimeInfo | undefined =
    id.runtimes.find((r) => r.name !== "go") ?? id.runtimes[0];
  if (runtime) return runtime.name;
  return id.libc === "none" ? "static" : "native";
}

const EXEC: Record<RuntimeInfo["name"], string> = {
  python: "python",
  node: "node",
  java: "java",
  go: "go",
  dotnet: "dotnet",
  ruby: "ruby",
  php: "php",
};

function alreadyThere(id: Identified, target: string): boolean {
  if (id.kind === "distroless" || id.kind === "chainguard") return true;
  if ((target === "static" || target === "go" || target === "rust") && id.kind === "scratch")
    return true;
  if (target === "native-musl" && id.kind === "alpine") return true;
  return false;
}

/** Bytes still visible that user COPY/ADD layers wrote: the application, which any base keeps. */
function copiedBytes(facts: ImageFacts): number {
  let total = 0;
  walk(facts.root, (n) => {
    if (n.entry?.kind !== "file" || n.layer < facts.base.layers) return;
    if (/^(COPY|ADD)\b/.test(instructionOf(facts.createdBy[n.layer] ?? ""))) total += n.entry.size;
  });
  return total;
}

function baseBytes(facts: ImageFacts): number {
  return facts.scan.layers
    .slice(0, facts.base.layers)
    .reduce((s, l) => s + l.entries.reduce((a, e) => a + e.size, 0), 0);
}

function warningsFor(facts: ImageFacts, id: Identified, target: string): string[] {
  const w: string[] = [];
  const c = facts.config.config ?? {};
  const shellForm = [c.Entrypoint, c.Cmd].some(
    (a) => a?.[0] && /^\/bin\/(?:ba)?sh$/.test(a[0]) && a[1] === "-c",
  );
  if (shellForm)
    w.push(
      'CMD/ENTRYPOINT use shell form (/bin/sh -c); images without a shell need the exec form ["/app", "arg"].',
    );
  if (target === "python" || target === "node") {
    w.push(
      `Avoid Alpine for ${target === "python" ? "Python" : "Node.js"}: musl breaks ${target === "python" ? "manylinux wheels (native extensions)" : "prebuilt native addons"} and changes DNS behaviour.`,
    );
  }
  if (target === "go" || target === "rust" || target === "static") {
    w.push(
      "scratch has no CA certificates: HTTPS calls fail unless you COPY /etc/ssl/certs/ca-certificates.crt from the builder; distroless/static and chainguard/static include them.",
    );
    if (id.libc !== "none" && id.entrypoint?.linkage !== "static")
      w.push(
        `The current image has ${id.libc}: only switch to scratch/static if the binary is statically linked (CGO_ENABLED=0 for Go, a musl target for Rust).`,
      );
  }
  const ep = id.entrypoint;
  if (ep?.kind === "elf" && ep.linkage === "dynamic" && ep.language === "go") {
    w.push(
      "The Go entrypoint is dynamically linked (cgo): build it with CGO_ENABLED=0 to run it on scratch or distroless/static.",
    );
  }
  if (ep?.kind === "script")
    w.push(
      `The entrypoint ${ep.path} is a script run by ${ep.interpreter}: a base without that interpreter cannot start it.`,
    );
  if (ep?.kind === "missing") w.push(`The entrypoint ${ep.argv0} was not found in the image.`);
  if (target === "java" && id.runtimes.some((r) => r.name === "java" && r.jdk)) {
    w.push("The image ships a full JDK (javac found); a JRE is enough to run a jar.");
  }
  if (id.libc === "musl" && (target === "native" || target === "python" || target === "node")) {
    w.push(
      "The current image uses musl: binaries or wheels built for it will not run on a glibc base; rebuild them in a glibc builder stage.",
    );
  }
  if (target !== "static" && target !== "go" && target !== "rust" && id.shell) {
    w.push(
      "Scripts or HEALTHCHECKs that call sh, curl or wget stop working on a base without a shell; use a :debug tag only for troubleshooting.",
    );
  }
  return w;
}
