// The one sleep of the package that a signal can cut short: streamEvents waits its reconnects
// with it, the CLI its pace (send, serve) and its delivery retries.

/**
 * The longest wait setTimeout takes (2^31 - 1 ms, about 24.8 days); a longer one would fire at
 * once. Written out: a bundler keeps an expression such as `2 ** 31 - 1` in a bundle that uses
 * nothing of this module, for all it knows of its effects.
 */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** Waits `ms` milliseconds, or less when `signal` aborts; never rejects. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    let timer: ReturnType<typeof setTimeout>;
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const wait = (left: number) => {
      // A server may ask for a `retry:` longer than setTimeout can wait: wait it out in parts.
      timer = setTimeout(
        () => (left > MAX_TIMEOUT_MS ? wait(left - MAX_TIMEOUT_MS) : done()),
        Math.min(left, MAX_TIMEOUT_MS),
      );
    };
    wait(ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
