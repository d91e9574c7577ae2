import { randomBytes } from "node:crypto";
import { InputError } from "../model/errors.js";
import { available, execFile, tail, type ExecResult } from "./exec.js";

/** A container image builder driven through its CLI; every image it builds can be exported and removed. */
export interface Builder {
  name: "buildah" | "docker";
  /** Builds `dockerfile` with `context` into `tag` (up to stage `target`); returns the ids of images the build created. */
  build(dockerfile: string, context: string, tag: string, target?: string): Promise<string[]>;
  /** Writes the image to `file`; returns the reference `openImage` reads it by. */
  export(tag: string, file: string): Promise<string>;
  /** Runs a command in a throwaway container of the image (the container is removed). */
  run(tag: string, argv: readonly string[]): Promise<ExecResult>;
  /** Removes images by tag or id; errors for ones already gone are ignored. */
  remove(refs: readonly string[]): Promise<void>;
}

export interface BuilderOptions {
  env?: NodeJS.ProcessEnv;
  /** Extra arguments after `buildah` (e.g. `--storage-driver overlay --root DIR --runroot DIR`). */
  buildahArgs?: string[];
  onOutput?: (chunk: string) => void;
  /** Interrupts builds, pushes and runs; removing images is never interrupted. */
  signal?: AbortSignal;
}

