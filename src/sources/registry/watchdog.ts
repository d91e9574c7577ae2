import { formatSeconds, StallError } from "./budget.js";

/**
 * Slower than this, averaged over an attempt's window, a response counts as stalled: a
 * 1 byte/s drip never trips an idle timeout, and would otherwise hold a request for ever.
 */
export const MIN_BYTES_PER_SECOND = 1024;

export interface RateWatch {
  /** Bytes arrived. */
  count(n: number): void;
  /** The consumer holds the body back: time paused is not the server's. */
  pause(): void;
  resume(): void;
  stop(): void;
}

/**
 * Watches a response body's rate: each window of `windowMs` (not paused by us) must bring
 * MIN_BYTES_PER_SECOND on average, or `fail` is called with a StallError; a window that
 * does calls `healthy`. Idle gaps are undici's bodyTimeout; this catches the slow drip.
 */
export function watchRate(
  windowMs: number,
  fail: (err: StallError) => void,
  healthy?: () => void,
): RateWatch {
  let start = Date.now();
  let bytes = 0;
  let paused = false;
  const minimum = Math.ceil((MIN_BYTES_PER_SECOND * windowMs) / 1000);
  const period = Math.max(1, windowMs / 4);
  let lastTick = start;
  const timer = setInterval(() => {
    const now = Date.now();
    // A late tick means this thread was busy (parsing a layer, say): the bytes may be
    // waiting on the socket unread, so the window says nothing about the server.
    const late = now - lastTick > period * 2;
    lastTick = now;
    if (paused || late) {
      if (late) [start, bytes] = [now, 0];
      return;
    }
    if (now - start < windowMs) return;
    if (bytes < minimum) {
      clearInterval(timer);
      fail(
        new StallError(
          `too slow: ${bytes} bytes in ${formatSeconds(now - start)} (the floor is ${MIN_BYTES_PER_SECOND} bytes/s)`,
        ),
      );
      return;
    }
    healthy?.();
    start = now;
    bytes = 0;
  }, period);
  timer.unref();
  return {
    count: (n) => void (bytes += n),
    pause: () => void (paused = true),
    resume: () => {
      if (!paused) return;
      paused = false;
      start = Date.now();
      bytes = 0;
    },
    stop: () => clearInterval(timer),
  };
}
