import type { FsNode } from "../../filetree/node.js";
import type { RuntimeInfo } from "../../model/report.js";
import type { ImageFacts } from "./facts.js";
import { findTools } from "./tools.js";

type Name = RuntimeInfo["name"];

/** Official images announce their runtime version in ENV (python:, node:, eclipse-temurin:, golang:, dotnet). */
const ENV_VERSION: Record<Name, string[]> = {
  python: ["PYTHON_VERSION"],
  node: ["NODE_VERSION"],
  java: ["JAVA_VERSION"],
  go: ["GOLANG_VERSION", "GO_VERSION"],
  dotnet: ["DOTNET_VERSION", "ASPNET_VERSION"],
  ruby: ["RUBY_VERSION"],
  php: ["PHP_VERSION"],
};
const PACKAGE: Record<Name, RegExp> = {
  python: /^python3(?:\.\d+)?(?:-minimal)?$/,
  node: /^nodejs(?:-current|-lts)?(?:-\d+)?$/,
  java: /^(?:openjdk-?\d+-(?:jre|jdk)(?:-headless)?|java-\d+-openjdk(?:-headless|-devel)?|openjdk-\d+(?:-jre)?|temurin-\d+-j[dr]k)$/,
  go: /^(?:golang(?:-\d\.\d+)?-go|go(?:-\d\.\d+)?)$/,
  dotnet: /^(?:dotnet-runtime-\d\.\d|dotnet\d*-runtime|aspnetcore-runtime-\d\.\d)$/,
  ruby: /^ruby\d?(?:\.\d+)?$/,
  php: /^php\d?(?:\.\d+)?(?:-cli)?$/,
};

/** Language runtimes present, with the best version evidence available. */
export function detectRuntimes(facts: ImageFacts): RuntimeInfo[] {
  const found: RuntimeInfo[] = [];
  const add = (
    name: Name,
    path: string,
    node: FsNode,
    pathVersion?: string,
    extra: Partial<RuntimeInfo> = {},
  ) => {
    if (found.some((r) => r.name === name)) return;
    found.push({
      name,
      ...versionOf(facts, name, pathVersion),
      path: `/${path}`,
      layer: firstLayer(node),
      ...extra,
    });
  };
  const python = findTools(facts, /^python3(?:\.\d+)?$/).sort(
    (a, b) => b.name.length - a.name.length,
  )[0];
  if (python) add("python", python.path, python.node, /^python(3\.\d+)$/.exec(python.name)?.[1]);
  const node = findTools(facts, /^(?:node|nodejs)$/)[0];
  if (node) add("node", node.path, node.node);
  const java = findJava(facts);
  if (java) add("java", java.path, java.node, java.version, { jdk: java.jdk });
  const go = facts.node("usr/local/go/bin/go")
    ? "usr/local/go/bin/go"
    : findTools(facts, /^go$/)[0]?.path;
  if (go)
    add(
      "go",
      go,
      facts.node(go)!,
      facts
        .node("usr/local/go/VERSION")
        ?.entry?.content?.toString("utf8")
        .match(/^go(\d+\.\d+(?:\.\d+)?)/)?.[1],
    );
  const dotnet =
    facts.node("usr/share/dotnet/shared/Microsoft.NETCore.App") ??
    facts.node("usr/lib/dotnet/shared/Microsoft.NETCore.App");
  if (dotnet?.children?.size)
    add(
      "dotnet",
      `${dotnetRoot(facts)}/shared/Microsoft.NETCore.App`,
      dotnet,
      [...dotnet.children.keys()].sort().pop(),
    );
  const ruby = findTools(facts, /^ruby\d?(?:\.\d+)?$/)[0];
  if (ruby) add("ruby", ruby.path, ruby.node);
  const php = findTools(facts, /^php\d?(?:\.\d+)?$/)[0];
  if (php) add("php", php.path, php.node);
  return found;
}

function versionOf(
  facts: ImageFacts,
  name: Name,
  pathVersion?: string,
): Pick<RuntimeInfo, "version" | "source"> {
  for (const key of ENV_VERSION[name]) {
    const env = facts.config.config?.Env?.find((e) => e.startsWith(`${key}=`));
    if (env && env.length > key.length + 1)
      return { version: env.slice(key.length + 1), source: "env" };
  }
  const pkg = facts.packages.packages
    .filter((p) => PACKAGE[name].test(p.name) && p.version)
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (pkg) return { version: upstream(pkg.version), source: "package" };
  return pathVersion ? { version: pathVersion, source: "path" } : { source: "path" };
}

/** "3.11.2-6+deb12u1" → "3.11.2"; "1:17.0.9+9-1" → "17.0.9+9". */
function upstream(v: string): string {
  return v.replace(/^\d+:/, "").replace(/-[^-]*$/, "");
}

function findJava(
  facts: ImageFacts,
): { path: string; node: FsNode; version?: string; jdk: boolean } | undefined {
  const homes: string[] = [];
  for (const [name, n] of facts.node("usr/lib/jvm")?.children ?? [])
    if (n.children) homes.push(`usr/lib/jvm/${name}`);
  homes.push("opt/java/openjdk");
  for (const home of homes) {
    const bin = facts.node(`${home}/bin/java`) ?? facts.node(`${home}/jre/bin/java`);
    if (!bin?.entry) continue;
    const jdk = !!facts.node(`${home}/bin/javac`)?.entry;
    return {
      path: `${home}/bin/java`,
      node: bin,
      version: /(?:java-|jdk-?|jre-?)(\d+)/.exec(home)?.[1],
      jdk,
    };
  }
  const tool = findTools(facts, /^java$/)[0];
  return tool && { path: tool.path, node: tool.node, jdk: findTools(facts, /^javac$/).length > 0 };
}

function dotnetRoot(facts: ImageFacts): string {
  return facts.node("usr/share/dotnet") ? "usr/share/dotnet" : "usr/lib/dotnet";
}

function firstLayer(node: FsNode): number {
  return node.history.find((h) => h.action === "added")?.layer ?? node.layer;
}
