// `ironflow-events sample <type> [-n N] [--seed S]`: valid events from the testing kit, as
// NDJSON written the way the engine writes them, for fixtures. `sample run` prints whole runs.
import { KIT_EVENT_TYPES, type KitEventType } from "../../../testing/kit-format.js";
import { toEngineJson } from "../../../testing/engine-json.js";
import { makeEvent } from "../../../testing/make-event.js";
import { makeRun } from "../../../testing/make-run.js";
import { MAX_SEED, Random, seedOf } from "../../../testing/random.js";
import { option, optionsHelp, readNumber, readOptions, UsageError } from "../../arguments.js";
import type { Command, CommandIO } from "../../command.js";
import { Output } from "../../output.js";
import { seedOption } from "../../common-options.js";

const MAX_COUNT = 1_000_000;

/** The options of `sample`, in the order of its help. */
const SAMPLE_OPTIONS = [
  option({
    flag: "n",
    key: "count",
    value: "<N>",
    help: ["how many events (or runs); default 1"],
    read: (given) => (given === undefined ? 1 : readNumber("n", given, { min: 1, max: MAX_COUNT, integer: true })),
  }),
  seedOption([`the same seed (0 to ${MAX_SEED}) prints the same lines`]),
] as const;

/** Where the help text of an option starts. */
const HELP_COLUMN = 25;

const HELP = `Usage: ironflow-events sample <type|run> [-n N] [--seed S]

Prints valid events of one type, one per line (NDJSON), written as the engine writes them,
from the testing kit (ironflow-events/testing): realistic names, costs and durations, UUID v7
IDs, timestamps with the engine's fraction digits. "run" prints whole runs instead: each
run's events in order, from run_created to its end.

Options:
${optionsHelp(SAMPLE_OPTIONS, HELP_COLUMN)}

Examples:
  ironflow-events sample log_line -n 20 --seed 7 > fixtures/log_lines.ndjson
  ironflow-events sample run -n 3 --seed 1 | ironflow-events validate --lifecycle=error -`;

/**
 * The options of `sample`, checked.
 * @example
 * const options = readCommandLine(sample, ["log_line", "-n", "20", "--seed", "7"]);
 */
interface SampleOptions {
  /** An event type, or "run" for whole runs. */
  what: KitEventType | "run";
  count: number;
  seed: number | undefined;
}

/**
 * The lines of `sample`: `count` events (or runs), each from a seed drawn from `seed`, so that
 * the same seed prints the same lines.
 */
function* sampleLines(options: SampleOptions): Generator<string> {
  const random = new Random(seedOf(options.seed, "sample"));
  for (let i = 0; i < options.count; i++) {
    if (options.what === "run") for (const event of makeRun({ seed: random.seed() })) yield toEngineJson(event);
    else yield toEngineJson(makeEvent(options.what, undefined, { seed: random.seed() }));
  }
}

/**
 * Prints the lines of `sample`, held back by a slow reader, stopping when the reader goes
 * (`sample … | head`). Exit code 0.
 */
async function sampleCommand(options: SampleOptions, io: Pick<CommandIO, "stdout">): Promise<number> {
  const out = new Output(io.stdout);
  for (const line of sampleLines(options)) {
    if (out.closed) break;
    out.write(`${line}\n`);
    await out.ready();
  }
  out.flush();
  await out.ready();
  return 0;
}

/** `ironflow-events sample …`: valid events (NDJSON) from the testing kit. */
export const sample: Command<SampleOptions> = {
  synopsis: "sample <type|run> [-n N] [--seed S]",
  summary: "print valid events (NDJSON) for fixtures",
  help: HELP,
  options: SAMPLE_OPTIONS,
  configure(positionals, given) {
    if (positionals.length !== 1)
      throw new UsageError(
        positionals.length === 0 ? "no event type given: sample <type>, or sample run" : "sample takes one event type",
      );
    const what = positionals[0]!;
    if (what !== "run" && !(KIT_EVENT_TYPES as readonly string[]).includes(what))
      throw new UsageError(`"${what}" is not an event type; valid: ${KIT_EVENT_TYPES.join(", ")}, or run`);
    return { what: what as KitEventType | "run", ...readOptions(SAMPLE_OPTIONS, given) };
  },
  run: sampleCommand,
};
