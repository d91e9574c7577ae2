import type { FsNode } from "../../filetree/node.js";
import type { ImageConfig } from "../../model/image.js";
import type { EntrypointInfo } from "../../model/report.js";
import { readElf } from "./elf.js";
import type { ImageFacts } from "./facts.js";

const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const SHELL_FORM = /^\/bin\/(?:ba|da|a)?sh$/;

interface Program {
  argv0: string;
  shellForm: boolean;
}

/** The program the runtime starts: Entrypoint[0], else Cmd[0]; for `sh -c "exec /app …"` the shell. */
function programOf(config: ImageConfig): Program | undefined {
  const c = config.config ?? {};
  const argv = c.Entrypoint?.length ? c.Entrypoint : c.Cmd;
  if (!argv?.length) return undefined;
  return { argv0: argv[0], shellForm: SHELL_FORM.test(argv[0]) && argv[1] === "-c" };
}

/** Paths (no leading "/") where the program may live: itself if absolute, else WorkingDir or each PATH entry. */
export function programPaths(config: ImageConfig): string[] {
  const p = programOf(config);
  if (!p) return [];
  if (p.argv0.startsWith("/")) return [strip(p.argv0)];
  if (p.argv0.includes("/")) return [strip(`${config.config?.WorkingDir ?? "/"}/${p.argv0}`)];
  const path = config.config?.Env?.find((e) => e.startsWith("PATH="))?.slice(5) ?? DEFAULT_PATH;
  return path
    .split(":")
    .filter(Boolean)
    .map((d) => strip(`${d}/${p.argv0}`));
}

/** An absolute or root-relative path as the tree names it: no leading "/", "." and ".." applied. */
function strip(p: string): string {
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "..") out.pop();
    else if (part && part !== ".") out.push(part);
  }
  return out.join("/");
}

/** Resolves symlinks inside the image tree (at most 8 hops), as the kernel would at exec. */
function resolve(facts: ImageFacts, path: string): { path: string; node: FsNode } | undefined {
  for (let hop = 0; hop < 8; hop++) {
    const node = facts.node(path) ?? facts.node(usrmerged(facts, path));
    if (!node?.entry) return undefined;
    if (node.entry.kind !== "symlink") return { path, node };
    const link = node.entry.link ?? "";
    path = strip(
      link.startsWith("/") ? link : `${path.slice(0, path.lastIndexOf("/") + 1)}${link}`,
    );
  }
  return undefined;
}

/** /bin/x when /bin is a symlink to usr/bin (usrmerge): the tree holds it under usr/bin. */
function usrmerged(facts: ImageFacts, path: string): string {
  const top = path.split("/")[0];
  return facts.node(top)?.entry?.kind === "symlink" ? `usr/${path}` : path;
}

/** Reads the entrypoint's first bytes (captured by `captureFor`): ELF linkage and language, or a script's #!. */
export function describeEntrypoint(facts: ImageFacts): EntrypointInfo | undefined {
  const p = programOf(facts.config);
  if (!p) return undefined;
  const found = programPaths(facts.config)
    .map((c) => resolve(facts, c))
    .find((r) => r);
  if (!found) return { argv0: p.argv0, kind: "missing", shellForm: p.shellForm };
  const base = { argv0: p.argv0, path: `/${found.path}`, shellForm: p.shellForm };
  const content = found.node.entry?.content;
  if (!content) return { ...base, kind: "unreadable" };
  if (content.subarray(0, 2).toString() === "#!") {
    const interpreter = content
      .toString("latin1", 2, Math.min(content.length, 200))
      .split("\n")[0]
      .trim();
    return { ...base, kind: "script", interpreter };
  }
  const elf = readElf(content);
  if (!elf) return { ...base, kind: "unreadable" };
  return {
    ...base,
    kind: "elf",
    linkage: elf.static ? "static" : "dynamic",
    libc: elf.libc,
    ...(elf.interpreter ? { interpreter: elf.interpreter } : {}),
    ...(elf.language ? { language: elf.language } : {}),
    ...(elf.goVersion ? { goVersion: elf.goVersion } : {}),
  };
}

/** Both spellings of a path under usrmerge (`usr/bin/x` is also reached as `bin/x`). */
export function withoutUsrMerge(path: string): string[] {
  const short = path.replace(/^usr\//, "");
  return short === path ? [path] : [path, short];
}
