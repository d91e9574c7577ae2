import path from "node:path/posix";
import { defaultKind, namedBase, prefixOf } from "./bases.js";
import { CannotConvert, type ConvertOptions } from "./model.js";
import { runtimeForNative } from "./native.js";
import { carryUser, emptyPlan, type Plan } from "./plan.js";
import { startProgram } from "./program.js";
import type { StageFacts } from "./stage.js";

const JAVA_IMAGES = ["eclipse-temurin", "openjdk", "maven", "gradle", "amazoncorretto"];

/** Java: compiled on the JDK, run on a JRE (`*-jre-headless`, or distroless java for official images). */
export function planJava(facts: StageFacts, opts: ConvertOptions): Plan {
  const program = startProgram(facts);
  if (path.basename(program.argv0) !== "java")
    throw new CannotConvert(`the image starts ${program.argv0}, not java`);
  const official = JAVA_IMAGES.includes(facts.stage.image.name);
  const version = javaVersion(facts);
  const plan = official ? officialPlan(facts, opts, version) : debianPlan(facts, opts);
  for (const p of classpath(facts, program.args))
    plan.copies.push({ from: p, to: p, why: "the compiled application the JVM runs" });
  carryUser(facts, plan);
  return plan;
}

function debianPlan(facts: StageFacts, opts: ConvertOptions): Plan {
  const jdk = facts.apt.find((p) => /^(default|openjdk-\d+)-jdk(-headless)?$/.test(p));
  if (!jdk)
    throw new CannotConvert(
      "no JDK package installed and not an official Java image: cannot tell which JRE runs it",
    );
  const jre = jdk.replace(/-jdk(-headless)?$/, "-jre-headless");
  return runtimeForNative(facts, opts.base ?? "slim", "java", [jre], {
    libraries: opts.runtimeLibraries ?? [],
    javaVersion: /\d+/.exec(jdk)?.[0],
  });
}

function officialPlan(facts: StageFacts, opts: ConvertOptions, version: string | undefined): Plan {
  const distroless = version === "17" || version === "21";
  const kind = opts.base ?? (distroless ? "distroless" : "slim");
  if (kind === "scratch")
    throw new CannotConvert("a JVM needs a libc and a JRE: scratch has neither");
  const base =
    kind === "slim"
      ? `${prefixOf(facts.stage.image)}eclipse-temurin:${version ?? "21"}-jre`
      : namedBase(kind, "java", { static: false, javaVersion: version });
  if (!base) throw new CannotConvert(`no ${kind} JRE for Java ${version ?? "?"}`);
  const plan = emptyPlan("java", kind, base);
  if (kind !== "slim") plan.setup.push("ENTRYPOINT []");
  if (kind !== "slim")
    plan.caveats.push(
      `${base} has no shell; its own ENTRYPOINT (java -jar) is reset so that CMD runs as written`,
    );
  void defaultKind;
  return plan;
}

function javaVersion(facts: StageFacts): string | undefined {
  const tag = facts.stage.image.tag ?? "";
  return /(?:temurin-|jdk|^)(\d{2})\b/.exec(tag)?.[1];
}

/** The jar or class directories named by `-jar` / `-cp`, else the WORKDIR. */
function classpath(facts: StageFacts, args: string[]): string[] {
  const out: string[] = [];
  args.forEach((a, i) => {
    if ((a === "-jar" || a === "-cp" || a === "-classpath") && args[i + 1])
      out.push(
        ...args[i + 1].split(":").map((p) => path.resolve(facts.workdir, p.replace(/\/\*$/, ""))),
      );
  });
  if (out.length === 0 && facts.workdir !== "/") out.push(facts.workdir);
  if (out.length === 0)
    throw new CannotConvert(
      "cannot tell where the application's classes are (no -jar/-cp, no WORKDIR)",
    );
  return [...new Set(out)];
}
