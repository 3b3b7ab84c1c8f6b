/**
 * mulberry32: a small seeded PRNG giving numbers in [0, 1). The same seed gives the same
 * sequence on every run, so generated inputs (test strings, stream cuts, the benchmark corpus)
 * are reproducible and a failure can be replayed.
 * @example
 * const random = seededRandom(42);
 * random(); // the same first number on every run
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
