import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LAB_DIR } from "./fixtures.js";

/** Where the slim tier caches its own image (oci-archive), so re-runs skip the build. */
export const SLIM_LAB = `${LAB_DIR}/slim`;
const STORE = `${LAB_DIR}/store-overlay`;
export const LAB_BUILDAH = [
  "--storage-driver",
  "overlay",
  "--root",
  `${STORE}/root`,
  "--runroot",
  `${STORE}/run`,
];

/**
 * Every kind of leftover a strip set knows, on the lab's Debian base: apt lists and .debs,
 * a pip cache, a .git directory, docs, man pages and locales nobody installed with dpkg,
 * bytecode with its sources, a package's tests, headers and a static library; and a 20 MB
 * file that a later layer deletes. The program prints what it imports, so a stripped
 * image that lost something it needs prints something else (or fails).
 */
export const LEFTOVERS_DOCKERFILE = `FROM localhost/debian:bookworm-minbase
RUN apt-get update && apt-get install -y python3
RUN set -e; P=/usr/local/lib/python3.11/dist-packages/tinypkg; \\
    mkdir -p $P/tests /root/.cache/pip/http /app/.git/objects /usr/local/share/doc/app /usr/local/share/man/man1 \\
      /usr/local/share/locale/xx/LC_MESSAGES /usr/local/include /usr/local/lib; \\
    echo 'VALUE = 42' > $P/__init__.py; echo 'def test_value(): pass' > $P/tests/test_value.py; \\
    python3 -m compileall -q $P; \\
    head -c 3000000 /dev/urandom > /root/.cache/pip/http/blob; \\
    echo 'ref: refs/heads/main' > /app/.git/HEAD; head -c 200000 /dev/urandom > /app/.git/objects/pack; \\
    echo notes > /usr/local/share/doc/app/NOTES; echo '.TH APP 1' > /usr/local/share/man/man1/app.1; \\
    echo catalog > /usr/local/share/locale/xx/LC_MESSAGES/app.mo; \\
    echo '#define APP 1' > /usr/local/include/app.h; head -c 50000 /dev/urandom > /usr/local/lib/libapp.a
RUN head -c 20000000 /dev/urandom > /opt/big.bin
RUN rm /opt/big.bin
COPY app.py /app/app.py
LABEL org.opencontainers.image.title="slim-leftovers"
CMD ["python3", "/app/app.py"]
`;

const APP_PY = `import json, sys, email.parser, tinypkg
print(json.dumps({"value": tinypkg.VALUE, "python": list(sys.version_info[:2]), "email": email.parser.__name__}))
`;

/** Builds (once) and returns the oci-archive path of the leftovers image. */
export function leftoversImage(): string {
  const out = `${SLIM_LAB}/leftovers.oci.tar`;
  if (existsSync(out)) return out;
  const ctx = `${SLIM_LAB}/leftovers-ctx`;
  rmSync(ctx, { recursive: true, force: true });
  mkdirSync(ctx, { recursive: true });
  writeFileSync(join(ctx, "Dockerfile"), LEFTOVERS_DOCKERFILE);
  writeFileSync(join(ctx, "app.py"), APP_PY);
  const tag = "localhost/slim:leftovers";
  execFileSync(
    "buildah",
    [
      ...LAB_BUILDAH,
      "bud",
      "--isolation",
      "chroot",
      "--layers",
      "--pull=never",
      "-f",
      join(ctx, "Dockerfile"),
      "-t",
      tag,
      ctx,
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  execFileSync("buildah", [...LAB_BUILDAH, "push", "-q", tag, `oci-archive:${out}.tmp:leftovers`]);
  execFileSync("mv", [`${out}.tmp`, out]);
  return out;
}
