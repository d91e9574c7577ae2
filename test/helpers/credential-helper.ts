import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Installs a real `docker-credential-test` executable in `<dir>/bin` (put it on PATH): a
 * shell script speaking the docker-credential-helpers protocol. It appends each server URL
 * it is asked for to `<dir>/helper.log` and answers from `entries`, else "not found".
 */
export function installCredentialHelper(
  dir: string,
  entries: Record<string, { Username: string; Secret: string }>,
): string {
  const bin = join(dir, "bin");
  mkdirSync(bin, { recursive: true });
  const cases = Object.entries(entries)
    .map(
      ([server, c]) =>
        `  ${JSON.stringify(server)}) printf '%s' ${shellQuote(JSON.stringify({ ServerURL: server, ...c }))} ;;`,
    )
    .join("\n");
  const script = `#!/bin/sh
[ "$1" = get ] || exit 2
read -r server
echo "$server" >> ${shellQuote(join(dir, "helper.log"))}
case "$server" in
${cases}
  *) echo "credentials not found in native keychain"; exit 1 ;;
esac
`;
  const path = join(bin, "docker-credential-test");
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return bin;
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
