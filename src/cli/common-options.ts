// Options that more than one command takes, read the same way by each: --rate (send and
// serve) and --seed (sample and serve). Each command gives its own help lines for them.
import { MAX_SEED } from "../testing/random.js";
import { option, readNumber } from "./arguments.js";

/** The most events per second --rate asks for. */
const MAX_RATE = 10_000;

/**
 * `--rate <N>`: events per second, `fallback` when not given.
 * @example
 * const rate = rateOption(Infinity, ["at most N events per second"]);
 */
export function rateOption<Fallback extends number | undefined>(fallback: Fallback, help: readonly string[]) {
  return option({
    flag: "rate",
    key: "rate",
    value: "<N>",
    help,
    read: (given): number | Fallback =>
      given === undefined
        ? fallback
        : readNumber("rate", given, { min: 0.001, max: MAX_RATE, integer: false, unit: "events per second" }),
  });
}

/**
 * `--seed <S>`: the seed of the testing kit's random choices; undefined when not given.
 * @example
 * const seed = seedOption(["the same seed prints the same lines"]);
 */
export function seedOption(help: readonly string[]) {
  return option({
    flag: "seed",
    key: "seed",
    value: "<S>",
    help,
    read: (given) =>
      given === undefined ? undefined : readNumber("seed", given, { min: 0, max: MAX_SEED, integer: true }),
  });
}
