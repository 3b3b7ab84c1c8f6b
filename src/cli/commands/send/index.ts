// `ironflow-events send <url> <path|->...`: its help, its options, and its configuration from
// the command line; run.ts does the work.
import { checkHttpUrl, option, optionsHelp, readNumber, readOptions, UsageError } from "../../arguments.js";
import type { Command } from "../../command.js";
import { checkTypes, engineOption, rateOption, typesOption } from "../../common-options.js";
import {
  ENGINE_ATTEMPTS,
  ENGINE_FIRST_RETRY_DELAY_MS,
  ENGINE_MAX_REDIRECTS,
  ENGINE_TIMEOUT_MS,
} from "../../delivery/engine-policy.js";
import { secretOptions, WEBHOOK_SECRET_ENV } from "../../secret-options.js";
import { sendCommand, type SendOptions } from "./run.js";

/** The most tries --attempts allows. */
const MAX_ATTEMPTS = 10;
const MAX_RETRY_DELAY_MS = 60_000;
const MAX_TIMEOUT_S = 600;

/** The options of `send`, in the order of its help. */
const SEND_OPTIONS = [
  ...secretOptions({
    flag: "secret",
    key: "secret",
    env: WEBHOOK_SECRET_ENV,
    what: "sign each request (X-Signature-256: sha256=<HMAC-SHA256 of the body>)",
  }),
  option({
    flag: "attempts",
    key: "attempts",
    value: "<N>",
    help: [
      `tries per event, first included (default ${ENGINE_ATTEMPTS}, as the engine; at most ${MAX_ATTEMPTS})`,
      "another number deviates from the engine",
    ],
    read: (given) =>
      given === undefined
        ? ENGINE_ATTEMPTS
        : readNumber("attempts", given, { min: 1, max: MAX_ATTEMPTS, integer: true }),
  }),
  option({
    flag: "retry-delay",
    key: "retryDelayMs",
    value: "<ms>",
    help: [
      `the first wait, doubled before each further try (default ${ENGINE_FIRST_RETRY_DELAY_MS}, as the engine)`,
      "another wait deviates from the engine",
    ],
    read: (given) =>
      given === undefined
        ? ENGINE_FIRST_RETRY_DELAY_MS
        : readNumber("retry-delay", given, { min: 0, max: MAX_RETRY_DELAY_MS, integer: true, unit: "milliseconds" }),
  }),
  option({
    flag: "timeout",
    key: "timeoutMs",
    value: "<s>",
    help: [
      `seconds one try may take, redirects included (default ${ENGINE_TIMEOUT_MS / 1000}, as the engine)`,
      "another time deviates from the engine",
    ],
    read: (given) =>
      given === undefined
        ? ENGINE_TIMEOUT_MS
        : 1000 * readNumber("timeout", given, { min: 0.001, max: MAX_TIMEOUT_S, integer: false, unit: "seconds" }),
  }),
  rateOption(Infinity, ["at most N events per second (default: as fast as the receiver answers)"]),
  engineOption(["the engine version the events are checked as (default: the newest modelled)"]),
  typesOption(["only events of these types"]),
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

/** Where the help text of an option starts. */
const HELP_COLUMN = 25;

const HELP = `Usage: ironflow-events send [options] <url> <path|glob|->...

Posts each event to a webhook receiver as the engine does: POST, Content-Type:
application/json, Accept: */*, the event's JSON as the body, and, with a secret,
X-Signature-256; nothing else (no id, timestamp or delivery header). Any 2xx is delivered;
any other status, or no answer within ${ENGINE_TIMEOUT_MS / 1000} s, is tried again after ${ENGINE_FIRST_RETRY_DELAY_MS / 1000} s, then ${(2 * ENGINE_FIRST_RETRY_DELAY_MS) / 1000} s:
${ENGINE_ATTEMPTS} tries in all. Redirects are followed as the engine's client (reqwest) follows
them, up to ${ENGINE_MAX_REDIRECTS}: after a 301, 302 or 303 the receiver gets a GET without a body (so the
event never arrives), which the line of that event says; a 307 or 308 repeats the POST. The
reply's body is never read. Prints one line per event: where it was read, its type, and the
receiver's answer. Every event is checked first: nothing is sent when an input cannot be read
or holds an invalid event. Events are sent one after another (the engine sends them side by
side, so its receiver may see them out of order). Inputs of any size are read as they are
sent; standard output closed early (| head) stops the lines, not the sending.

The secret: --secret-file <path>, or the environment variable ${WEBHOOK_SECRET_ENV}
(--secret <s> works too, but shows the secret to anyone who runs ps).

Options:
${optionsHelp(SEND_OPTIONS, HELP_COLUMN)}

Exit codes: 0 every event delivered, 1 some delivery failed, 2 usage error, an unreadable
input or an invalid event (nothing sent).

Examples:
  ${WEBHOOK_SECRET_ENV}=s3cret ironflow-events send http://127.0.0.1:3000/hooks runs.ndjson
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
    checkHttpUrl("the URL", url);
    if (paths.length === 0)
      throw new UsageError("no events given: name files, directories or globs, or - for standard input");
    const options = readOptions(SEND_OPTIONS, given);
    checkTypes(options.types, options.engine.format.eventTypes);
    return { url, paths, ...options };
  },
  run: sendCommand,
};
