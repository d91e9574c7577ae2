import { spawn } from "node:child_process";
import type { Credential } from "./credentials.js";

const HELPER_TIMEOUT_MS = 60_000;

/**
 * Runs `docker-credential-<name> get` with the server URL on stdin, as the Docker CLI does
 * (docker-credential-helpers protocol). A missing helper or "not found" is not fatal: the
 * caller goes on (anonymous pulls of public images keep working with a stale config.json),
 * and `problem` explains it in a later 401 message. Secrets never appear in `problem`.
 */
export function runCredentialHelper(
  name: string,
  server: string,
  env: NodeJS.ProcessEnv,
): Promise<{ credential?: Credential; problem?: string }> {
  const program = `docker-credential-${name}`;
  if (!/^[\w.-]+$/.test(name)) return Promise.resolve({ problem: "invalid helper name" });
  return new Promise((resolve) => {
    let stdout = "";
    let settled = false;
    const done = (value: { credential?: Credential; problem?: string }) => {
      if (!settled) resolve(value);
      settled = true;
    };
    const child = spawn(program, ["get"], {
      env,
      stdio: ["pipe", "pipe", "ignore"],
      timeout: HELPER_TIMEOUT_MS,
    });
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.on("error", (err: NodeJS.ErrnoException) =>
      done({
        problem:
          err.code === "ENOENT"
            ? `${program} not found on PATH`
            : `${program} failed (${err.code ?? err.message})`,
      }),
    );
    child.on("close", (code, signal) => {
      if (code !== 0) {
        // The protocol reports a missing entry as this exact text on stdout with exit 1.
        const notFound = /credentials not found/i.test(stdout);
        done({ problem: notFound ? "no entry" : `${program} exited with ${signal ?? code}` });
        return;
      }
      done(parseHelperOutput(stdout, program));
    });
    child.stdin.on("error", () => undefined);
    child.stdin.end(server);
  });
}

function parseHelperOutput(
  stdout: string,
  program: string,
): { credential?: Credential; problem?: string } {
  let reply: { Username?: unknown; Secret?: unknown };
  try {
    reply = JSON.parse(stdout) as typeof reply;
  } catch {
    return { problem: `${program} printed something that is not JSON` };
  }
  if (typeof reply.Secret !== "string" || reply.Secret === "") return { problem: "no entry" };
  const username = typeof reply.Username === "string" ? reply.Username : "";
  // "<token>" marks an identity (refresh) token, per docker-credential-helpers.
  if (username === "<token>") return { credential: { identityToken: reply.Secret } };
  return { credential: { username, password: reply.Secret } };
}