/** A tag no one else uses, in the `localhost/` namespace so that nothing is ever pulled or pushed for it. */
export function throwawayTag(label: string): string {
  return `localhost/ballast-build-${label}:${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
}

/** buildah if it is installed (daemonless, exact layers), else docker; or the one asked for. */
export async function detectBuilder(
  preferred: string | undefined,
  opts: BuilderOptions = {},
): Promise<Builder> {
  const env = opts.env ?? process.env;
  if (preferred !== undefined && preferred !== "buildah" && preferred !== "docker") {
    throw new InputError(`--builder must be buildah or docker, got "${preferred}"`);
  }
  if (preferred !== "docker" && (await available("buildah", env))) return buildah(opts);
  if (preferred === "buildah") throw new InputError("buildah is not installed (or not on PATH)");
  if (await available("docker", env)) return docker(opts);
  throw new InputError("no image builder found: install buildah, or docker with a running daemon");
}

function buildah(opts: BuilderOptions): Builder {
  const env = opts.env ?? process.env;
  const base = opts.buildahArgs ?? splitArgs(env.BALLAST_BUILDAH_ARGS);
  const run = (args: string[], onOutput?: (c: string) => void) =>
    execFile("buildah", [...base, ...args], { env, onOutput });
  // Building, exporting and running stop on an interrupt; listing and removing never do.
  const work = (args: string[], onOutput?: (c: string) => void) =>
    execFile("buildah", [...base, ...args], { env, onOutput, signal: opts.signal });
  // Builds here run without a daemon; chroot isolation works without user namespaces (BUILDAH_ISOLATION overrides).
  const isolation = env.BUILDAH_ISOLATION ?? "chroot";
  return {
    name: "buildah",
    async build(dockerfile, context, tag, target) {
      const before = await storeImages(run);
      const containersBefore = await containerIds(run);
      // After an interrupt buildah leaves its working container (and --force-rm covers failed steps).
      const cleanUp = async () => {
        const left = [...(await containerIds(run))].filter((id) => !containersBefore.has(id));
        for (const id of left) await run(["rm", id]);
        await removeImages(run, createdImages(before, await storeImages(run), tag));
      };
      let r: ExecResult;
      try {
        r = await work(
          [
            "bud",
            "--isolation",
            isolation,
            "--layers",
            "--force-rm",
            "-f",
            dockerfile,
            "-t",
            tag,
            ...(target ? ["--target", target] : []),
            context,
          ],
          opts.onOutput,
        );
      } catch (err) {
        await cleanUp();
        throw err;
      }
      const created = createdImages(before, await storeImages(run), tag);
      if (r.code !== 0) {
        await cleanUp();
        throw new InputError(
          `buildah bud ${dockerfile} failed (exit ${r.code}):\n${tail(r.stderr || r.stdout)}`,
        );
      }
      return created;
    },
    async export(tag, file) {
      const r = await work(["push", "--quiet", tag, `oci-archive:${file}`]);
      if (r.code !== 0) throw new Error(`buildah push ${tag} failed: ${tail(r.stderr)}`);
      return `oci-archive:${file}`;
    },
    async run(tag, argv) {
      const from = await work(["from", "--pull-never", tag]);
      if (from.code !== 0) throw new Error(`buildah from ${tag} failed: ${tail(from.stderr)}`);
      const ctr = from.stdout.trim().split("\n").pop() ?? "";
      try {
        return await work(["run", "--isolation", isolation, ctr, "--", ...argv]);
      } finally {
        await run(["rm", ctr]);
      }
    },
    async remove(refs) {
      await removeImages(run, refs);
    },
  };
}

interface StoreImage {
  id: string;
  names: string[];
  created: number;
}

/** Images in the store, intermediate (`--layers` cache) images included. */
async function storeImages(run: (args: string[]) => Promise<ExecResult>): Promise<StoreImage[]> {
  const r = await run(["images", "--all", "--json"]);
  if (r.code !== 0) return [];
  const list = JSON.parse(r.stdout || "[]") as {
    id: string;
    names: string[] | null;
    created: number;
  }[];
  return list.map((i) => ({ id: i.id, names: i.names ?? [], created: i.created }));
}

/**
 * Images a build created: new since `before`, and untagged or tagged only with our tag, so an
 * image someone else tagged meanwhile in a shared store is never taken for ours. Newest first.
 */
function createdImages(before: StoreImage[], after: StoreImage[], tag: string): string[] {
  const old = new Set(before.map((i) => i.id));
  return after
    .filter((i) => !old.has(i.id) && i.names.every((n) => n === tag))
    .sort((a, b) => b.created - a.created)
    .map((i) => i.id);
}

/** Working containers in the store (buildah's own, not podman's). */
async function containerIds(run: (args: string[]) => Promise<ExecResult>): Promise<Set<string>> {
  const r = await run(["containers", "--all", "--json"]);
  if (r.code !== 0) return new Set();
  const list = (JSON.parse(r.stdout || "null") ?? []) as { id: string }[];
  return new Set(list.map((c) => c.id));
}

/** Removes images; a parent still used by a child is retried after the child is gone. */
async function removeImages(
  run: (args: string[]) => Promise<ExecResult>,
  refs: readonly string[],
): Promise<void> {
  let left = [...refs];
  while (left.length > 0) {
    const failed: string[] = [];
    for (const ref of left) {
      const r = await run(["rmi", "--force", ref]);
      if (r.code !== 0 && !/image not known|not found|unknown/i.test(r.stderr)) failed.push(ref);
    }
    if (failed.length === left.length)
      throw new Error(`could not remove images ${failed.join(", ")}`);
    left = failed;
  }
}

function docker(opts: BuilderOptions): Builder {
  const env = opts.env ?? process.env;
  const run = (args: string[], onOutput?: (c: string) => void) =>
    execFile("docker", args, { env, onOutput });
  const work = (args: string[], onOutput?: (c: string) => void) =>
    execFile("docker", args, { env, onOutput, signal: opts.signal });
  // e.g. `--network host` for a daemon without a bridge network.
  const extra = splitArgs(env.BALLAST_DOCKER_BUILD_ARGS);
  return {
    name: "docker",
    async build(dockerfile, context, tag, target) {
      let r: ExecResult;
      const stage = target ? ["--target", target] : [];
      try {
        r = await work(
          ["build", ...extra, "-f", dockerfile, "-t", tag, ...stage, context],
          opts.onOutput,
        );
      } catch (err) {
        await run(["rmi", "--force", tag]);
        throw err;
      }
      if (r.code !== 0) {
        await run(["rmi", "--force", tag]);
        throw new InputError(
          `docker build ${dockerfile} failed (exit ${r.code}):\n${tail(r.stderr || r.stdout)}`,
        );
      }
      // The classic builder's intermediate images are parents of the tag and go with it on rmi.
      return [];
    },
    async export(tag, file) {
      const r = await work(["image", "save", "-o", file, tag]);
      if (r.code !== 0) throw new Error(`docker image save ${tag} failed: ${tail(r.stderr)}`);
      return `docker-archive:${file}`;
    },
    async run(tag, argv) {
      return work(["run", "--rm", "--network", "none", tag, ...argv]);
    },
    async remove(refs) {
      for (const ref of refs) await run(["rmi", "--force", ref]);
    },
  };
}

function splitArgs(value: string | undefined): string[] {
  return value ? value.split(/\s+/).filter(Boolean) : [];
}
