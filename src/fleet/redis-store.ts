import type { Redis } from "ioredis";
import { storeKey, type FleetStore, type StoreKind } from "./store.js";

/**
 * The store in the queue's Redis, for workers on several machines: one string key per entry
 * (`ballast:fleet:layer/v1/sha256/…`). Entries are a layer's compact summary (a few KB to a
 * few MB gzip), written once and read by every image that shares the layer.
 */
export class RedisStore implements FleetStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "ballast:fleet:",
  ) {}

  async get(kind: StoreKind, digest: string): Promise<Buffer | undefined> {
    const value = await this.redis.getBuffer(this.prefix + storeKey(kind, digest));
    return value ?? undefined;
  }

  async put(kind: StoreKind, digest: string, bytes: Buffer): Promise<void> {
    await this.redis.set(this.prefix + storeKey(kind, digest), bytes);
  }

  async close(): Promise<void> {}
}
