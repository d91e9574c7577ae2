import { readLimited, type Response } from "./http.js";

/** What of an error body is quoted in a message; the rest is cut (with "…"). */
const MAX_QUOTED = 200;
/** What of an error body is read at all. */
const MAX_ERROR_BODY = 64 << 10;

/**
 * The distribution spec's stock messages say no more than their code, so they are left out;
 * a registry's own words (Docker Hub's rate-limit advice, say) are kept.
 */
const STOCK_MESSAGES = new Set([
  "authentication required",
  "blob unknown to registry",
  "blob upload invalid",
  "blob upload unknown to registry",
  "manifest blob unknown",
  "manifest invalid",
  "manifest unknown",
  "invalid repository name",
  "repository name not known to registry",
  "requested access to the resource is denied",
  "the operation is unsupported.",
  "too many requests",
  "service unavailable",
]);

export interface ErrorBody {
  /** The distribution spec's `errors[0].code`, when it looks like one. */
  code?: string;
  /** `errors[0].message` (or a plain-text body's first line), made safe to print. */
  message?: string;
}

/**
 * Text from a server, fit for a one-line message: control characters (ESC sequences that
 * retitle or clear a terminal, newlines that forge lines) become spaces, known secrets
 * become "***", and it is cut to MAX_QUOTED characters.
 */
export function quoteServerText(raw: string, secrets: readonly string[] = []): string {
  let text = raw;
  for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join("***");
  text = text
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
}

/** The code and message of an error response (distribution spec §Error codes), its body consumed. */
export async function readErrorBody(
  res: Response,
  secrets: readonly string[] = [],
): Promise<ErrorBody> {
  let body: string;
  try {
    body = (await readLimited(res, MAX_ERROR_BODY, "error body")).toString("utf8");
  } catch {
    res.body.destroy();
    return {};
  }
  const type = String(res.headers["content-type"] ?? "");
  let first: { code?: unknown; message?: unknown } | undefined;
  try {
    first = (JSON.parse(body) as { errors?: { code?: unknown; message?: unknown }[] }).errors?.[0];
  } catch {
    const line = type.startsWith("text/plain") ? body.split("\n")[0] : "";
    return line ? { message: quoteServerText(line, secrets) } : {};
  }
  const code =
    typeof first?.code === "string" && /^[A-Z_]{1,64}$/.test(first.code) ? first.code : undefined;
  const message =
    typeof first?.message === "string" && !STOCK_MESSAGES.has(first.message.trim().toLowerCase())
      ? quoteServerText(first.message, secrets)
      : undefined;
  return { code, ...(message ? { message } : {}) };
}
