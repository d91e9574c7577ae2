import { InputError, withContext } from "../../model/errors.js";
import { quoteServerText, readErrorBody } from "./error-text.js";
import { findCredentials, type CredentialLookup, type CredentialOptions } from "./credentials.js";
import type { RegistryHttp } from "./http.js";
import { parseWwwAuthenticate, type Challenge } from "./www-authenticate.js";

interface CachedToken {
  value: string;
  expiresAt: number;
}

/** Tokens are refreshed this long before they expire, so a slow layer never starts stale. */
const EXPIRY_MARGIN_MS = 10_000;
/** The largest token response read (skopeo's limit for bearer token bodies). */
const MAX_TOKEN_BODY = 1 << 20;
/** The distribution token spec's default lifetime when expires_in is absent. */
const DEFAULT_TOKEN_SECONDS = 60;

/**
 * Authorization for one registry (distribution token spec, RFC 7617 basic): remembers the
 * challenge from `/v2/`, finds credentials once, and caches bearer tokens per scope until
 * they expire.
 */
export class RegistryAuth {
  private challenge?: Challenge;
  private lookup?: Promise<CredentialLookup>;
  private readonly tokens = new Map<string, CachedToken>();

  constructor(
    private readonly http: RegistryHttp,
    private readonly registry: string,
    private readonly repository: string,
    private readonly credentialOptions: CredentialOptions,
  ) {}

  /** Credentials are discovered lazily: an open registry never runs a credential helper. */
  credentials(): Promise<CredentialLookup> {
    this.lookup ??= findCredentials(this.registry, this.repository, this.credentialOptions);
    return this.lookup;
  }

  /** Records a 401's challenge; returns false when it brings nothing we can act on. */
  setChallenge(header: string | string[] | undefined): boolean {
    const value = Array.isArray(header) ? header.join(", ") : header;
    const challenges = parseWwwAuthenticate(value ?? "");
    const next =
      challenges.find((c) => c.scheme === "bearer") ?? challenges.find((c) => c.scheme === "basic");
    if (!next) return false;
    this.challenge = next;
    this.tokens.clear();
    return true;
  }

  /** Every secret in play (credentials, tokens, their Basic encoding), for scrubbing messages. */
  async secrets(): Promise<string[]> {
    const { credential } = await this.credentials();
    const found = [...this.tokens.values()].map((t) => t.value);
    if (credential) {
      const { username, password, identityToken, registryToken } = credential;
      for (const s of [password, identityToken, registryToken]) if (s) found.push(s);
      if (username !== undefined && password !== undefined)
        found.push(Buffer.from(`${username}:${password}`).toString("base64"));
    }
    return found;
  }

  get scheme(): string | undefined {
    return this.challenge?.scheme;
  }

  /** The Authorization value for a request needing `scope`, or undefined for anonymous. */
  async authorization(scope: string): Promise<string | undefined> {
    if (!this.challenge) return undefined;
    const { credential } = await this.credentials();
    if (this.challenge.scheme === "basic") {
      if (credential?.username === undefined || credential.password === undefined) return undefined;
      return `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString("base64")}`;
    }
    if (credential?.registryToken) return `Bearer ${credential.registryToken}`;
    const cached = this.tokens.get(scope);
    if (cached && cached.expiresAt > Date.now()) return `Bearer ${cached.value}`;
    const token = await this.fetchToken(scope);
    this.tokens.set(scope, token);
    return `Bearer ${token.value}`;
  }

  private async fetchToken(scope: string): Promise<CachedToken> {
    const params = this.challenge!.params;
    if (!params.realm)
      throw new InputError(`${this.registry} sent a Bearer challenge without a realm`);
    const url = new URL(params.realm);
    const { credential, source } = await this.credentials();
    const form = new URLSearchParams();
    if (params.service) form.set("service", params.service);
    form.set("scope", scope);
    const headers: Record<string, string> = {};
    let method: "GET" | "POST" = "GET";
    if (credential?.identityToken) {
      // OAuth2 refresh-token grant, as the Docker CLI does with an identity token.
      method = "POST";
      form.set("grant_type", "refresh_token");
      form.set("refresh_token", credential.identityToken);
      form.set("client_id", "ballast");
      headers["content-type"] = "application/x-www-form-urlencoded";
    } else {
      for (const [k, v] of form) url.searchParams.append(k, v);
      if (credential?.username !== undefined && credential.password !== undefined) {
        headers.authorization = `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString("base64")}`;
      }
    }
    const started = Date.now();
    const service = `the token service ${quoteServerText(url.origin + url.pathname)}`;
    const res = await this.http
      .send(
        {
          method,
          url: url.toString(),
          headers,
          body: method === "POST" ? form.toString() : undefined,
        },
        { read: { limit: MAX_TOKEN_BODY, what: `the answer of ${service}` } },
      )
      .catch((err: unknown) => {
        throw err instanceof InputError ? err : withContext(service, err);
      });
    if (res.statusCode !== 200) {
      const { message } = await readErrorBody(res, await this.secrets());
      const said = message ? `: ${message}` : "";
      if (res.statusCode === 401 || res.statusCode === 403) {
        const who = credential ? `the credentials from ${source}` : "anonymous access";
        throw new InputError(
          `${service} refused ${who} for ${scope} (HTTP ${res.statusCode})${said}`,
        );
      }
      throw new InputError(`${service} answered HTTP ${res.statusCode}${said}`);
    }
    const body = parseTokenBody(res.bytes!);
    const value = body?.token ?? body?.access_token;
    if (typeof value !== "string" || !value) throw new InputError(`${service} returned no token`);
    const seconds =
      typeof body?.expires_in === "number" && body.expires_in > 0
        ? body.expires_in
        : DEFAULT_TOKEN_SECONDS;
    return {
      value,
      expiresAt: started + seconds * 1000 - Math.min(EXPIRY_MARGIN_MS, seconds * 500),
    };
  }
}

interface TokenBody {
  token?: unknown;
  access_token?: unknown;
  expires_in?: unknown;
}

function parseTokenBody(bytes: Buffer): TokenBody | undefined {
  try {
    const body = JSON.parse(bytes.toString("utf8")) as unknown;
    return body && typeof body === "object" ? (body as TokenBody) : undefined;
  } catch {
    return undefined;
  }
}

/** "the credentials from X" or "no credentials (looked in …)", never the secrets themselves. */
export function describeCredentials(lookup: CredentialLookup): string {
  if (lookup.credential) return `the credentials from ${lookup.source}`;
  if (lookup.tried.length === 0) return "no credentials";
  return `no credentials (looked in ${lookup.tried.join("; ")})`;
}
