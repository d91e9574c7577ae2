import { InputError } from "../../model/errors.js";

/** A parsed `docker://` image reference (distribution/reference grammar). */
export interface RegistryReference {
  /** Registry name as users and auth files spell it: `docker.io`, `ghcr.io`, `localhost:5000`. */
  registry: string;
  /** Host (and port) the HTTP API lives on: Docker Hub's API is `registry-1.docker.io`. */
  host: string;
  /** Repository path inside the registry, `library/` added for Docker Hub short names. */
  repository: string;
  tag?: string;
  digest?: string;
}

export const DOCKER_HUB = "docker.io";
const DOCKER_HUB_API = "registry-1.docker.io";

// Grammar from github.com/distribution/reference regexp.go.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN =
  /^(?:\[[0-9a-fA-F:]+\]|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*)(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

/**
 * Parses `docker://NAME[:TAG][@DIGEST]` (the prefix is optional). Short names follow the
 * Docker CLI: `alpine` is `docker.io/library/alpine`, and the first component is a registry
 * only if it has a `.` or `:`, or is `localhost`.
 */
export function parseReference(input: string): RegistryReference {
  const text = input.startsWith("docker://") ? input.slice("docker://".length) : input;
  const bad = (why: string) => new InputError(`invalid image reference "${input}": ${why}`);
  if (text === "") throw bad("empty name");
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw bad(`"${digest}" is not a sha256/sha512 digest`);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw bad(`"${tag}" is not a valid tag`);
  }
  let registry = DOCKER_HUB;
  let path = rest;
  const slash = rest.indexOf("/");
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (/[.:]/.test(first) || first === "localhost" || first !== first.toLowerCase()) {
      registry = first;
      path = rest.slice(slash + 1);
      if (!DOMAIN.test(registry)) throw bad(`"${registry}" is not a valid registry host`);
    }
  }
  if (registry === "index.docker.io") registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !path.includes("/")) path = `library/${path}`;
  for (const component of path.split("/")) {
    if (!PATH_COMPONENT.test(component)) {
      throw bad(`repository "${path}" must be lowercase letters, digits and separators (. _ __ -)`);
    }
  }
  if (registry.length + 1 + path.length > 255) throw bad("name longer than 255 characters");
  if (!tag && !digest) tag = "latest";
  const host = registry === DOCKER_HUB ? DOCKER_HUB_API : registry;
  return { registry, host, repository: path, tag, digest };
}

/** Canonical form, e.g. `docker.io/library/alpine:latest` or `host/repo@sha256:…`. */
export function formatReference(ref: RegistryReference): string {
  const name = `${ref.registry}/${ref.repository}`;
  if (ref.digest) return ref.tag ? `${name}:${ref.tag}@${ref.digest}` : `${name}@${ref.digest}`;
  return `${name}:${ref.tag ?? "latest"}`;
}

/**
 * Hosts Docker treats as insecure registries by default (loopback), so plain HTTP is
 * tried after HTTPS fails, as `docker pull localhost:5000/x` does.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
  return name === "localhost" || name === "::1" || /^127\.\d+\.\d+\.\d+$/.test(name);
}
