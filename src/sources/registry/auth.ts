import { InputError } from "../../model/errors.js";
import { findCredentials, type CredentialLookup, type CredentialOptions } from "./credentials.js";
import type { RegistryHttp } from "./http.js";
import { parseWwwAuthenticate, type Challenge } from "./www-authenticate.js";

interface CachedToken {
  value: string;
  expiresAt: number;
}

/** Tokens are refreshed this long before they expire, so a slow layer never starts stale. */
const EXPIRY_MARGIN_MS = 10_000;
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
    const res = await this.http.send({
      method,
      url: url.toString(),
      headers,
      body: method === "POST" ? form.toString() : undefined,
    });
    if (res.statusCode === 401 || res.statusCode === 403) {
      await res.body.dump();
      const who = credential ? `the credentials from ${source}` : "anonymous access";
      throw new InputError(
        `the token service ${url.origin}${url.pathname} refused ${who} for ${scope} (HTTP ${res.statusCode})`,
      );
    }
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw new InputError(
        `the token service ${url.origin}${url.pathname} answered HTTP ${res.statusCode}`,
      );
    }
    const body = (await res.body.json()) as {
      token?: string;
      access_token?: string;
      expires_in?: number;
    };
    const value = body.token ?? body.access_token;
    if (!value)
      throw new InputError(`the token service ${url.origin}${url.pathname} returned no token`);
    const seconds =
      typeof body.expires_in === "number" && body.expires_in > 0
        ? body.expires_in
        : DEFAULT_TOKEN_SECONDS;
    return {
      value,
      expiresAt: started + seconds * 1000 - Math.min(EXPIRY_MARGIN_MS, seconds * 500),
    };
  }
}

/** "the credentials from X" or "no credentials (looked in …)", never the secrets themselves. */
export function describeCredentials(lookup: CredentialLookup): string {
  if (lookup.credential) return `the credentials from ${lookup.source}`;
  if (lookup.tried.length === 0) return "no credentials";
  return `no credentials (looked in ${lookup.tried.join("; ")})`;
}
