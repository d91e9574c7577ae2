import type { Instruction } from "../dockerfile/model.js";
import { defineRule } from "./rule.js";

const SECRET_NAME =
  /(^|_)(TOKEN|PASSWORD|PASSWD|PASS|PWD|SECRET|CREDENTIALS?|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|SECRET_?KEY|CLIENT_SECRET|AUTH)($|_)|_KEY$/i;
/** Names that look secret but hold public or non-secret data (GPG_KEY is a fingerprint in official images). */
const NOT_SECRET =
  /(^|_)(GPG|PGP|PUBLIC|PUB)_?KEY($|_)|KEYRING|_(FILE|PATH|DIR|URL|ID|NAME|USER|LENGTH|SIZE|TYPE|VERSION|VER)$|^(PWD|OLDPWD)$/i;
/** Names that are secrets whatever the generic pattern says (an access key id is half a credential pair). */
const ALWAYS_SECRET = /^(AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN)$/i;
/** Values shaped like AWS access key ids (AKIA… long-term, ASIA… temporary), whatever the name. */
const AWS_KEY_VALUE = /^(AKIA|ASIA)[A-Z0-9]{16}$/;
/** A version number (`1.5.0`, `v2`, `3.12.1-r0`) is never a secret (`DOCKER_AUTH_VERSION`; issue 17). */
const VERSION_VALUE = /^v?\d+(\.\d+)+([-+~][\w.+~-]*)?$/;
const HARMLESS_VALUE = /^(|true|false|yes|no|on|off|0|1|none|null|changeme)$/i;

/** True when the value is only a variable reference (`$X`, `${X}`), not a literal. */
function isReference(value: string): boolean {
  return /^\$(\{[A-Za-z_][A-Za-z0-9_]*(:?[-=+?][^}]*)?\}|[A-Za-z_][A-Za-z0-9_]*)$/.test(value);
}

export function looksSecret(name: string): boolean {
  return ALWAYS_SECRET.test(name) || (SECRET_NAME.test(name) && !NOT_SECRET.test(name));
}

/** True when a property's literal value is a secret worth reporting. */
export function secretValue(name: string, value: string): boolean {
  if (AWS_KEY_VALUE.test(value)) return true;
  if (!looksSecret(name) || HARMLESS_VALUE.test(value) || isReference(value)) return false;
  return !VERSION_VALUE.test(value);
}

export default defineRule({
  id: "secret-in-env-or-arg",
  meta: {
    severity: "error",
    category: "security",
    summary: "ENV/ARG with a secret-looking name and a literal value",
    hadolint: ["DL3064"],
    checks: ["SecretsUsedInArgOrEnv"],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "Flags `ENV` and `ARG` whose name looks like a secret (`*_TOKEN`, `*PASSWORD*`, `*SECRET*`, `*_KEY`, `*API_KEY*`, …) and whose value is a literal, in any stage. `ARG NAME` without a default, references such as `${NAME}`, booleans and public-key fingerprints (`GPG_KEY`) are not flagged.",
      why: "ENV values are stored in the image config and ARG values in its history: anyone who can pull the image can read them, and the Dockerfile itself is usually in version control.",
      example: "FROM node:20-slim\nENV NPM_TOKEN=npm_abc123\nRUN npm ci --omit=dev\n",
      useInstead:
        "FROM node:20-slim\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci --omit=dev\n",
      fixSafety:
        "No automatic fix: the secret must be rotated and passed with `--mount=type=secret`.",
    },
  },
  messages: {
    literalSecret:
      "{{keyword}} {{name}} sets a secret-looking value in the Dockerfile; pass it at build time with `RUN --mount=type=secret`",
  },
  create(ctx) {
    const check = (instr: Instruction) => {
      for (const p of instr.properties) {
        const value = p.value ?? "";
        if (!secretValue(p.name, value)) continue;
        ctx.report({
          instr,
          messageId: "literalSecret",
          data: { keyword: instr.keyword, name: p.name },
        });
      }
    };
    return { ENV: check, ARG: check };
  },
});
