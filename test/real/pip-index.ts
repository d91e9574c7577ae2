import { createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { zipStored } from "./zip.js";

/**
 * A PEP 503 simple index on 127.0.0.1 serving one pure-Python wheel with a 4 MiB data file,
 * so that `pip install` inside a build downloads (and, without --no-cache-dir, caches) it
 * with no access to PyPI.
 */
export async function startPipIndex(): Promise<{ url: string; close: () => Promise<void> }> {
  const name = "ballastdemo-1.0-py3-none-any.whl";
  const info = "ballastdemo-1.0.dist-info";
  const body = zipStored({
    "ballastdemo/__init__.py":
      "import os\nSIZE = os.path.getsize(os.path.join(os.path.dirname(__file__), 'blob.bin'))\n",
    "ballastdemo/blob.bin": randomBytes(4 << 20),
    [`${info}/METADATA`]: "Metadata-Version: 2.1\nName: ballastdemo\nVersion: 1.0\n",
    [`${info}/WHEEL`]:
      "Wheel-Version: 1.0\nGenerator: ballast-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    [`${info}/RECORD`]: [
      "ballastdemo/__init__.py",
      "ballastdemo/blob.bin",
      `${info}/METADATA`,
      `${info}/WHEEL`,
      `${info}/RECORD`,
    ]
      .map((f) => `${f},,\n`)
      .join(""),
  });
  const sha = createHash("sha256").update(body).digest("hex");
  const server: Server = createServer((req, res) => {
    if (req.url === "/simple/ballastdemo/") {
      res.setHeader("content-type", "text/html");
      res.end(`<html><body><a href="/files/${name}#sha256=${sha}">${name}</a></body></html>`);
    } else if (req.url === `/files/${name}`) {
      res.setHeader("content-type", "application/octet-stream");
      // As PyPI's CDN does: pip only keeps responses in its HTTP cache when they say they may be cached.
      res.setHeader("cache-control", "max-age=365000000, immutable, public");
      res.setHeader("etag", `"${sha}"`);
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
