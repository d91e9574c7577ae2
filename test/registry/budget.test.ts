import { afterEach, describe, expect, it, vi } from "vitest";
import { RetryBudget, attemptTimeout } from "../../src/sources/registry/budget.js";
import { watchRate } from "../../src/sources/registry/watchdog.js";

afterEach(() => void vi.useRealTimers());

describe("RetryBudget", () => {
  it("allows `retries` attempts after the first, then none", () => {
    const budget = new RetryBudget(2, 30_000);
    expect([budget.retryAfter(0), budget.retryAfter(0), budget.retryAfter(0)]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it("refuses a wait longer than the time left, and progress renews the time, not the attempts", () => {
    vi.useFakeTimers();
    const budget = new RetryBudget(3, 10_000);
    vi.advanceTimersByTime(8_000);
    expect(budget.retryAfter(3_000)).toBe(false); // 2 s left
    budget.progressed();
    expect(budget.retryAfter(3_000)).toBe(true);
    expect(budget.retryAfter(0)).toBe(true);
    expect(budget.retryAfter(0)).toBe(false); // the 4th failure: attempts are spent
  });

  it("gives each attempt a third of the timeout", () => {
    expect(attemptTimeout(30_000)).toBe(10_000);
    expect(attemptTimeout(2_000)).toBe(667);
  });
});

describe("watchRate", () => {
  it("fails a body slower than 1 KiB/s over a window, and not one that keeps up", () => {
    vi.useFakeTimers();
    const failed: string[] = [];
    let healthy = 0;
    const watch = watchRate(
      1000,
      (e) => failed.push(e.message),
      () => healthy++,
    );
    watch.count(2048);
    vi.advanceTimersByTime(1000);
    expect(healthy).toBe(1);
    watch.count(10);
    vi.advanceTimersByTime(1000);
    expect(failed).toEqual(["too slow: 10 bytes in 1 s (the floor is 1024 bytes/s)"]);
    watch.stop();
  });

  it("does not count time the consumer holds the body back", () => {
    vi.useFakeTimers();
    const failed: string[] = [];
    const watch = watchRate(1000, (e) => failed.push(e.message));
    watch.pause();
    vi.advanceTimersByTime(10_000);
    watch.resume();
    watch.count(2048);
    vi.advanceTimersByTime(1000);
    expect(failed).toEqual([]);
    watch.stop();
  });
});
