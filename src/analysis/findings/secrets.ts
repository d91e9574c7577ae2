/** Patterns shared by the secret detectors. Values are never copied into messages. */

/** Variable names that usually hold a secret. */
export const SECRET_NAME =
  /(?:^|_)(?:PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)(?:$|_)/i;
/** Names that point to a secret or describe it (`_FILE`, `_URL`, `_LENGTH`…) rather than hold it. */
const REFERENCE_NAME =
  /_(?:FILE|PATH|DIR|URL|URI|ENDPOINT|HOST|PORT|USER|USERNAME|NAME|TYPE|LENGTH|TTL|TIMEOUT|EXPIRY|ENABLED|URL_?FILE)$/i;

/** Well-known token formats, detected whatever the variable or file name. */
export const TOKEN_PATTERNS: [string, RegExp][] = [
  ["AWS access key id", /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ["GitHub token", /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/],
  ["GitLab token", /\bglpat-[A-Za-z0-9_-]{20,}\b/],
  ["Slack token", /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/],
  ["Stripe live key", /\b[sr]k_live_[A-Za-z0-9]{20,}\b/],
  ["npm token", /\bnpm_[A-Za-z0-9]{36}\b/],
  ["private key", /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----|PuTTY-User-Key-File-\d/],
  ["password in URL", /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]+@/],
];

/** Values that are clearly not secrets: empty, placeholders, booleans, paths. */
function placeholder(value: string): boolean {
  return (
    /^(?:|changeme|change-me|xxx+|\*+|<[^>]*>|\$\{?[A-Za-z_]+\}?|true|false|yes|no|none|null|0|1)$/i.test(
      value.trim(),
    ) || value.startsWith("/")
  );
}

/** Why `NAME=value` looks like a secret, or undefined. */
export function secretVariable(name: string, value: string): string | undefined {
  const token = TOKEN_PATTERNS.find(([, re]) => re.test(value));
  if (token) return token[0];
  if (SECRET_NAME.test(name) && !REFERENCE_NAME.test(name) && !placeholder(value))
    return "secret-like name";
  return undefined;
}

/** Why a text looks like it holds a secret, or undefined. */
export function secretInText(text: string): string | undefined {
  return TOKEN_PATTERNS.find(([, re]) => re.test(text))?.[0];
}
