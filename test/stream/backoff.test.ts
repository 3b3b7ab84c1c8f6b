// The wait before a reconnect (standard, "reestablish the connection": wait the reconnection
// time, then optionally more, such as an exponential backoff); the sleep that waits it is
// test/abortable-sleep.test.ts.
import { describe, expect, it } from "vitest";
import { JITTER_RATIO, MIN_RECONNECT_DELAY_MS, reconnectDelay, type ReconnectState } from "../../src/stream/backoff.js";

const state = (failures: number, serverRetry?: number): ReconnectState => ({
  failures,
  serverRetry,
  initialDelayMs: 1000,
  maxDelayMs: 30_000,
});

describe("reconnectDelay", () => {
  it.each([
    [0, undefined, 1000],
    [1, undefined, 2000],
    [4, undefined, 16_000],
    [5, undefined, 30_000], // capped
    [80, undefined, 30_000], // no overflow however long the outage
    [0, 3000, 3000],
    [1, 3000, 6000],
    [3, 3000, 24_000],
    [0, 60_000, 60_000], // above the cap: the server's time wins
    [6, 60_000, 60_000],
    [0, 0, MIN_RECONNECT_DELAY_MS], // retry: 0 waits the floor, not nothing
    [1, 0, 2000], // retry: 0, yet failures back off from initialDelayMs
    [0, 200, MIN_RECONNECT_DELAY_MS],
    [1, 200, 2000],
  ])("after %i failures with retry: %s, the step is %i", (failures, serverRetry, step) => {
    expect(reconnectDelay(state(failures, serverRetry), () => 0)).toBe(step);
    const most = reconnectDelay(state(failures, serverRetry), () => 1 - Number.EPSILON);
    expect(most).toBeGreaterThanOrEqual(step);
    expect(most).toBeLessThanOrEqual(Math.round(step * (1 + JITTER_RATIO)));
  });

  it("is never below the floor, whatever the server's retry: and initialDelayMs (issue 22: retry: 0 made 1,263 connections in 3 s)", () => {
    for (const failures of [0, 1, 2])
      for (const serverRetry of [undefined, 0, 1, 499])
        expect(
          reconnectDelay({ failures, serverRetry, initialDelayMs: 0, maxDelayMs: 0 }, () => 0),
        ).toBeGreaterThanOrEqual(MIN_RECONNECT_DELAY_MS);
  });

  it("is never below the server's retry: for any random value, even a broken source", () => {
    for (const r of [0, 0.25, 0.5, 0.999, -1, 1, 7, Number.NaN])
      for (const failures of [0, 1, 2, 10])
        expect(reconnectDelay(state(failures, 3000), () => r)).toBeGreaterThanOrEqual(3000);
  });
});
