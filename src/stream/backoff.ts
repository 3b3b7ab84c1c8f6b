// How long streamEvents waits before it reconnects: capped exponential backoff with jitter,
// so that many clients cut off at once by a restarting server do not come back in step.

/**
 * Options of streamEvents' reconnection. The defaults suit a dashboard; tests inject `random` and `sleep`.
 * @example
 * streamEvents(url, { retry: { initialDelayMs: 500, maxDelayMs: 30_000 } });
 */
export interface RetryOptions {
  /** The wait before the first reconnect, in ms (before jitter). Default 1000. A `retry:` field from the server replaces it. */
  initialDelayMs?: number;
  /** The longest wait, in ms (before jitter). Default 30000. */
  maxDelayMs?: number;
  /** A number in [0, 1): the jitter's source. Default Math.random. */
  random?: () => number;
  /**
   * Waits `ms` milliseconds; must settle early when `signal` aborts. Default: setTimeout.
   * Inject one to run reconnects without waiting, or to record the delays.
   */
  sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
}

export const DEFAULT_INITIAL_DELAY_MS = 1000;
export const DEFAULT_MAX_DELAY_MS = 30_000;

/**
 * The wait before reconnect number `attempt` (0 for the first after a connection that
 * delivered data): `base * 2^attempt`, capped at `max`, of which the upper half is random
 * ("equal jitter": never less than half the step, so a failing server is never hammered).
 * @example
 * backoffDelay(0, 1000, 30_000, () => 0.5); // 750
 * backoffDelay(10, 1000, 30_000, () => 0.999); // just under 30000
 */
export function backoffDelay(attempt: number, base: number, max: number, random: () => number): number {
  const step = Math.min(max, base * 2 ** Math.min(attempt, 52));
  const r = random();
  const jitter = r >= 0 && r < 1 ? r : 0.5; // a broken random source must not make the wait negative or huge
  return Math.round(step / 2 + (step / 2) * jitter);
}

/** Waits `ms` milliseconds, or less when `signal` aborts; never rejects. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
