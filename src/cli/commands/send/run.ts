// How `send` runs: posts each event to a webhook receiver as the engine does, and prints one
// line per event with how it went.
import { DEFAULT_MAX_SIZE } from "../../../validate.js";
import type { EventType } from "../../../types.js";
import { readEventInputs } from "../../input/event-inputs.js";
import { pace } from "../../pace.js";
import type { CommandIO } from "../../command.js";
import { DELIVERY_TIMEOUT_MS, deliver, describeOutcome } from "./deliver.js";

/**
 * The options of `send`, checked.
 * @example
 * const options = readCommandLine(send, ["http://127.0.0.1:3000/hooks", "runs.ndjson", "--secret", "s3cret"]);
 */
export interface SendOptions {
  url: string;
  paths: string[];
  secret: string | undefined;
  attempts: number;
  retryDelayMs: number;
  /** Events per second at most; Infinity for as fast as the receiver answers. */
  rate: number;
  types: EventType[] | undefined;
  dryRun: boolean;
  validate: boolean;
}

/**
 * Sends every event (of the chosen types) in order, one line each. Exit code: 0 every event
 * delivered (or, with --dry-run, every event valid), 1 some delivery failed, 2 an input could
 * not be read or held an invalid event (then nothing is sent).
 * @example
 * process.exitCode = await sendCommand(readCommandLine(send, argv) as SendOptions, io);
 */
export async function sendCommand(options: SendOptions, io: CommandIO): Promise<number> {
  const out = (line: string) => void io.stdout.write(`${line}\n`);
  const err = (line: string) => void io.stderr.write(`${line}\n`);
  const { events, problems } = await readEventInputs(options.paths, DEFAULT_MAX_SIZE, options.validate);
  if (problems.length > 0) {
    for (const problem of problems) err(`ironflow-events send: ${problem}`);
    err(`ironflow-events send: nothing sent (${problems.length} problem${problems.length === 1 ? "" : "s"})`);
    return 2;
  }
  const chosen = events.filter(
    (event) => options.types === undefined || options.types.includes(event.type as EventType),
  );
  const delivery = {
    secret: options.secret,
    attempts: options.attempts,
    retryDelayMs: options.retryDelayMs,
    timeoutMs: DELIVERY_TIMEOUT_MS,
  };
  const start = performance.now();
  let failed = 0;
  for (const [index, event] of chosen.entries()) {
    await pace(start, index, options.rate);
    const label = `${event.where}  ${event.type ?? "(no type)"}`;
    if (options.dryRun) {
      out(
        `${label}  would POST ${Buffer.byteLength(event.text)} bytes${options.secret === undefined ? "" : ", signed"}`,
      );
      continue;
    }
    const outcome = await deliver(options.url, event.text, delivery);
    if (!outcome.ok) failed++;
    out(`${label}  ${describeOutcome(outcome)}`);
  }
  const skipped = events.length - chosen.length;
  const summary = options.dryRun
    ? `${chosen.length} event${chosen.length === 1 ? "" : "s"} to send (dry run: nothing sent)`
    : `${chosen.length - failed} of ${chosen.length} event${chosen.length === 1 ? "" : "s"} delivered`;
  err(`${summary}${skipped > 0 ? `; ${skipped} left out by --types` : ""}`);
  return failed > 0 ? 1 : 0;
}
