import { InputError, withContext } from "../../model/errors.js";
import { checkBufferDigest, sha256, shortDigest } from "../verify.js";
import { RegistryAuth, describeCredentials } from "./auth.js";
import type { RetryBudget } from "./budget.js";
import type { CredentialOptions } from "./credentials.js";
import { quoteServerText, readErrorBody } from "./error-text.js";
import {
  RegistryHttp,
  readLimited,
  type HttpOptions,
  type Response,
  type SendOptions,
} from "./http.js";
import { isLoopbackHost, type RegistryReference } from "./reference.js";

export const MANIFEST_TYPES = {
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  ociIndex: "application/vnd.oci.image.index.v1+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
};
// All four, always: Distribution 2.8 answers 404 for an OCI manifest requested without the
// OCI type, and converts v2s2 to schema 1 (another digest) when v2 is missing (tools/README.md).
const ACCEPT = Object.values(MANIFEST_TYPES).join(", ");
/**
 * Distribution's own manifest size limit, and skopeo's (containers/image iolimits) for
 * manifests and configs alike: anything bigger is refused before it is read (issue 13).
 */
export const MAX_MANIFEST_BYTES = 4 << 20;
export const MAX_CONFIG_BYTES = 4 << 20;

/** What a request was for, so 404/401 messages say repository vs tag vs blob. */
export type Target =
  | { kind: "manifest"; reference: string }
  | { kind: "blob"; digest: string; what: string }
  | { kind: "list"; what: string };

export interface ClientOptions extends CredentialOptions, HttpOptions {}

/** A Registry HTTP API v2 client for one repository (OCI distribution spec). */
export class RegistryClient {
  readonly http: RegistryHttp;
  readonly auth: RegistryAuth;
  private base?: string;
  private readonly scope: string;

  constructor(
    readonly ref: RegistryReference,
    options: ClientOptions,
  ) {
    // Loopback registries are insecure by default, as in Docker: plain HTTP is allowed.
    const tlsVerify = options.tlsVerify ?? (isLoopbackHost(ref.host) ? false : true);
    this.http = new RegistryHttp({ ...options, tlsVerify });
    this.auth = new RegistryAuth(this.http, ref.registry, ref.repository, options);
    this.scope = `repository:${ref.repository}:pull`;
  }

  get name(): string {
    return `${this.ref.registry}/${this.ref.repository}`;
  }

  /** GET /v2/: finds the scheme (https, else http when verification is off) and the auth challenge. */
  async ping(): Promise<void> {
    const schemes = this.http.options.tlsVerify ? ["https"] : ["https", "http"];
    // One budget for both: a server that never answers is reported once, in --timeout.
    const budget = this.http.budget();
    let lastError: unknown;
    for (const scheme of schemes) {
      const url = `${scheme}://${this.ref.host}/v2/`;
      if (lastError && budget.remainingMs() <= 0) break;
      let res: Response;
      try {
        res = await this.http.send({ method: "GET", url }, { budget });
      } catch (err) {
        // Of https then http, the http error says more (https to a plain server is noise).
        lastError = err;
        continue;
      }
      await res.body.dump();
      this.base = `${scheme}://${this.ref.host}`;
      if (res.statusCode === 401) {
        if (!this.auth.setChallenge(res.headers["www-authenticate"])) {
          throw new InputError(
            `${this.ref.host} answered 401 without a usable WWW-Authenticate challenge`,
          );
        }
      } else if (res.statusCode !== 200) {
        throw new InputError(
          `${url} answered HTTP ${res.statusCode}: not a container registry (API v2)?`,
        );
      }
      return;
    }
    throw new InputError(
      `cannot reach registry ${this.ref.host}: ${connectionProblem(lastError, this.http.options.tlsVerify)}`,
    );
  }

