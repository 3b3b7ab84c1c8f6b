// `ironflow-events sample <type> [-n N] [--seed S] [--engine V]`: valid events from the testing
// kit, as NDJSON written the way the engine of that version writes them, for fixtures. `sample
// run` prints whole runs.
import type { Format } from "../../../engine/index.js";
import { notAnEventType } from "../../../testing/kit-format.js";
import { toEngineJson } from "../../../testing/engine-json.js";
import { makeEvent } from "../../../testing/make-event.js";
import { makeRun } from "../../../testing/make-run.js";
import { MAX_SEED, Random, seedOf } from "../../../testing/random.js";
import { option, optionsHelp, readNumber, readOptions, UsageError } from "../../arguments.js";
import type { Command, CommandIO } from "../../command.js";
import { Output } from "../../output.js";
import { engineOption, seedOption } from "../../common-options.js";

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
  engineOption(["the engine version whose events to print, as it writes", "them (default: the newest modelled)"]),
] as const;

/** Where the help text of an option starts. */
const HELP_COLUMN = 25;

const HELP = `Usage: ironflow-events sample <type|run> [-n N] [--seed S] [--engine V]

Prints valid events of one type, one per line (NDJSON), written as the engine writes them,
from the testing kit (ironflow-events/testing): realistic names, costs and durations, UUID v7
IDs, timestamps with the engine's fraction digits. "run" prints whole runs instead: each
run's events in order, from run_created to its end. With --engine, the events, fields,
statuses and lifecycle of that engine version.

Options:
${optionsHelp(SAMPLE_OPTIONS, HELP_COLUMN)}

Examples:
  ironflow-events sample log_line -n 20 --seed 7 > fixtures/log_lines.ndjson
  ironflow-events sample run -n 3 --seed 1 | ironflow-events validate --lifecycle=error -
  ironflow-events sample run_failed --engine 2.31.4 > fixtures/old_failures.ndjson`;

/**
 * The options of `sample`, checked.
 * @example
 * const options = readCommandLine(sample, ["log_line", "-n", "20", "--seed", "7"]);
 */
interface SampleOptions {
  /** An event type of the engine version, or "run" for whole runs. */
  what: string;
  count: number;
  seed: number | undefined;
  /** The engine version asked for (undefined: the newest), and its format. */
  engine: { version: string | undefined; format: Format };
}

/**
 * The lines of `sample`: `count` events (or runs), each from a seed drawn from `seed`, so that
 * the same seed prints the same lines.
 */
function* sampleLines(options: SampleOptions): Generator<string> {
  const random = new Random(seedOf(options.seed, "sample"));
  // The kit's options take the format's own id: the version asked for reads as that format.
  const kit = { engine: options.engine.format.first } as { engine?: string };
  for (let i = 0; i < options.count; i++) {
    if (options.what === "run")
      for (const event of makeRun({ seed: random.seed(), ...kit })) yield toEngineJson(event, kit);
    else yield toEngineJson(makeEvent(options.what as never, undefined, { seed: random.seed(), ...kit }), kit);
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
  synopsis: "sample <type|run> [-n N] [--seed S] [--engine V]",
  summary: "print valid events (NDJSON) for fixtures",
  help: HELP,
  options: SAMPLE_OPTIONS,
  configure(positionals, given) {
    if (positionals.length !== 1)
      throw new UsageError(
        positionals.length === 0 ? "no event type given: sample <type>, or sample run" : "sample takes one event type",
      );
    const what = positionals[0]!;
    const options = readOptions(SAMPLE_OPTIONS, given);
    const problem = what === "run" ? undefined : notAnEventType(what, options.engine.format);
    if (problem !== undefined) throw new UsageError(`${problem}, or run`);
    return { what, ...options };
  },
  run: sampleCommand,
};
