/**
 * Removes credentials from text that is about to be printed: `user:pass@` in URLs,
 * Authorization header values, and `--creds` style `user:secret` pairs after "creds".
 */
export function redact(text: string): string {
  return text
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, "$1***@")
    .replace(/(authorization["']?\s*[:=]\s*["']?)(basic|bearer)\s+[^\s"',}]+/gi, "$1$2 ***")
    .replace(/(--creds[= ])\S+/g, "$1***");
}
