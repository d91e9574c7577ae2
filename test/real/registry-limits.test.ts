import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { analyzeImage } from "../../src/analysis/analyze.js";
import { captureIO } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { openRegistryImage, type RegistryOpenOptions } from "../../src/sources/registry/image.js";
import { entries, layerTar } from "../helpers/build-image.js";
import { startFaultProxy, type FaultProxy } from "../helpers/fault-proxy.js";
import { startRegistry, type RegistryServer } from "../helpers/registry-server.js";
import { pushImage, type PushedLayer } from "./registry-images.js";

// Issue 13 §4: no registry request hangs or buffers without bound. The images are pushed to a
// real, writable Distribution registry; faults it cannot produce come from the proxy in front.
let registry: RegistryServer;
let proxy: FaultProxy;
let work: string;
const MB = 1 << 20;
/** A timeout of 4.5 s: each attempt gets 1.5 s, so each case ends in seconds. */
const QUICK = { timeoutMs: 4500, retries: 5, retryBaseMs: 20 };
let layer: PushedLayer;

async function analyze(host: string, tag: string, options: RegistryOpenOptions = {}) {
  const image = await openRegistryImage(`docker://${host}/limits/app:${tag}`, {
    cacheDir: false,
    http: QUICK,
    ...options,
  });
  try {
    return await analyzeImage(image, { workers: false });
  } finally {
    await image.close();
  }
}

/** How long `promise` took to settle, and its error (it must fail). */
async function failure(promise: Promise<unknown>): Promise<{ seconds: number; message: string }> {
  const started = Date.now();
  const err = await promise.then(
    () => new Error("expected a failure, it succeeded"),
    (e: Error) => e,
  );
  return { seconds: (Date.now() - started) / 1000, message: err.message };
}

async function cli(args: string[]) {
  const io = captureIO({ env: { HOME: work, XDG_CACHE_HOME: join(work, "xdg") } });
  const started = Date.now();
  const code = await main(args, io);
  return { code, out: io.out, err: io.err, seconds: (Date.now() - started) / 1000 };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "ballast-limits-"));
  registry = await startRegistry();
  const tar = await layerTar([
    ...entries({ "etc/": null, "etc/os-release": "ID=limits\n" }),
    { name: "data.bin", content: randomBytes(2 * MB) },
  ]);
  layer = await pushImage(registry.host, work, "limits/app:app", tar);
});
afterAll(async () => {
  await proxy?.stop();
  await registry?.stop();
  rmSync(work, { recursive: true, force: true });
});
beforeEach(async () => {
  await proxy?.stop();
  proxy = await startFaultProxy(registry.host);
});

const blobPath = () => new RegExp(`/blobs/${layer.digest}`);

