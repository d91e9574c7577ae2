import { createRequire } from "node:module";
import type { Readable } from "node:stream";
import type { Dispatcher } from "undici";
import { InputError } from "../model/errors.js";
import { RegistryClient } from "../sources/registry/client.js";
import { parseReference, isLoopbackHost } from "../sources/registry/reference.js";
import { describeCredentials } from "../sources/registry/auth.js";
import {
  ociManifest,
  OCI_MANIFEST,
  sha256Of,
  type OutputBlob,
  type OutputImage,
} from "./output-image.js";
import { Readable as ReadableStream } from "node:stream";

/** Registry push options: the same credentials and TLS flags as `analyze`. */
export interface PushOptions {
  creds?: string;
  authfile?: string;
  tlsVerify?: boolean;
  env?: NodeJS.ProcessEnv;
}

type Response = Dispatcher.ResponseData;
const { request } = createRequire(import.meta.url)("undici/lib/api") as {
  request(this: Dispatcher, options: Dispatcher.RequestOptions): Promise<Response>;
};

const ATTEMPTS = 3;

/**
 * Pushes an image (distribution spec, "Pushing blobs" and "Pushing Manifests"): each blob
 * is checked with HEAD and, when missing, uploaded whole (POST, then PUT with the digest);
 * the manifest is put under the tag only after every blob is in, so a failed push leaves
 * the tag as it was.
 */
export async function pushImage(
  image: OutputImage,
  text: string,
  options: PushOptions,
): Promise<void> {
  const ref = parseReference(text);
  if (!ref.tag && !ref.digest) ref.tag = "latest";
  const tlsVerify = options.tlsVerify ?? (isLoopbackHost(ref.host) ? false : true);
  const client = new RegistryClient(ref, {
    ...options,
    env: options.env ?? process.env,
    tlsVerify,
  });
  const session = new PushSession(client, `repository:${ref.repository}:pull,push`);
  try {
    await session.ping();
    for (const blob of [...image.layers, bufferBlob(image.config)]) await session.putBlob(blob);
    const manifest = ociManifest(image);
    const reference = ref.tag ?? sha256Of(manifest);
    await session.putManifest(reference, manifest);
  } finally {
    await client.close();
  }
}

class PushSession {
  private base = "";

  constructor(
    private readonly client: RegistryClient,
    private readonly scope: string,
  ) {}

  private get repo(): string {
    return this.client.ref.repository;
  }

  async ping(): Promise<void> {
    const schemes = this.client.http.options.tlsVerify ? ["https"] : ["https", "http"];
    let lastError: unknown;
    for (const scheme of schemes) {
      const base = `${scheme}://${this.client.ref.host}`;
      const res = await this.client.http
        .send({ method: "GET", url: `${base}/v2/` })
        .catch((e: unknown) => {
          lastError = e;
          return undefined;
        });
      if (!res) continue;
      await res.body.dump();
      if (res.statusCode === 401) this.client.auth.setChallenge(res.headers["www-authenticate"]);
      else if (res.statusCode !== 200)
        throw new InputError(
          `${base}/v2/ answered HTTP ${res.statusCode}: not a container registry (API v2)?`,
        );
      this.base = base;
      return;
    }
    throw new InputError(
      `cannot reach registry ${this.client.ref.host}: ${(lastError as Error)?.message ?? lastError}`,
    );
  }

  async putBlob(blob: OutputBlob): Promise<void> {
    const path = `/v2/${this.repo}/blobs/${blob.digest}`;
    const head = await this.send("HEAD", path);
    await head.body.dump();
    if (head.statusCode === 200) return;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.upload(blob);
      } catch (err) {
        if (attempt >= ATTEMPTS || err instanceof InputError) throw err;
      }
    }
  }

  private async upload(blob: OutputBlob): Promise<void> {
    const start = await this.send("POST", `/v2/${this.repo}/blobs/uploads/`);
    await start.body.dump();
    if (start.statusCode !== 202) throw await this.failure(start, "starting a blob upload");
    const location = new URL(String(start.headers.location), this.base);
    location.searchParams.set("digest", blob.digest);
    const done = await this.send("PUT", location.pathname + location.search, {
      body: await blob.open(),
      headers: { "content-type": "application/octet-stream", "content-length": String(blob.size) },
    });
    await done.body.dump();
    if (done.statusCode !== 201) throw await this.failure(done, `uploading blob ${blob.digest}`);
  }

  async putManifest(reference: string, manifest: Buffer): Promise<void> {
    const res = await this.send("PUT", `/v2/${this.repo}/manifests/${reference}`, {
      body: manifest,
      headers: { "content-type": OCI_MANIFEST },
    });
    await res.body.dump();
    if (res.statusCode !== 201) throw await this.failure(res, `putting the manifest ${reference}`);
  }

  /** An authorized request; after a 401 with a new challenge (expired token), once more. */
  private async send(
    method: "HEAD" | "POST" | "PUT",
    path: string,
    extra: { body?: Buffer | Readable; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    for (let tries = 0; ; tries++) {
      const authorization = await this.client.auth.authorization(this.scope);
      const res = await request.call(this.client.http.dispatcher, {
        origin: this.base,
        path,
        method,
        headers: { ...extra.headers, ...(authorization ? { authorization } : {}) },
        body: extra.body,
      });
      const replayable = !extra.body || Buffer.isBuffer(extra.body);
      if (res.statusCode !== 401 || tries > 0 || !replayable) return res;
      if (!this.client.auth.setChallenge(res.headers["www-authenticate"])) return res;
      await res.body.dump();
    }
  }

  private async failure(res: Response, what: string): Promise<InputError> {
    const lookup = await this.client.auth.credentials();
    const who =
      res.statusCode === 401 || res.statusCode === 403
        ? ` with ${describeCredentials(lookup)}`
        : "";
    return new InputError(`${what} to ${this.client.name}${who}: HTTP ${res.statusCode}`);
  }
}

function bufferBlob(bytes: Buffer): OutputBlob {
  return {
    digest: sha256Of(bytes),
    size: bytes.length,
    open: async () => ReadableStream.from([bytes]),
  };
}
