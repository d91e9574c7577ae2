import type { Dockerfile } from "../dockerfile/model.js";

/** What a Dockerfile takes from its build context, for deciding what .dockerignore may drop. */
export interface DockerfileNeeds {
  /** Context paths or globs named by COPY/ADD/bind mounts, with the line naming them. */
  sources: { source: string; line: number }[];
  /** True when some COPY/ADD takes the whole context (`COPY . .`). */
  wholeContext: boolean;
  runText: string;
  /** CMD, ENTRYPOINT and HEALTHCHECK text: what the container runs from the copied files. */
  startText: string;
  installsNode: boolean;
  installsPython: boolean;
  /** A RUN builds something (compiler, bundler, build tool) or a stage is copied from. */
  builds: boolean;
}

const ROOTS = new Set([".", "./", "/", "*", "./*"]);
const BUILD =
  /\b(go build|cargo build|npm run build|yarn build|pnpm build|tsc|make|cmake|mvn|gradle|webpack|vite build|next build|python -m build|setup\.py|pip wheel|dotnet publish)\b/;

export function dockerfileNeeds(df: Dockerfile): DockerfileNeeds {
  const needs: DockerfileNeeds = {
    sources: [],
    wholeContext: false,
    runText: "",
    startText: "",
    installsNode: false,
    installsPython: false,
    builds: false,
  };
  for (const instr of df.instructions) {
    if (instr.keyword === "COPY" || instr.keyword === "ADD") {
      if (instr.flags.some((f) => f.name === "from")) {
        needs.builds = true;
        continue;
      }
      const paths = instr.json ?? instr.args;
      for (const source of paths.slice(0, -1)) {
        if (
          source.startsWith("<<") ||
          /^[a-z][a-z0-9+.-]*:\/\//i.test(source) ||
          source.startsWith("git@")
        )
          continue;
        if (ROOTS.has(source)) needs.wholeContext = true;
        else needs.sources.push({ source, line: instr.line });
      }
    } else if (instr.keyword === "RUN") {
      for (const f of instr.flags) {
        if (f.name !== "mount" || (f.options.type ?? "bind") !== "bind" || f.options.from) continue;
        const source = f.options.source ?? f.options.src ?? ".";
        if (ROOTS.has(source)) needs.wholeContext = true;
        else needs.sources.push({ source, line: instr.line });
      }
      const text = instr.shell?.text ?? instr.args.join(" ");
      needs.runText += `${text}\n`;
      const names = new Set(instr.shell?.commands.map((c) => c.name) ?? []);
      if (["npm", "yarn", "pnpm", "bun"].some((n) => names.has(n))) needs.installsNode = true;
      if (["pip", "poetry", "uv", "pipenv"].some((n) => names.has(n))) needs.installsPython = true;
      if (BUILD.test(text)) needs.builds = true;
    } else if (["CMD", "ENTRYPOINT", "HEALTHCHECK"].includes(instr.keyword)) {
      needs.startText += `${(instr.json ?? instr.args).join(" ")}\n`;
    }
  }
  return needs;
}