// A test's own timeout is the hang it guards against: far above what each case takes.
describe(
  "every registry request ends in bounded time (faults by a fault-injecting proxy)",
  { timeout: 20_000 },
  () => {
    it("a blob dripping 1 byte/s fails as too slow within the timeout (fault-injecting proxy)", async () => {
      proxy.faults.push({ match: blobPath(), kind: "drip", everyMs: 1000, times: 100 });
      const r = await failure(analyze(proxy.host, "app"));
      expect(r.message).toMatch(/fetching layer 0 sha256:\w{12} from .*: too slow: \d+ bytes in/);
      expect(r.seconds).toBeLessThan(8);
    });

    it("a manifest dripping 1 byte/s fails as too slow within the timeout (fault-injecting proxy)", async () => {
      proxy.faults.push({ match: /\/manifests\//, kind: "drip", everyMs: 1000, times: 100 });
      const r = await failure(analyze(proxy.host, "app"));
      expect(r.message).toMatch(
        /^fetching manifest app of .*: too slow: \d+ bytes in .*\(\d attempts in \d s\)$/,
      );
      expect(r.seconds).toBeLessThan(8);
    });

    it("a blob that stalls mid-body, then no answer: fails within the timeout (fault-injecting proxy)", async () => {
      proxy.faults.push({ match: blobPath(), kind: "stall", afterBytes: 100_000 });
      proxy.faults.push({ match: blobPath(), kind: "hang", times: 100 });
      const r = await failure(analyze(proxy.host, "app"));
      expect(r.message).toMatch(
        /fetching layer 0 sha256:\w{12} of .*: no answer within 1\.5 s \(\d attempts in \d s\)$/,
      );
      expect(r.seconds).toBeLessThan(8);
    });

    it("a registry that sends a little and then resets, for ever, runs out of attempts (fault-injecting proxy)", async () => {
      proxy.faults.push({ match: blobPath(), kind: "reset", afterBytes: 50_000, times: 1000 });
      // Every attempt makes progress: only the attempt count can stop it.
      const r = await failure(
        analyze(proxy.host, "app", { http: { ...QUICK, timeoutMs: 60_000 } }),
      );
      expect(r.message).toMatch(/connection|reset/);
      expect(proxy.log.filter((e) => e.path.includes(layer.digest))).toHaveLength(
        1 + QUICK.retries,
      );
    });

    it("a server that accepts connections and never answers is reported within the timeout (fault-injecting proxy)", async () => {
      proxy.faults.push({ match: /./, kind: "hang", times: 1000 });
      const r = await failure(analyze(proxy.host, "app"));
      expect(r.message).toMatch(
        /^cannot reach registry 127\.0\.0\.1:\d+: no answer within 1\.5 s \(\d attempts in \d s\)$/,
      );
      expect(r.seconds).toBeLessThan(7);
    });

    it("a token realm that accepts and never answers is reported within the timeout (fault-injecting proxy)", async () => {
      const silent = await silentServer();
      try {
        // The real registry is open: the proxy adds a challenge whose realm never answers.
        proxy.faults.push({
          match: /^\/v2\/$/,
          kind: "status",
          status: 401,
          body: "{}",
          headers: { "www-authenticate": `Bearer realm="http://${silent.host}/token",service="x"` },
          times: 10,
        });
        const r = await failure(analyze(proxy.host, "app"));
        expect(r.message).toMatch(
          /^the token service http:\/\/127\.0\.0\.1:\d+\/token: no answer within 1\.5 s \(\d attempts in \d s\)$/,
        );
        expect(r.seconds).toBeLessThan(7);
      } finally {
        await silent.stop();
      }
    });

    it("Retry-After: 59 on every request fails at once, naming the wait and the timeout (fault-injecting proxy)", async () => {
      proxy.faults.push({ match: /./, kind: "status", status: 429, retryAfter: "59", times: 1000 });
      const r = await failure(analyze(proxy.host, "app", { http: {} }));
      expect(r.message).toMatch(
        /rate limited by 127\.0\.0\.1:\d+: it asks to retry after 59 s, beyond the 30 s timeout \(--timeout\)/,
      );
      expect(r.seconds).toBeLessThan(2);
    });

    it("a blob body running past its declared size is cut at that size (fault-injecting proxy)", async () => {
      proxy.faults.push({ match: blobPath(), kind: "endless" });
      const r = await failure(analyze(proxy.host, "app"));
      expect(r.message).toMatch(
        new RegExp(
          `layer 0 sha256:\\w{12}: the registry sent more than the declared ${layer.size} bytes`,
        ),
      );
      expect(r.seconds).toBeLessThan(3);
    });

    it("a manifest body without end is refused at the manifest size limit (fault-injecting proxy)", async () => {
      proxy.faults.push({ match: /\/manifests\//, kind: "endless" });
      const r = await failure(analyze(proxy.host, "app"));
      expect(r.message).toMatch(
        /manifest app of .* is larger than expected \(over 4194304 bytes\)/,
      );
    });
  },
);

describe("the CLI: --timeout and --retries, one line and exit 2", { timeout: 20_000 }, () => {
  it("analyze of a server that never answers: exit 2 within --timeout, one line", async () => {
    proxy.faults.push({ match: /./, kind: "hang", times: 1000 });
    const r = await cli([
      "analyze",
      `docker://${proxy.host}/limits/app:app`,
      "--timeout",
      "2",
      "-q",
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^ballast: cannot reach registry 127\.0\.0\.1:\d+: no answer within 0\.7 s \(\d attempts in \d s\)\n$/,
    );
    expect(r.seconds).toBeLessThan(4);
  });

  it("the default timeout reports a dead server within about 30 s", async () => {
    proxy.faults.push({ match: /./, kind: "hang", times: 1000 });
    const r = await cli(["analyze", `docker://${proxy.host}/limits/app:app`, "-q"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^ballast: cannot reach registry .*: no answer within 10 s/);
    expect(r.seconds).toBeGreaterThan(25);
    expect(r.seconds).toBeLessThan(35);
  }, 60_000);

  it.each([["ci"], ["diff"]])("%s takes --timeout and --retries too", async (command) => {
    proxy.faults.push({ match: /./, kind: "status", status: 503, times: 1000 });
    const ref = `docker://${proxy.host}/limits/app:app`;
    const args = command === "diff" ? [ref, ref] : [ref];
    const r = await cli([command, ...args, "--timeout", "5", "--retries", "2", "-q"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^ballast: .*HTTP 503/);
    expect(proxy.log).toHaveLength(3);
  });

  it("bad values of --timeout and --retries are usage errors", async () => {
    const ref = `docker://${registry.host}/limits/app:app`;
    expect((await cli(["analyze", ref, "--timeout", "soon"])).err).toBe(
      'ballast: --timeout takes a number of seconds (0 < s <= 86400), got "soon"\n',
    );
    expect((await cli(["analyze", ref, "--retries", "-1"])).code).toBe(2);
  });
});

/** A TCP server that accepts connections and never sends a byte. */
async function silentServer(): Promise<{ host: string; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => void sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    host: `127.0.0.1:${port}`,
    stop: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
