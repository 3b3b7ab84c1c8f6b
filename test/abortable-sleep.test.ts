// The abortable sleep that streamEvents waits its reconnects with, and the CLI its pace and retries.
import { afterEach, describe, expect, it, vi } from "vitest";
import { sleep } from "../src/abortable-sleep.js";

describe("sleep", () => {
  afterEach(() => void vi.useRealTimers());

  it("waits longer than setTimeout's limit of 2^31 - 1 ms in parts, instead of firing at once", async () => {
    vi.useFakeTimers();
    let done = false;
    void sleep(2 ** 31 + 5, undefined).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(2 ** 31 - 1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(6);
    expect(done).toBe(true);
  });

  it("settles as soon as the signal aborts", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    let done = false;
    void sleep(60_000, controller.signal).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });
});
