// Turns of the test worker's event loop, so that it can answer vitest's main process. Vitest's
// calls from a worker to the main process (onTaskUpdate and the like) fail after 60 s without an
// answer, and the answer is read only when the worker's event loop turns: a test file that blocks
// it for a minute (synchronous loops, spawnSync) fails the run on a loaded machine, however green
// its tests. Vitest takes no turn between the tests of a file: turn-before-each-test.ts takes
// one, and a long loop within a test takes one now and then (turn, yieldingProperty).
import type { IRawProperty } from "fast-check";

const immediate = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * One whole turn of the event loop, in which pending I/O (the main process's answers) is read.
 * Two immediates: one set from an I/O callback runs before the loop polls again, but the
 * second is set in the check phase and so runs only after the next poll.
 */
export async function turn(): Promise<void> {
  await immediate();
  await immediate();
}

/**
 * A fast-check property that takes a turn every `ms` of its run: the same cases from the same
 * seed, the same failures and shrinking, but as an async property (so `await fc.assert(...)`).
 */
export function yieldingProperty<Ts>(property: IRawProperty<Ts, false>, ms = 200): IRawProperty<Ts, true> {
  let since = performance.now();
  return {
    isAsync: () => true,
    generate: (random, runId) => property.generate(random, runId),
    shrink: (value) => property.shrink(value),
    run: async (value) => {
      if (performance.now() - since > ms) {
        await turn();
        since = performance.now();
      }
      return property.run(value);
    },
    runBeforeEach: async () => property.runBeforeEach(),
    runAfterEach: async () => property.runAfterEach(),
  };
}
