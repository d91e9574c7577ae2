import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdtemp, rename, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A forward HTTP proxy that keeps every .deb it fetched, so that the original and the converted
 * build (and the corpus cases sharing gcc, python3…) download each package once. buildah hands
 * http_proxy to RUN steps; apt honours it. Package indexes pass through uncached.
 */
export async function startAptCache(): Promise<{
  url: string;
  hits: () => number;
  close: () => Promise<void>;
}> {
  const dir = await mkdtemp(path.join(tmpdir(), "ballast-aptcache-"));
  let hits = 0;
  const server = http.createServer((req, res) => {
    const url = req.url ?? "";
    const cached = path.join(dir, createHash("sha256").update(url).digest("hex"));
    if (req.method === "GET" && url.endsWith(".deb") && existsSync(cached)) {
      hits++;
      res.writeHead(200, { "content-type": "application/vnd.debian.binary-package" });
      createReadStream(cached).pipe(res);
      return;
    }
    const upstream = http.request(
      url,
      { method: req.method, headers: { ...req.headers, connection: "close" } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        if (req.method === "GET" && url.endsWith(".deb") && up.statusCode === 200) {
          const part = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`;
          const file = createWriteStream(part);
          up.pipe(file);
          file.on("finish", () => void rename(part, cached).catch(() => undefined));
        }
        up.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => hits,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
