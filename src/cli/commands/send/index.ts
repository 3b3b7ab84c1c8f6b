// `ironflow-events send <url> <path|->...`: its help, its options, and its configuration from
// the command line; run.ts does the work.
import { EVENT_TYPES } from "../../../../generated/constants.js";
import type { EventType } from "../../../types.js";
import { option, optionsHelp, readNumber, readOptions, UsageError } from "../../arguments.js";
import type { Command } from "../../command.js";
import { rateOption } from "../../common-options.js";
import { DEFAULT_ATTEMPTS, DEFAULT_RETRY_DELAY_MS } from "./deliver.js";
import { sendCommand, type SendOptions } from "./run.js";

/** The most tries --attempts allows. */
const MAX_ATTEMPTS = 10;
const MAX_RETRY_DELAY_MS = 60_000;

/** The options of `send`, in the order of its help. */
const SEND_OPTIONS = [
  option({
    flag: "secret",
    key: "secret",
    value: "<secret>",
    help: ["sign each request (X-Signature-256: sha256=<HMAC-SHA256 of the body>)"],
    read: (given) => {
      const secret = given === undefined ? undefined : String(given);
      if (secret === "") throw new UsageError("--secret is empty; leave it out to send unsigned requests");
      return secret;
    },
  }),
  option({
    flag: "attempts",
    key: "attempts",
    value: "<N>",
    help: [`tries per event, first included (default ${DEFAULT_ATTEMPTS}, at most ${MAX_ATTEMPTS})`],
    read: (given) =>
      given === undefined
        ? DEFAULT_ATTEMPTS
        : readNumber("attempts", given, { min: 1, max: MAX_ATTEMPTS, integer: true }),
  }),
  option({
    flag: "retry-delay",
    key: "retryDelayMs",
    value: "<ms>",
    help: [`the first backoff, doubled before each further try (default ${DEFAULT_RETRY_DELAY_MS})`],
    read: (given) =>
      given === undefined
        ? DEFAULT_RETRY_DELAY_MS
        : readNumber("retry-delay", given, { min: 0, max: MAX_RETRY_DELAY_MS, integer: true, unit: "milliseconds" }),
  }),
  rateOption(Infinity, ["at most N events per second (default: as fast as the receiver answers)"]),
  option({
    flag: "types",
    key: "types",
    value: "<a,b>",
    help: ["only events of these types"],
    read: (given) => (given === undefined ? undefined : readTypes(String(given))),
  }),
  option({
    flag: "dry-run",
    key: "dryRun",
    help: ["print what would be sent, send nothing"],
    read: (given) => given === true,
  }),
  option({
    flag: "no-validate",
    key: "validate",
    help: ["send invalid events too (JSON text is still required)"],
    read: (given) => given !== true,
  }),
] as const;

/** `--types a,b`: a comma-separated list of event types, each checked. */
function readTypes(text: string): EventType[] {
  const types = text.split(",").map((type) => type.trim());
  for (const type of types)
    if (!(EVENT_TYPES as readonly string[]).includes(type))
      throw new UsageError(
        `--types takes event types separated by commas; "${type}" is not one (valid: ${EVENT_TYPES.join(", ")})`,
      );
  return types as EventType[];
}

/** Where the help text of an option starts. */
const HELP_COLUMN = 25;

const HELP = `Usage: ironflow-events send [options] <url> <path|glob|->...

Posts each event to a webhook receiver as the engine does: POST, Content-Type:
application/json, the event's JSON as the body, and X-Signature-256 with --secret. A try
that fails (no answer, or a status other than 2xx) is made again after 1 s, then 2 s, ...:
${DEFAULT_ATTEMPTS} tries in all, as the engine makes. Prints one line per event: where it was read, its
type, and the receiver's status. Reads inputs as validate does, and sends nothing when one
cannot be read or holds an invalid event.

Options:
${optionsHelp(SEND_OPTIONS, HELP_COLUMN)}

Exit codes: 0 every event delivered, 1 some delivery failed, 2 usage error, an unreadable
input or an invalid event (nothing sent).

Examples:
  ironflow-events send http://127.0.0.1:3000/hooks runs.ndjson --secret "$WEBHOOK_SECRET"
  ironflow-events sample run_failed | ironflow-events send http://127.0.0.1:3000/hooks -
  ironflow-events send https://hooks.example.com/ironflow captures/ --types run_failed --dry-run`;

/** `ironflow-events send …`: posts events to a webhook receiver, as the engine does. */
export const send: Command<SendOptions> = {
  synopsis: "send <url> <path|->...",
  summary: "post events to a webhook receiver, as the engine does",
  help: HELP,
  options: SEND_OPTIONS,
  configure(positionals, given) {
    const [url, ...paths] = positionals;
    if (url === undefined) throw new UsageError("no URL given: send <url> <path|->...");
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || (parsed.protocol !== "http:" && parsed.protocol !== "https:"))
      throw new UsageError(`the URL must be an http:// or https:// URL, got "${url}"`);
    if (paths.length === 0)
      throw new UsageError("no events given: name files, directories or globs, or - for standard input");
    return { url, paths, ...readOptions(SEND_OPTIONS, given) };
  },
  run: sendCommand,
};
