// `ironflow-events listen <engine events URL> --forward-to <url>`: its help, its options, and
// its configuration from the command line; run.ts does the work.
import { checkHttpUrl, option, optionsHelp, readOptions, UsageError } from "../../arguments.js";
import type { Command } from "../../command.js";
import { checkTypes, engineOption, typesOption } from "../../common-options.js";
import {
  ENGINE_ATTEMPTS,
  ENGINE_FIRST_RETRY_DELAY_MS,
  ENGINE_MAX_REDIRECTS,
  ENGINE_TIMEOUT_MS,
} from "../../delivery/engine-policy.js";
import { MAX_IN_FLIGHT, MAX_QUEUED, MAX_QUEUED_BYTES } from "../../delivery/queue.js";
import { ENGINE_TOKEN_ENV, secretOptions, WEBHOOK_SECRET_ENV } from "../../secret-options.js";
import { parseUuidText } from "../serve/uuid-text.js";
import { listenCommand, type ListenOptions } from "./run.js";

/** The options of `listen`, in the order of its help. */
const LISTEN_OPTIONS = [
  option({
    flag: "forward-to",
    key: "forwardTo",
    value: "<url>",
    help: ["the local webhook receiver to post each event to (required)"],
    read: (given) => {
      if (given === undefined) throw new UsageError("--forward-to <url> is required: where to post the events");
      checkHttpUrl("--forward-to", String(given));
      return String(given);
    },
  }),
  ...secretOptions({
    flag: "token",
    key: "token",
    env: ENGINE_TOKEN_ENV,
    what: "the engine's API token (irfl_…) or JWT, sent as Authorization: Bearer",
  }),
  ...secretOptions({
    flag: "secret",
    key: "secret",
    env: WEBHOOK_SECRET_ENV,
    what: "sign each post (X-Signature-256), as the engine signs with the webhook's secret",
  }),
  engineOption(["the engine's version: its events are validated as it writes them", "(default: the newest modelled)"]),
  typesOption(["only events of these types (the engine filters them: ?types=)"]),
  option({
    flag: "run-id",
    key: "runId",
    value: "<uuid>",
    help: ["only the events of this run (the engine filters them: ?run_id=)"],
    read: (given) => {
      if (given === undefined) return undefined;
      const parsed = parseUuidText(String(given));
      if ("error" in parsed) throw new UsageError(`--run-id takes a UUID, got "${String(given)}": ${parsed.error}`);
      return parsed.uuid;
    },
  }),
] as const;

/** Where the help text of an option starts. */
const HELP_COLUMN = 25;

const HELP = `Usage: ironflow-events listen <engine events URL> --forward-to <url> [options]

Reads a real engine's event stream (GET /api/v1/events) and posts each event to a local
webhook receiver exactly as the engine's webhook would: POST, Content-Type: application/json,
Accept: */*, the event's JSON as the engine wrote it, signed (X-Signature-256) with the secret
from --secret-file or ${WEBHOOK_SECRET_ENV}; ${ENGINE_ATTEMPTS} tries, waits of ${ENGINE_FIRST_RETRY_DELAY_MS / 1000} s then ${(2 * ENGINE_FIRST_RETRY_DELAY_MS) / 1000} s, ${ENGINE_TIMEOUT_MS / 1000} s per try,
redirects followed as the engine's client follows them (up to ${ENGINE_MAX_REDIRECTS}). So a receiver can be
tried against a real engine without a public URL. Prints one line per delivery: the event's
type and run, and the receiver's answer. Each event is validated first; one that is not valid
(an engine newer than this package, say) is skipped, with a line on stderr.

The stream is read as streamEvents reads it, reconnecting after a failure. The engine writes
no id:, ignores Last-Event-ID and replays nothing: events published while the stream is down
are lost, and each reconnect says so.

Deliveries run side by side, up to ${MAX_IN_FLIGHT} at once (the engine starts each on a task of its own,
so a receiver sees them out of order there too); up to ${MAX_QUEUED} (${MAX_QUEUED_BYTES / 1024 / 1024} MiB) wait for their
turn. A receiver that hangs makes them pile up: an event that finds the queue full is
dropped, not delivered, with a line that says so (memory stays bounded).

The engine's token: --token-file <path>, or ${ENGINE_TOKEN_ENV}; --token <t> shows it to anyone who
runs ps, as does --secret <s>.

Options:
${optionsHelp(LISTEN_OPTIONS, HELP_COLUMN)}

Exit codes: 0 every event delivered, 1 some delivery failed or was dropped, 2 usage error,
or a stream the engine refused (401, 404, ...).

Examples:
  ${ENGINE_TOKEN_ENV}=irfl_… ${WEBHOOK_SECRET_ENV}=s3cret ironflow-events listen \\
    https://ironflow.example.com/api/v1/events --forward-to http://127.0.0.1:3000/hooks
  ironflow-events listen http://127.0.0.1:8787/api/v1/events --forward-to http://127.0.0.1:3000/hooks --types run_failed`;

/** `ironflow-events listen …`: a real engine's events, forwarded to a local receiver. */
export const listen: Command<ListenOptions> = {
  synopsis: "listen <url> --forward-to <url>",
  summary: "forward a real engine's events to a local webhook receiver",
  help: HELP,
  options: LISTEN_OPTIONS,
  configure(positionals, given) {
    const [url, ...rest] = positionals;
    if (url === undefined) throw new UsageError("no stream given: listen <engine events URL> --forward-to <url>");
    checkHttpUrl("the engine events URL", url);
    if (rest.length > 0) throw new UsageError(`one stream at a time; "${rest[0]}" is one too many`);
    const options = readOptions(LISTEN_OPTIONS, given);
    checkTypes(options.types, options.engine.format.eventTypes);
    return { url, ...options };
  },
  run: listenCommand,
};
