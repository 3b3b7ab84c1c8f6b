// Options that more than one command takes, read the same way by each: --rate (send and
// serve), --seed (sample and serve), --types (send and listen) and --engine (serve, send,
// listen). Each command gives its own help lines for them.
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
 * `--types <a,b>`: event types separated by commas, each trimmed, empty ones dropped (as the
 * engine reads ?types=); undefined when not given. checkTypes checks the names, once the engine
 * version they belong to is known.
 * @example
 * const types = typesOption(["only events of these types"]);
 */
export function typesOption(help: readonly string[]) {
  return option({
    flag: "types",
    key: "types",
    value: "<a,b>",
    help,
    read: (given) => {
      if (given === undefined) return undefined;
      const types = String(given)
        .split(",")
        .map((type) => type.trim())
        .filter((type) => type !== "");
      if (types.length === 0) throw new UsageError("--types names no event type: leave it out for every type");
      return types;
    },
  });
}

/**
 * Throws a UsageError naming the first of `types` that is not one of `known` (the event types of
 * the engine version chosen), with the list of those that are.
 * @example
 * checkTypes(options.types, EVENT_TYPES);
 */
export function checkTypes(types: readonly string[] | undefined, known: readonly string[]): void {
  const unknown = types?.find((type) => !known.includes(type));
  if (unknown !== undefined)
    throw new UsageError(
      `--types takes event types separated by commas; "${unknown}" is not one (valid: ${known.join(", ")})`,
    );
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
