import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LAB_DIR } from "./fixtures.js";

/** Where the findings tier caches its images (oci-archive), so re-runs skip the builds. */
export const FINDINGS_DIR = `${LAB_DIR}/findings`;
const STORE = `${LAB_DIR}/store-overlay`;
const BUILDAH = [
  "--storage-driver",
  "overlay",
  "--root",
  `${STORE}/root`,
  "--runroot",
  `${STORE}/run`,
];
const BASE = "localhost/debian:bookworm-minbase";

/**
 * One image for every case make-fixtures.sh does not cover: a compiler and -dev package kept
 * in the final image, a pip HTTP cache, a .git directory, a private key deleted in a later
 * layer, a setuid bit, a world-writable directory, a secret ENV and an exposed port.
 * PyPI is not reachable here, so pip installs a tiny wheel from a local HTTP server inside
 * the RUN (chroot isolation shares the host network); the server sends Cache-Control as PyPI
 * does, so pip keeps the download in ~/.cache/pip/http-v2 exactly as it would PyPI's (pip caches plain HTTP only for a --trusted-host).
 */
export const KITCHEN_DOCKERFILE = `FROM ${BASE}
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev python3-pip && rm -rf /var/lib/apt/lists/*
COPY whl/ /whl/
RUN python3 /whl/serve.py /whl/port /whl >/dev/null 2>&1 & pid=$!; \\
    for i in $(seq 600); do [ -s /whl/port ] && break; kill -0 $pid 2>/dev/null || break; sleep 0.1; done; \\
    pip install --break-system-packages --no-index --trusted-host 127.0.0.1 --find-links "http://127.0.0.1:$(cat /whl/port)/" tinypkg; rc=$?; kill $pid; rm -rf /whl; exit $rc
COPY app/ /app/
COPY id_rsa /root/.ssh/id_rsa
RUN rm /root/.ssh/id_rsa
RUN chmod u+s /usr/bin/find && mkdir /data && chmod 777 /data
ENV API_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB
EXPOSE 80
CMD ["python3", "/app/main.py"]
`;

/**
 * http.server plus the Cache-Control header PyPI sends; without it pip caches nothing. It listens
 * on a free port and writes the port to a file (renamed into place) only once it is listening, so
 * the RUN waits for readiness instead of sleeping a fixed time (a loaded machine missed 2 s).
 */
const SERVE_PY = `import functools, http.server, os, sys
class Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600, public")
        super().end_headers()
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=sys.argv[2]))
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
server.serve_forever()
`;

const WHEEL_SCRIPT = `
import zipfile, sys
out = sys.argv[1]
files = {
  "tinypkg/__init__.py": "VALUE = 42\\n",
  "tinypkg-1.0.dist-info/METADATA": "Metadata-Version: 2.1\\nName: tinypkg\\nVersion: 1.0\\n",
  "tinypkg-1.0.dist-info/WHEEL": "Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
}
files["tinypkg-1.0.dist-info/RECORD"] = "".join(f"{n},,\\n" for n in files) + "tinypkg-1.0.dist-info/RECORD,,\\n"
with zipfile.ZipFile(out, "w") as z:
    for n, c in files.items(): z.writestr(n, c)
`;

/** Builds (once) and returns the oci-archive path of the kitchen image. */
export function kitchenImage(): string {
  const out = `${FINDINGS_DIR}/kitchen.oci.tar`;
  if (existsSync(out)) return out;
  const ctx = `${FINDINGS_DIR}/kitchen-ctx`;
  rmSync(ctx, { recursive: true, force: true });
  mkdirSync(join(ctx, "whl"), { recursive: true });
  mkdirSync(join(ctx, "app"), { recursive: true });
  writeFileSync(join(ctx, "Dockerfile"), KITCHEN_DOCKERFILE);
  execFileSync("python3", ["-c", WHEEL_SCRIPT, join(ctx, "whl/tinypkg-1.0-py3-none-any.whl")]);
  writeFileSync(join(ctx, "whl/serve.py"), SERVE_PY);
  writeFileSync(join(ctx, "app/main.py"), "print('hi')\n");
  const git = (...args: string[]) =>
    execFileSync("git", [
      "-C",
      join(ctx, "app"),
      "-c",
      "user.name=t",
      "-c",
      "user.email=t@t",
      ...args,
    ]);
  git("init", "-q");
  git("add", ".");
  git("commit", "-q", "-m", "init");
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  writeFileSync(join(ctx, "id_rsa"), privateKey.export({ type: "pkcs1", format: "pem" }));
  const tag = "localhost/findings:kitchen";
  execFileSync(
    "buildah",
    [
      ...BUILDAH,
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
    {
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  execFileSync("buildah", [...BUILDAH, "push", "-q", tag, `oci-archive:${out}.tmp:kitchen`]);
  execFileSync("mv", [`${out}.tmp`, out]);
  return out;
}
