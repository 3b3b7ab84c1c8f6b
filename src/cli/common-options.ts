// Options that more than one command takes, read the same way by each: --rate (send and
// serve), --seed (sample and serve) and --engine (sample, and the commands that read events).
// Each command gives its own help lines for them.
import { resolveFormat, type Format } from "../engine/index.js";
import { MAX_SEED } from "../testing/random.js";
import { option, readNumber, UsageError } from "./arguments.js";

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

/**
 * `--engine <version>`: the engine version whose events are read (and, for serve, played), as
 * the package's one resolver reads it (`2.31.4`, `2.31`, `v2.31.4`); without it, the newest
 * modelled. A version the package does not model is a UsageError with the resolver's message.
 * @example
 * const engine = engineOption(["the engine version of the events"]);
 */
export function engineOption(help: readonly string[]) {
  return option({
    flag: "engine",
    key: "engine",
    value: "<version>",
    help,
    read: (given): { version: string | undefined; format: Format } => {
      const version = given === undefined ? undefined : String(given);
      try {
        return { version, format: resolveFormat(version) };
      } catch (error) {
        if (!(error instanceof TypeError)) throw error;
        throw new UsageError(`--engine: ${error.message}`);
      }
    },
  });
}