  /** Fetches a manifest or index by tag or digest; checks it against the digest when given one. */
  async manifest(reference: string): Promise<{ bytes: Buffer; mediaType: string; digest: string }> {
    const target: Target = { kind: "manifest", reference };
    const res = await this.get(
      `/v2/${this.ref.repository}/manifests/${reference}`,
      { accept: ACCEPT },
      target,
      {
        read: { limit: MAX_MANIFEST_BYTES, what: `manifest ${reference} of ${this.name}` },
      },
    );
    const bytes = res.bytes!;
    const isDigest = reference.includes(":");
    if (isDigest) checkBufferDigest(bytes, reference, `manifest of ${this.name}`);
    const contentType = String(res.headers["content-type"] ?? "")
      .split(";")[0]!
      .trim();
    let mediaType = contentType;
    if (!Object.values(MANIFEST_TYPES).includes(contentType)) {
      let inner: unknown;
      try {
        inner = (JSON.parse(bytes.toString("utf8")) as { mediaType?: unknown } | null)?.mediaType;
      } catch {
        throw new InputError(`manifest ${reference} of ${this.name} is not JSON`);
      }
      mediaType = quoteServerText(typeof inner === "string" ? inner : contentType);
    }
    return { bytes, mediaType, digest: isDigest ? reference : sha256(bytes) };
  }

  /** A small blob (the config) read into memory and verified. */
  async blobBuffer(digest: string, size: number, what: string): Promise<Buffer> {
    const label = `${what} ${shortDigest(digest)}`;
    if (!Number.isSafeInteger(size) || size < 0)
      throw new InputError(`${label}: invalid size ${JSON.stringify(size)} in the manifest`);
    if (size > MAX_CONFIG_BYTES)
      throw new InputError(
        `${label}: the manifest declares ${size} bytes, over the limit of ${MAX_CONFIG_BYTES} for a ${what}`,
      );
    const res = await this.get(
      `/v2/${this.ref.repository}/blobs/${digest}`,
      {},
      blobTarget(digest, what),
      {
        read: { limit: size, what: label },
      },
    );
    const bytes = res.bytes!;
    if (bytes.length !== size)
      throw new InputError(`${label}: expected ${size} bytes, read ${bytes.length}`);
    checkBufferDigest(bytes, digest, what);
    return bytes;
  }

  /** GET a blob, optionally from `offset` (Range, for resuming); follows redirects to storage. */
  blob(digest: string, what: string, offset: number, budget: RetryBudget): Promise<Response> {
    const headers: Record<string, string> = offset > 0 ? { range: `bytes=${offset}-` } : {};
    return this.get(
      `/v2/${this.ref.repository}/blobs/${digest}`,
      headers,
      blobTarget(digest, what),
      {
        budget,
      },
    );
  }

