// A bound on how long a test waits for something a defect could withhold for ever (an answer, an
// abort): the test then fails at once with what did not happen, instead of at vitest's timeout.

/**
 * `promise`, or a rejection naming `what` after `ms` milliseconds.
 * @example
 * const response = await within(3000, "no answer", fetch(url));
 */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
