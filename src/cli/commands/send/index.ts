// `ironflow-events send <url> <path|->...`: posts each event to a webhook receiver as the
// engine does, and prints one line per event with how it went.
import { DEFAULT_MAX_SIZE } from "../../../validate.js";
import type { EventType } from "../../../types.js";
import { commandHint, numberOption, parseCommandArgs, typesOption, UsageError } from "../../arguments.js";
import { readEventInputs } from "../../input/event-inputs.js";
import { pace } from "../../pace.js";
import type { CommandIO } from "../../command.js";
import { DEFAULT_ATTEMPTS, DEFAULT_RETRY_DELAY_MS, DELIVERY_TIMEOUT_MS, deliver, describeOutcome } from "./deliver.js";

const HINT = commandHint("send");
/** The most tries --attempts allows. */
export const MAX_ATTEMPTS = 10;
const MAX_RETRY_DELAY_MS = 60_000;
const MAX_RATE = 10_000;

/**
 * The options of `send`, checked.
 * @example
 * const options = parseSendArgs(["http://127.0.0.1:3000/hooks", "runs.ndjson", "--secret", "s3cret"]);
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
 * The options of `send`; "help" for --help.
 * @example
 * parseSendArgs(["http://127.0.0.1:3000/hooks", "-", "--attempts", "5"]);
 */
export function parseSendArgs(args: string[]): SendOptions | "help" {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      secret: { type: "string" },
      attempts: { type: "string" },
      "retry-delay": { type: "string" },
      rate: { type: "string" },
      types: { type: "string" },
      "dry-run": { type: "boolean" },
      "no-validate": { type: "boolean" },
    },
    HINT,
  );
  if (values.help) return "help";
  const [url, ...paths] = positionals;
  if (url === undefined) throw new UsageError("no URL given: send <url> <path|->...", HINT);
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== "http:" && parsed.protocol !== "https:"))
    throw new UsageError(`the URL must be an http:// or https:// URL, got "${url}"`, HINT);
  if (paths.length === 0)
    throw new UsageError("no events given: name files, directories or globs, or - for standard input", HINT);
  const secret = values.secret === undefined ? undefined : String(values.secret);
  if (secret === "") throw new UsageError("--secret is empty; leave it out to send unsigned requests", HINT);
  return {
    url,
    paths,
    secret,
    attempts:
      values.attempts === undefined
        ? DEFAULT_ATTEMPTS
        : numberOption("attempts", String(values.attempts), { min: 1, max: MAX_ATTEMPTS, integer: true }, HINT),
    retryDelayMs:
      values["retry-delay"] === undefined
        ? DEFAULT_RETRY_DELAY_MS
        : numberOption(
            "retry-delay",
            String(values["retry-delay"]),
            { min: 0, max: MAX_RETRY_DELAY_MS, integer: true, unit: "milliseconds" },
            HINT,
          ),
    rate:
      values.rate === undefined
        ? Infinity
        : numberOption(
            "rate",
            String(values.rate),
            { min: 0.001, max: MAX_RATE, integer: false, unit: "events per second" },
            HINT,
          ),
    types: values.types === undefined ? undefined : typesOption(String(values.types), HINT),
    dryRun: values["dry-run"] === true,
    validate: values["no-validate"] !== true,
  };
}

/**
 * Sends every event (of the chosen types) in order, one line each. Exit code: 0 every event
 * delivered (or, with --dry-run, every event valid), 1 some delivery failed, 2 an input could
 * not be read or held an invalid event (then nothing is sent).
 * @example
 * process.exitCode = await sendCommand(parseSendArgs(argv) as SendOptions, io);
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