  /**
   * A listing (`/v2/_catalog`, `/v2/NAME/tags/list`) as JSON, with the `Link` header that
   * points at its next page (distribution spec, "Listing Tags" and catalog pagination).
   */
  async list(path: string, scope: string, what: string): Promise<{ json: unknown; link?: string }> {
    const res = await this.get(
      path,
      { accept: "application/json" },
      { kind: "list", what },
      { read: { limit: 16 << 20, what } },
      scope,
    );
    const bytes = res.bytes!;
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString("utf8"));
    } catch {
      throw new InputError(`${what} of ${this.ref.host} is not JSON`);
    }
    const link = res.headers.link;
    return { json, link: Array.isArray(link) ? link.join(", ") : link };
  }

  /** An authorized GET; retries once after a 401 that brings a fresh challenge (expired token). */
  private async get(
    path: string,
    headers: Record<string, string>,
    target: Target,
    options: SendOptions = {},
    scope = this.scope,
  ): Promise<Response & { bytes?: Buffer }> {
    try {
      if (!this.base) await this.ping();
      const url = `${this.base}${path}`;
      const send = async () =>
        this.http.send(
          { method: "GET", url, headers, authorization: await this.auth.authorization(scope) },
          options,
        );
      let res = await send();
      if (res.statusCode === 401 && this.auth.setChallenge(res.headers["www-authenticate"])) {
        await res.body.dump();
        res = await send();
      }
      if (res.statusCode === 200 || res.statusCode === 206) return res;
      throw await this.failure(res, target);
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw withContext(`fetching ${describeTarget(target)} of ${this.name}`, err);
    }
  }

  /** Secrets a server might echo back, so that no message repeats them. */
  private async secrets(): Promise<string[]> {
    return this.auth.secrets();
  }

  private async failure(res: Response, target: Target): Promise<InputError> {
    const { code, message } = await readErrorBody(res, await this.secrets());
    const lookup = await this.auth.credentials();
    const status = `HTTP ${res.statusCode}${code ? ` ${code}` : ""}${message ? `: ${message}` : ""}`;
    if (res.statusCode === 401) {
      const hint =
        this.ref.registry === "docker.io"
          ? "; on Docker Hub this also means the repository does not exist"
          : "";
      return new InputError(
        lookup.credential
          ? `${this.ref.registry} rejected ${describeCredentials(lookup)} for ${this.name} (${status})`
          : `${this.name} requires authentication; ${describeCredentials(lookup)} (${status})${hint}`,
      );
    }
    if (res.statusCode === 403) {
      return new InputError(
        `access to ${this.name} denied with ${describeCredentials(lookup)} (${status})`,
      );
    }
    if (res.statusCode === 404) {
      if (target.kind === "manifest" && code !== "NAME_UNKNOWN")
        return new InputError(await this.manifestNotFound(target.reference, code));
      return new InputError(notFound(this.name, code, target));
    }
    return new InputError(`fetching ${describeTarget(target)} of ${this.name}: ${status}`);
  }

  /**
   * Distribution answers MANIFEST_UNKNOWN even when the repository itself is missing; the tag
   * list tells the two apart and lets the message suggest the tags that do exist.
   */
  private async manifestNotFound(reference: string, code: string | undefined): Promise<string> {
    const res = await this.http
      .send({
        method: "GET",
        url: `${this.base}/v2/${this.ref.repository}/tags/list?n=100`,
        authorization: await this.auth.authorization(this.scope),
      })
      .catch(() => undefined);
    if (!res) return notFound(this.name, code, { kind: "manifest", reference });
    if (res.statusCode === 404)
      return notFound(this.name, (await readErrorBody(res)).code ?? "NAME_UNKNOWN", {
        kind: "manifest",
        reference,
      });
    const tags = res.statusCode === 200 ? await readTags(res) : (await res.body.dump(), []);
    // Only names a tag can have (distribution spec): nothing else from the server is echoed.
    const list = tags.filter(
      (t): t is string => typeof t === "string" && /^[\w][\w.-]{0,127}$/.test(t),
    );
    const known = list.length
      ? `; tags: ${list.slice(0, 10).join(", ")}${list.length > 10 ? ", …" : ""}`
      : "";
    return `${notFound(this.name, code, { kind: "manifest", reference })}${known}`;
  }

  async close(): Promise<void> {
    await this.http.close();
  }
}

function notFound(name: string, code: string | undefined, target: Target): string {
  if (code === "NAME_UNKNOWN") return `repository ${name} not found (HTTP 404 NAME_UNKNOWN)`;
  if (target.kind === "list")
    return `${target.what} not found on ${name} (HTTP 404${code ? ` ${code}` : ""})`;
  if (target.kind === "blob")
    return `${target.what} blob ${target.digest} not found in ${name} (HTTP 404${code ? ` ${code}` : ""})`;
  const what = target.reference.includes(":")
    ? `manifest ${target.reference}`
    : `tag "${target.reference}"`;
  return `${what} not found in ${name} (HTTP 404${code ? ` ${code}` : ""})`;
}

/** The tag list's `tags`, read within the manifest size limit; [] for anything else. */
async function readTags(res: Response): Promise<unknown[]> {
  try {
    const body = await readLimited(res, MAX_MANIFEST_BYTES, "tag list");
    const tags = (JSON.parse(body.toString("utf8")) as { tags?: unknown } | null)?.tags;
    return Array.isArray(tags) ? tags : [];
  } catch {
    res.body.destroy();
    return [];
  }
}

function blobTarget(digest: string, what: string): Target {
  return { kind: "blob", digest, what };
}

function describeTarget(target: Target): string {
  if (target.kind === "manifest") return `manifest ${target.reference}`;
  return target.kind === "list" ? target.what : `${target.what} ${shortDigest(target.digest)}`;
}

const CERT_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

function connectionProblem(err: unknown, tlsVerify: boolean): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.cause?.code ?? e?.code ?? "";
  const message = e?.message || e?.cause?.message || String(err);
  if (tlsVerify && CERT_CODES.test(code))
    return `${message} (use --tls-verify=false to skip certificate verification)`;
  return message;
}
