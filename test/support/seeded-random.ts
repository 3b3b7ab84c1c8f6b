/**
 * mulberry32: a small seeded PRNG giving numbers in [0, 1). The same seed gives the same
 * sequence on every run, so generated inputs (test strings, stream cuts, the benchmark corpus)
 * are reproducible and a failure can be replayed. The testing kit's own generator, under the
 * name the tests use.
 * @example
 * const random = seededRandom(42);
 * random(); // the same first number on every run
 */
export { mulberry32 as seededRandom } from "../../src/testing/random.js";
