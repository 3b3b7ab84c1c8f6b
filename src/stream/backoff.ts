// How long streamEvents waits before it reconnects: the stream's reconnection time (the
// server's `retry:`, as the standard says), doubled for each attempt in a row that failed, with
// jitter added on top, so that many clients cut off at once by a restarting server do not come
// back in step. Never shorter than the server asked, nor than MIN_RECONNECT_DELAY_MS.

/**
 * Options of streamEvents' reconnection. The defaults suit a dashboard; tests inject `random` and `sleep`.
 * @example
 * streamEvents(url, { retry: { initialDelayMs: 500, maxDelayMs: 30_000 } });
 */
export interface RetryOptions {
  /**
   * The reconnection time until the server sends a `retry:` field, in ms, and the least step
   * of the backoff after a failed attempt. Default 1000. No wait is shorter than
   * MIN_RECONNECT_DELAY_MS (500), whatever this or the server's `retry:` say.
   */
  initialDelayMs?: number;
  /** The cap of the backoff, in ms, before jitter; it never cuts the server's `retry:`. Default 30000. */
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
/**
 * The shortest wait before any reconnect, whatever the server's `retry:` or initialDelayMs say: a
 * server that sends `retry: 0` and closes each stream at once (or a client set to
 * `initialDelayMs: 0`) would otherwise have every client reconnect in a loop, hundreds of times a
 * second. Half a second is still "at once" to someone watching a dashboard, and holds such a
 * server to two connections a second per client.
 * @example
 * streamEvents(url, { retry: { initialDelayMs: MIN_RECONNECT_DELAY_MS } }); // as soon as it may
 */
export const MIN_RECONNECT_DELAY_MS = 500;
export const DEFAULT_MAX_DELAY_MS = 30_000;
/** The jitter adds up to this share of the step: a wait is in [step, step × 1.5). */
export const JITTER_RATIO = 0.5;

/** What the wait before a reconnect depends on. */
export interface ReconnectState {
  /** The reconnects since the start or since the last connection that brought data: 0 for the first of them. */
  failures: number;
  /** The server's last `retry:`, in ms, if it sent one; it replaces initialDelayMs as the reconnection time. */
  serverRetry: number | undefined;
  initialDelayMs: number;
  maxDelayMs: number;
}

/**
 * The wait before a reconnect, in ms. With R the reconnection time (the server's `retry:`, or
 * else initialDelayMs), the step is R for the first reconnect (failures 0), and after `n`
 * failures in a row `max(R, initialDelayMs) × 2^n`, capped at maxDelayMs but never below R.
 * The step is never below MIN_RECONNECT_DELAY_MS. The wait is the step plus a random share of
 * it of up to JITTER_RATIO: never shorter than the step, so never shorter than the server asked.
 * @example
 * reconnectDelay({ failures: 0, serverRetry: 3000, initialDelayMs: 1000, maxDelayMs: 30_000 }, () => 0); // 3000
 * reconnectDelay({ failures: 2, serverRetry: undefined, initialDelayMs: 1000, maxDelayMs: 30_000 }, () => 0.5); // 5000
 * reconnectDelay({ failures: 0, serverRetry: 0, initialDelayMs: 1000, maxDelayMs: 30_000 }, () => 0); // 500, the floor
 */
export function reconnectDelay(state: ReconnectState, random: () => number): number {
  const reconnectionTime = state.serverRetry ?? state.initialDelayMs;
  const backoff =
    state.failures === 0
      ? reconnectionTime
      : Math.max(
          reconnectionTime,
          Math.min(
            state.maxDelayMs,
            Math.max(reconnectionTime, state.initialDelayMs) * 2 ** Math.min(state.failures, 52),
          ),
        );
  const step = Math.max(backoff, MIN_RECONNECT_DELAY_MS);
  const r = random();
  const jitter = r >= 0 && r < 1 ? r : 0.5; // a broken random source must not make the wait shorter or huge
  return Math.round(step + step * JITTER_RATIO * jitter);
}
