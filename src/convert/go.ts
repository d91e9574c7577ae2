import path from "node:path/posix";
import { flagValues, hasFlag, positionals } from "../dockerfile/query.js";
import { insertAfterWord } from "../rules/fixes.js";
import { defaultKind, distroOf, namedBase } from "./bases.js";
import { CannotConvert, type ContextFiles, type ConvertOptions } from "./model.js";
import { addToAptInstall, carryUser, emptyPlan, type Plan } from "./plan.js";
import { matchOutput, startProgram } from "./program.js";
import { commandsNamed, type RunCommand, type StageFacts } from "./stage.js";
import { runtimeForNative } from "./native.js";

const GO_VALUE_FLAGS = [
  "-o",
  "-ldflags",
  "-gcflags",
  "-tags",
  "-mod",
  "-p",
  "-asmflags",
  "-buildmode",
  "-modfile",
  "-pkgdir",
  "-overlay",
  "-C",
];

/** Go: static build copied to scratch (docs/guide.md#2-multi-stage-builds), or the distro's slim base when cgo is needed. */
export function planGo(facts: StageFacts, opts: ConvertOptions): Plan {
  const builds = commandsNamed(facts, "go").filter((c) =>
    ["build", "install"].includes(positionals(c.cmd, GO_VALUE_FLAGS)[0] ?? ""),
  );
  if (builds.length === 0) throw new CannotConvert("no `go build` or `go install` in a RUN");
  const program = startProgram(facts);
  const outputs = builds.map((b) => outputOf(facts, b, opts.context));
  const binary = matchOutput(facts, program.argv0, outputs, "go build");
  const build = builds[outputs.indexOf(binary)];
  if (build.instr.json) throw new CannotConvert("the go build RUN is in exec form");
  const cgo = needsCgo(facts, build, opts.context);
  const kind = opts.base ?? defaultKind("go", { static: !cgo });
  const plan = cgo ? dynamicPlan(facts, kind) : staticPlan(facts, kind);
  editBuild(facts, plan, build, cgo);
  if (cgo) plan.nativeArtifacts.push(binary);
  plan.copies.push({
    from: binary,
    to: binary,
    why: `the program, built ${cgo ? "with cgo" : "static"} in the build stage`,
  });
  carryUser(facts, plan);
  return plan;
}

function staticPlan(facts: StageFacts, kind: Plan["baseKind"]): Plan {
  const distro = distroOf(facts.stage.image);
  const base = kind === "slim" ? distro?.slim : namedBase(kind, "go", { static: true });
  if (!base) throw new CannotConvert(`no ${kind} base known for ${facts.stage.image.raw}`);
  const plan = emptyPlan("go", kind, base);
  if (kind === "scratch") {
    // scratch has no CA bundle: HTTPS clients need the builder's (docs/guide.md#1-base-images).
    const hasCa =
      ["golang", "buildpack-deps"].includes(facts.stage.image.name) ||
      facts.apt.includes("ca-certificates") ||
      facts.apk.includes("ca-certificates") ||
      addToAptInstall(facts, plan, ["ca-certificates"]);
    if (hasCa)
      plan.copies.push({
        from: "/etc/ssl/certs/ca-certificates.crt",
        to: "/etc/ssl/certs/",
        why: "scratch has no CA bundle: HTTPS clients need the builder's",
      });
    else plan.caveats.push("no CA bundle in the builder: HTTPS calls will fail on scratch");
    // scratch has no environment: a bare program name needs the usual PATH to be found.
    if (!facts.env.PATH)
      plan.setup.push("ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    if (!facts.user || facts.user === "root" || facts.user === "0") {
      plan.trailer.push("# scratch has no users: run as an unprivileged uid", "USER 65532:65532");
    }
  }
  return plan;
}

function dynamicPlan(facts: StageFacts, kind: Plan["baseKind"]): Plan {
  if (kind === "scratch")
    throw new CannotConvert(
      "the program uses cgo (dynamically linked): scratch has no libc; use --base slim",
    );
  const plan = runtimeForNative(facts, kind, "go");
  plan.caveats.push(
    "cgo: the runtime stage needs the C libraries the program links; `--verify` resolves them from the built binary",
  );
  return plan;
}

/** CGO_ENABLED=0 -trimpath -ldflags="-s -w", the guide's static build; cgo builds keep cgo. */
function editBuild(facts: StageFacts, plan: Plan, build: RunCommand, cgo: boolean): void {
  const sub = build.cmd.args.find((a) => a.value === "build" || a.value === "install");
  const flags: string[] = [];
  if (!hasFlag(build.cmd, "-trimpath")) flags.push("-trimpath");
  if (!hasFlag(build.cmd, "-ldflags")) flags.push('-ldflags="-s -w"');
  if (sub && flags.length > 0) {
    const edit = insertAfterWord(facts.df, sub, flags.join(" "));
    if (!edit) throw new CannotConvert("cannot edit the go build command in place");
    plan.builderEdits.push(edit);
  }
  const changes = [...flags];
  if (!cgo && build.cmd.env.CGO_ENABLED === undefined) {
    plan.builderEdits.push({
      start: build.cmd.span.start,
      end: build.cmd.span.start,
      text: "CGO_ENABLED=0 ",
    });
    changes.unshift("CGO_ENABLED=0");
  }
  if (changes.length > 0) plan.builderChanges.push(`builds with ${changes.join(" ")}`);
}

function needsCgo(facts: StageFacts, build: RunCommand, context?: ContextFiles): boolean {
  const flag = build.cmd.env.CGO_ENABLED ?? build.env.CGO_ENABLED;
  if (flag !== undefined) return flag === "1";
  if (!context) return false;
  // `import "C"` in any Go file of the context makes the build use cgo when a C compiler is there.
  const goFiles = context
    .list()
    .filter((f) => f.endsWith(".go"))
    .slice(0, 5000);
  return goFiles.some((f) => /^\s*import\s+(?:"C"|\([^)]*"C")/m.test(context.read(f) ?? ""));
}

/** Where `go build`/`go install` writes the binary (cmd/go: -o, else the package or module's last element). */
function outputOf(facts: StageFacts, b: RunCommand, context?: ContextFiles): string {
  const pkg = positionals(b.cmd, GO_VALUE_FLAGS)[1];
  const name = binaryName(pkg, b.workdir, context);
  const sub = positionals(b.cmd, GO_VALUE_FLAGS)[0];
  if (sub === "install") {
    const gopath = b.env.GOPATH ?? (facts.stage.image.name === "golang" ? "/go" : "/root/go");
    return path.join(b.env.GOBIN ?? path.join(gopath, "bin"), name);
  }
  const out = flagValues(b.cmd, "-o")[0];
  if (!out) return path.join(b.workdir, name);
  const abs = path.resolve(b.workdir, out);
  return out.endsWith("/") ? path.join(abs, name) : abs;
}

function binaryName(pkg: string | undefined, workdir: string, context?: ContextFiles): string {
  if (pkg?.endsWith(".go")) return path.basename(pkg, ".go");
  if (pkg && pkg !== "." && !pkg.endsWith("...")) return path.basename(pkg.replace(/\/v\d+$/, ""));
  const mod = /^module\s+(\S+)/m.exec(context?.read("go.mod") ?? "")?.[1];
  if (mod) return path.basename(mod.replace(/\/v\d+$/, ""));
  return path.basename(workdir);
}
