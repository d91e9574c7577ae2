import { createHash } from "node:crypto";
import { CLIENT_JS } from "./client-bundle.js";
import { CSS } from "./style.js";
import { escapeXml } from "./treemap.js";

const sha256 = (text: string) =>
  `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/**
 * One self-contained page. The CSP allows nothing but this page's own stylesheet and script,
 * pinned by hash: no network request of any kind, no other inline code, even if a path or an
 * instruction in the data tried to inject some. Data travels as JSON in a non-executed block.
 */
export function page(title: string, body: string, data: unknown): string {
  const css = CSS.trim();
  const csp = [
    "default-src 'none'",
    `style-src ${sha256(css)}`,
    `script-src ${sha256(CLIENT_JS)}`,
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeXml(title)}</title>
<style>${css}</style>
</head>
<body>
${body}
<script type="application/json" id="ballast-data">${jsonForScript(data)}</script>
<script>${CLIENT_JS}</script>
</body>
</html>
`;
}

/** JSON that cannot close its <script> element or open a comment: every "<" is escaped. */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data ?? {})
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
