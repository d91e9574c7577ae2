import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";

/**
 * A PEP 503 simple index on 127.0.0.1 serving one pure-Python wheel with a 4 MiB data file,
 * so that `pip install` inside a build downloads (and, without --no-cache-dir, caches) it
 * with no access to PyPI. The wheel is zipped by the host's python3.
 */
export async function startPipIndex(
  dir: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const name = "ballastdemo-1.0-py3-none-any.whl";
  const wheel = path.join(dir, name);
  writeFileSync(path.join(dir, "blob.bin"), randomBytes(4 << 20));
  const script = `
import zipfile, sys
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("ballastdemo/__init__.py", "import os\\nSIZE = os.path.getsize(os.path.join(os.path.dirname(__file__), 'blob.bin'))\\n")
    z.write(sys.argv[2], "ballastdemo/blob.bin")
    z.writestr("ballastdemo-1.0.dist-info/METADATA", "Metadata-Version: 2.1\\nName: ballastdemo\\nVersion: 1.0\\n")
    z.writestr("ballastdemo-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\\nGenerator: ballast-test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n")
    z.writestr("ballastdemo-1.0.dist-info/RECORD", "ballastdemo/__init__.py,,\\nballastdemo/blob.bin,,\\nballastdemo-1.0.dist-info/METADATA,,\\nballastdemo-1.0.dist-info/WHEEL,,\\nballastdemo-1.0.dist-info/RECORD,,\\n")
`;
  execFileSync("python3", ["-c", script, wheel, path.join(dir, "blob.bin")]);
  const body = readFileSync(wheel);
  const sha = createHash("sha256").update(body).digest("hex");
  const server: Server = createServer((req, res) => {
    if (req.url === "/simple/ballastdemo/") {
      res.setHeader("content-type", "text/html");
      res.end(`<html><body><a href="/files/${name}#sha256=${sha}">${name}</a></body></html>`);
    } else if (req.url === `/files/${name}`) {
      res.setHeader("content-type", "application/octet-stream");
      res.end(body);
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/simple/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
