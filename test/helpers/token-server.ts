import { createSign, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { selfSigned } from "./self-signed.js";

/** One request to the token endpoint, as the test sees it (who asked, for what). */
export interface TokenRequest {
  user?: string;
  scope: string[];
  grant?: string;
}

export interface TokenServer {
  realm: string;
  service: string;
  issuer: string;
  certPath: string;
  requests: TokenRequest[];
  stop(): Promise<void>;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

/**
 * A small token endpoint (distribution token spec) that the real registry trusts: it signs
 * RS256 JWTs whose `x5c` header carries a certificate from `rootcertbundle`. Known users get
 * pull (and push unless listed in `pullOnly`); anonymous callers get a token with no access,
 * so the registry itself answers 401, as a private registry does.
 */
export async function startTokenServer(
  dir: string,
  options: {
    users: Record<string, string>;
    pullOnly: string[];
    seconds: number;
    refreshTokens?: Record<string, string>;
  },
): Promise<TokenServer> {
  const keyPath = join(dir, "token.key");
  const certPath = join(dir, "token.crt");
  selfSigned(keyPath, certPath, "/CN=ballast-test-token");
  const key = readFileSync(keyPath, "utf8");
  const certDer = Buffer.from(
    readFileSync(certPath, "utf8").replace(/-----[^-]+-----|\s/g, ""),
    "base64",
  );
  const service = "ballast-test-registry";
  const issuer = "ballast-test-issuer";
  const requests: TokenRequest[] = [];

  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      const params = req.method === "POST" ? new URLSearchParams(body) : url.searchParams;
      const refresh =
        params.get("grant_type") === "refresh_token" ? params.get("refresh_token") : null;
      const user =
        refresh !== null
          ? (options.refreshTokens?.[refresh] ?? null)
          : basicUser(req.headers.authorization, options.users);
      const entry: TokenRequest = {
        user: user ?? undefined,
        scope: params.getAll("scope"),
        grant: params.get("grant_type") ?? undefined,
      };
      requests.push(entry);
      if (user === null) {
        res
          .writeHead(401, { "content-type": "application/json" })
          .end('{"details":"bad credentials"}');
        return;
      }
      const access = user
        ? entry.scope.map((s) => grant(s, options.pullOnly.includes(user))).filter(Boolean)
        : [];
      const now = Math.floor(Date.now() / 1000);
      const header = { alg: "RS256", typ: "JWT", x5c: [certDer.toString("base64")] };
      const claims = {
        iss: issuer,
        sub: user ?? "",
        aud: service,
        exp: now + options.seconds,
        nbf: now - 10,
        iat: now,
        jti: randomUUID(),
        access,
      };
      const unsigned = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
      const signature = createSign("RSA-SHA256").update(unsigned).sign(key);
      const token = `${unsigned}.${b64url(signature)}`;
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ token, expires_in: options.seconds }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certPath,
    requests,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** undefined: anonymous; null: wrong credentials; else the user name. */
function basicUser(
  header: string | undefined,
  users: Record<string, string>,
): string | undefined | null {
  if (!header?.startsWith("Basic ")) return undefined;
  const decoded = Buffer.from(header.slice(6), "base64").toString();
  const colon = decoded.indexOf(":");
  const [user, pass] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  return users[user] !== undefined && users[user] === pass ? user : null;
}

function grant(
  scope: string,
  pullOnly: boolean,
): { type: string; name: string; actions: string[] } | undefined {
  const [type, name, actions] = [
    scope.split(":")[0]!,
    scope.split(":").slice(1, -1).join(":"),
    scope.split(":").at(-1)!,
  ];
  if (type !== "repository") return undefined;
  const allowed = actions.split(",").filter((a) => a === "pull" || (!pullOnly && a === "push"));
  return { type, name, actions: allowed };
}
