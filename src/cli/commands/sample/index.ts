// `ironflow-events sample <type> [-n N] [--seed S]`: valid events from the testing kit, as
// NDJSON written the way the engine writes them, for fixtures. `sample run` prints whole runs.
import { EVENT_TYPES } from "../../../../generated/constants.js";
import type { EventType } from "../../../types.js";
import { toEngineJson } from "../../../testing/engine-json.js";
import { makeEvent } from "../../../testing/make-event.js";
import { makeRun } from "../../../testing/make-run.js";
import { MAX_SEED, Random, seedOf } from "../../../testing/random.js";
import { commandHint, numberOption, parseCommandArgs, UsageError } from "../../arguments.js";
import { Output } from "../../output.js";
import type { CommandIO } from "../../command.js";

const HINT = commandHint("sample");
const MAX_COUNT = 1_000_000;

/**
 * The options of `sample`, checked.
 * @example
 * const options = parseSampleArgs(["log_line", "-n", "20", "--seed", "7"]);
 */
export interface SampleOptions {
  /** An event type, or "run" for whole runs. */
  what: EventType | "run";
  count: number;
  seed: number | undefined;
}

/**
 * The options of `sample`; "help" for --help.
 * @example
 * parseSampleArgs(["run", "-n", "3"]);
 */
export function parseSampleArgs(args: string[]): SampleOptions | "help" {
  const { values, positionals } = parseCommandArgs(args, { n: { type: "string", short: "n" }, seed: { type: "string" } }, HINT);
  if (values.help) return "help";
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0 ? "no event type given: sample <type>, or sample run" : "sample takes one event type",
      HINT,
    );
  const what = positionals[0]!;
  if (what !== "run" && !(EVENT_TYPES as readonly string[]).includes(what))
    throw new UsageError(`"${what}" is not an event type; valid: ${EVENT_TYPES.join(", ")}, or run`, HINT);
  return {
    what: what as EventType | "run",
    count:
      values.n === undefined ? 1 : numberOption("n", String(values.n), { min: 1, max: MAX_COUNT, integer: true }, HINT),
    seed:
      values.seed === undefined
        ? undefined
        : numberOption("seed", String(values.seed), { min: 0, max: MAX_SEED, integer: true }, HINT),
  };
}

/**
 * The lines of `sample`: `count` events (or runs), each from a seed drawn from `seed`, so that
 * the same seed prints the same lines.
 * @example
 * for (const line of sampleLines({ what: "run_failed", count: 2, seed: 1 })) console.log(line);
 */
export function* sampleLines(options: SampleOptions): Generator<string> {
  const random = new Random(seedOf(options.seed, "sample"));
  for (let i = 0; i < options.count; i++) {
    if (options.what === "run") for (const event of makeRun({ seed: random.seed() })) yield toEngineJson(event);
    else yield toEngineJson(makeEvent(options.what, undefined, { seed: random.seed() }));
  }
}

/**
 * Prints the lines of `sample`, held back by a slow reader, stopping when the reader goes
 * (`sample … | head`). Exit code 0.
 * @example
 * process.exitCode = await sampleCommand({ what: "log_line", count: 10, seed: 1 }, io);
 */
export async function sampleCommand(options: SampleOptions, io: Pick<CommandIO, "stdout">): Promise<number> {
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
