// Pacing for `send --rate` and `serve --rate`: the n-th event goes out n / rate seconds after
// the first, whatever the time spent between (so a slow receiver does not slow the rate further).
import { sleep } from "../abortable-sleep.js";

/**
 * Waits until `index` events may have gone at `rate` per second since `startMs` (a time from
 * performance.now()); at once when the rate is Infinity.
 * @example
 * const start = performance.now();
 * for (const [i, event] of events.entries()) { await pace(start, i, 10); send(event); }
 */
export async function pace(startMs: number, index: number, rate: number, signal?: AbortSignal): Promise<void> {
  const due = startMs + (index * 1000) / rate;
  await sleepUntil(due, signal);
}

/** Resolves at `due` (performance.now() time), or at once when aborted; without a timer when `due` is past. */
export function sleepUntil(due: number, signal?: AbortSignal): Promise<void> {
  const wait = due - performance.now();
  if (!(wait > 0) || signal?.aborted) return Promise.resolve();
  return sleep(wait, signal);
}
