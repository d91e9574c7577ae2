import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { InputError } from "../../model/errors.js";
import { runCredentialHelper } from "./credential-helper.js";
import { DOCKER_HUB } from "./reference.js";

/** Secrets for one registry. Never printed: only `source` is. */
export interface Credential {
  username?: string;
  password?: string;
  /** OAuth2 refresh token (Docker's `identitytoken`), exchanged at the token endpoint. */
  identityToken?: string;
  /** A ready bearer token for the registry (`registrytoken`). */
  registryToken?: string;
}

/** What discovery found: the credential (if any), where it came from, and where it looked. */
export interface CredentialLookup {
  credential?: Credential;
  /** Human description of the source, e.g. `--creds` or `/root/.docker/config.json (auths "ghcr.io")`. */
  source?: string;
  /** Every place consulted, in order, with what happened there; used in 401/403 messages. */
  tried: string[];
}

export interface CredentialOptions {
  creds?: string;
  authfile?: string;
  env?: NodeJS.ProcessEnv;
}

interface AuthFile {
  auths?: Record<
    string,
    {
      auth?: string;
      username?: string;
      password?: string;
      identitytoken?: string;
      registrytoken?: string;
    }
  >;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

// Docker Hub has several spellings in config files; the CLI stores it as this URL.
const DOCKER_HUB_KEYS = new Set([
  "docker.io",
  "index.docker.io",
  "registry-1.docker.io",
  "registry.hub.docker.com",
]);
const DOCKER_HUB_SERVER_URL = "https://index.docker.io/v1/";

/**
 * Finds credentials the way skopeo/podman and the Docker CLI do: `--creds`, else `--authfile`
 * alone, else $REGISTRY_AUTH_FILE, ${XDG_RUNTIME_DIR}/containers/auth.json,
 * $XDG_CONFIG_HOME/containers/auth.json, then $DOCKER_CONFIG/config.json or ~/.docker/config.json.
 * In each file: credHelpers[registry], then credsStore, then auths (longest matching key).
 */
export async function findCredentials(
  registry: string,
  repository: string,
  options: CredentialOptions,
): Promise<CredentialLookup> {
  if (options.creds !== undefined) {
    // "(--creds)": the CLI's redaction masks any word after "--creds ", even "for".
    const source = "the command line (--creds)";
    return { credential: parseCreds(options.creds), source, tried: [source] };
  }
  const env = options.env ?? process.env;
  const tried: string[] = [];
  for (const file of authFiles(options.authfile, env)) {
    const parsed = await readAuthFile(file.path, file.required);
    if (!parsed) {
      tried.push(`${file.path} (absent)`);
      continue;
    }
    const found = await lookupInFile(parsed, file.path, registry, repository, env, tried);
    if (found) return { ...found, tried };
  }
  return { tried };
}

function parseCreds(creds: string): Credential {
  const colon = creds.indexOf(":");
  // The value is a secret: the message must not echo it.
  if (colon <= 0) throw new InputError("--creds must be USERNAME:PASSWORD");
  return { username: creds.slice(0, colon), password: creds.slice(colon + 1) };
}

function authFiles(
  authfile: string | undefined,
  env: NodeJS.ProcessEnv,
): { path: string; required: boolean }[] {
  if (authfile) return [{ path: authfile, required: true }];
  const home = env.HOME || homedir();
  const paths: string[] = [];
  if (env.REGISTRY_AUTH_FILE) paths.push(env.REGISTRY_AUTH_FILE);
  if (env.XDG_RUNTIME_DIR) paths.push(join(env.XDG_RUNTIME_DIR, "containers/auth.json"));
  paths.push(join(env.XDG_CONFIG_HOME || join(home, ".config"), "containers/auth.json"));
  paths.push(join(env.DOCKER_CONFIG || join(home, ".docker"), "config.json"));
  return paths.map((path) => ({ path, required: false }));
}

async function readAuthFile(path: string, required: boolean): Promise<AuthFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if (!required && (err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new InputError(
      `reading auth file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as AuthFile;
  } catch {
    // fall through: the parser's message may quote file content, which can hold secrets
  }
  throw new InputError(`auth file ${path} is not a JSON object`);
}

async function lookupInFile(
  file: AuthFile,
  path: string,
  registry: string,
  repository: string,
  env: NodeJS.ProcessEnv,
  tried: string[],
): Promise<Omit<CredentialLookup, "tried"> | undefined> {
  const helper = findKey(file.credHelpers ?? {}, registry, repository);
  const helpers = [
    helper && { name: file.credHelpers![helper]!, where: `credHelpers "${helper}"` },
    file.credsStore && { name: file.credsStore, where: "credsStore" },
  ].filter((h): h is { name: string; where: string } => Boolean(h));
  for (const { name, where } of helpers) {
    const label = `${path} (${where}: docker-credential-${name})`;
    const result = await runCredentialHelper(name, serverUrl(registry), env);
    if (result.credential) {
      tried.push(label);
      return { credential: result.credential, source: label };
    }
    tried.push(`${label}: ${result.problem}`);
  }
  const key = findKey(file.auths ?? {}, registry, repository);
  if (key === undefined) {
    tried.push(`${path}: no entry for ${registry}`);
    return undefined;
  }
  const label = `${path} (auths "${key}")`;
  const credential = decodeEntry(file.auths![key]!, label);
  tried.push(label);
  return credential ? { credential, source: label } : undefined;
}

function decodeEntry(
  entry: NonNullable<AuthFile["auths"]>[string],
  label: string,
): Credential | undefined {
  if (entry.identitytoken) return { username: entry.username, identityToken: entry.identitytoken };
  if (entry.registrytoken) return { registryToken: entry.registrytoken };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon <= 0) throw new InputError(`${label}: "auth" is not base64 of USERNAME:PASSWORD`);
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username && entry.password !== undefined)
    return { username: entry.username, password: entry.password };
  return undefined;
}

/**
 * The most specific key naming this registry (or, in containers auth.json, a namespace of
 * it: `quay.io/org` matches `quay.io/org/app`). URL-style keys (`https://host/v1/`) match
 * by host, as the Docker CLI's ConvertToHostname does.
 */
export function findKey(
  map: Record<string, unknown>,
  registry: string,
  repository: string,
): string | undefined {
  const full = `${normalizeRegistry(registry)}/${repository}`;
  let best: string | undefined;
  let bestLength = -1;
  for (const key of Object.keys(map)) {
    const scoped = normalizeKey(key);
    if (full === scoped || full.startsWith(`${scoped}/`)) {
      if (scoped.length > bestLength) [best, bestLength] = [key, scoped.length];
    }
  }
  return best;
}

function normalizeKey(key: string): string {
  const hadScheme = /^https?:\/\//i.test(key.trim());
  const k = key
    .trim()
    .replace(/^https?:\/\//i, "")
    .replace(/\/+$/, "");
  const slash = k.indexOf("/");
  const host = slash >= 0 ? k.slice(0, slash) : k;
  const path = slash >= 0 ? k.slice(slash) : "";
  const keepPath = !hadScheme && !/^\/v[12]$/.test(path);
  return normalizeRegistry(host) + (keepPath ? path : "");
}

function normalizeRegistry(registry: string): string {
  return DOCKER_HUB_KEYS.has(registry.toLowerCase()) ? DOCKER_HUB : registry.toLowerCase();
}

/** What `docker login` stores as the server for a registry (Docker Hub keeps its v1 URL). */
export function serverUrl(registry: string): string {
  return normalizeRegistry(registry) === DOCKER_HUB ? DOCKER_HUB_SERVER_URL : registry;
}
