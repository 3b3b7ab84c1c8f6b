// `ironflow-events serve [<path|->...]`: its help, its options, and its configuration from the
// command line; run.ts does the work.
import { checkHttpUrl, option, optionsHelp, readNumber, readOptions, UsageError } from "../../arguments.js";
import type { Command } from "../../command.js";
import { engineOption, rateOption, seedOption } from "../../common-options.js";
import { ENGINE_ATTEMPTS } from "../../delivery/engine-policy.js";
import { MAX_IN_FLIGHT, MAX_QUEUED } from "../../delivery/queue.js";
import { secretOptions, SERVE_TOKEN_ENV, WEBHOOK_SECRET_ENV } from "../../secret-options.js";
import { LAG_CAPACITY } from "./broadcast.js";
import { serveCommand, type ServeOptions } from "./run.js";
import { EVENTS_PATH } from "./sse-hub.js";

/** The port `serve` listens on unless --port says otherwise. */
const DEFAULT_SERVE_PORT = 8787;
/** Events per second unless --rate or --realtime says otherwise. */
const DEFAULT_SERVE_RATE = 5;
/** The engine's keep-alive interval, in seconds. */
const DEFAULT_KEEP_ALIVE_S = 30;

/** The options of `serve`, in the order of its help. */
const SERVE_OPTIONS = [
  option({
    flag: "generate",
    key: "generate",
    help: ["play runs made by the testing kit, one after another, without end, at the current time"],
    read: (given) => given === true,
  }),
  seedOption(["with --generate: the same seed plays the same runs (at current times)"]),
  engineOption([
    "the engine version served (default: the newest modelled): the event types",
    "?types= may name, the check of the files, the fields --generate writes",
  ]),
  option({
    flag: "port",
    short: "p",
    key: "port",
    value: "<port>",
    help: [`the port (default ${DEFAULT_SERVE_PORT}; 0 for any free one)`],
    read: (given) =>
      given === undefined ? DEFAULT_SERVE_PORT : readNumber("port", given, { min: 0, max: 65535, integer: true }),
  }),
  option({
    flag: "host",
    key: "host",
    value: "<host>",
    help: ["the address to listen on (default 127.0.0.1: this machine only)"],
    read: (given) => (given === undefined ? "127.0.0.1" : String(given)),
  }),
  rateOption(DEFAULT_SERVE_RATE, [`N events per second (default ${DEFAULT_SERVE_RATE})`]),
  option({
    flag: "realtime",
    key: "realtime",
    help: ['keep the time between events that their "at" fields say'],
    read: (given) => given === true,
  }),
  option({
    flag: "loop",
    key: "loop",
    help: ["play the files again and again, each pass after the first", "with fresh IDs and times from now"],
    read: (given) => given === true,
  }),
  option({
    flag: "keep-alive",
    key: "keepAliveMs",
    value: "<s>",
    help: [`seconds without an event before a keep-alive comment (default ${DEFAULT_KEEP_ALIVE_S}, as the engine)`],
    read: (given) =>
      1000 *
      (given === undefined
        ? DEFAULT_KEEP_ALIVE_S
        : readNumber("keep-alive", given, { min: 0.01, max: 3600, integer: false, unit: "seconds" })),
  }),
  ...secretOptions({
    flag: "token",
    key: "token",
    env: SERVE_TOKEN_ENV,
    what: "ask every client for this token, as the engine does (else 401)",
  }),
  option({
    flag: "webhook",
    key: "webhook",
    value: "<url>",
    help: [`also post each event there, as the engine's webhooks (${ENGINE_ATTEMPTS} tries)`],
    read: (given) => (given === undefined ? undefined : String(given)),
  }),
  ...secretOptions({
    flag: "secret",
    key: "secret",
    env: WEBHOOK_SECRET_ENV,
    what: "sign those posts (X-Signature-256)",
  }),
] as const;

/** Where the help text of an option starts. */
const HELP_COLUMN = 25;

const HELP = `Usage: ironflow-events serve [options] <path|glob|->...
       ironflow-events serve --generate [options]

A local stand-in for the engine's GET ${EVENTS_PATH}: server-sent events written as the
engine writes them (event: <type>, data: <event JSON>; no id:, no retry:, nothing replayed),
with a keep-alive comment after ${DEFAULT_KEEP_ALIVE_S} s without an event. The query is read as the
engine reads it: ?types=run_failed,step_failed (names trimmed, empty ones dropped, an unknown
one answered 400; an empty list lets nothing through) and ?run_id=<uuid> (a non-UUID answered
400; user events have no run and never pass). With a token (--token-file, or ${SERVE_TOKEN_ENV}),
a request without Authorization: Bearer <token> or the ironflow_token cookie is answered 401.
Pages of other origins may read it (CORS, with credentials). A client more than ${LAG_CAPACITY} events
behind loses the oldest, as the engine's subscribers do (its broadcast channel holds ${LAG_CAPACITY}):
memory stays bounded whatever the clients do, and the loss is told on stderr.

Prints the stream's URL on its first line, then plays the events, from the first client's
connection (or at once with --webhook), to every client connected. After the last event the
stream stays open; Ctrl-C stops the server.

With --webhook, each event is also posted as the engine posts webhooks (as send does), up to
${MAX_IN_FLIGHT} at once (so, as from the engine, not always in order); up to ${MAX_QUEUED} wait for their
turn, and an event that finds them all waiting is dropped, with a line that says so.

Options:
${optionsHelp(SERVE_OPTIONS, HELP_COLUMN)}

Exit codes: 0 stopped by Ctrl-C, 2 usage error, an unreadable input or an invalid event,
or a port that cannot be listened on.

Examples:
  ironflow-events serve --generate
  ironflow-events serve captures/run.ndjson --realtime --loop
  ${WEBHOOK_SECRET_ENV}=s3cret ironflow-events serve --generate --webhook http://127.0.0.1:3000/hooks
  curl -N 'http://127.0.0.1:${DEFAULT_SERVE_PORT}${EVENTS_PATH}?types=run_failed,step_failed'`;

/** `ironflow-events serve …`: a local stand-in for the engine's event stream. */
export const serve: Command<ServeOptions> = {
  synopsis: "serve [<path|->...] [--generate]",
  summary: "a local stand-in for the engine's event stream (SSE)",
  help: HELP,
  options: SERVE_OPTIONS,
  configure(positionals, given) {
    // How the options go together, checked before any value is read.
    const generate = given.generate === true;
    if (generate === positionals.length > 0)
      throw new UsageError(
        generate
          ? "--generate makes its own events: give no paths with it"
          : "no events given: name files, directories or globs, or - for standard input, or use --generate",
      );
    if (given.realtime === true && given.rate !== undefined)
      throw new UsageError("--rate and --realtime exclude each other: choose a pace");
    if (given.seed !== undefined && !generate) throw new UsageError("--seed goes with --generate");
    if (given.loop === true && generate) throw new UsageError("--generate goes on without end; --loop is for files");
    if ((given.secret !== undefined || given["secret-file"] !== undefined) && given.webhook === undefined)
      throw new UsageError("--secret signs the --webhook posts: give --webhook <url> too");
    if (given.webhook !== undefined) checkHttpUrl("--webhook", String(given.webhook));
    const { realtime, ...options } = readOptions(SERVE_OPTIONS, given);
    return { paths: positionals, ...options, rate: realtime ? undefined : options.rate };
  },
  run: serveCommand,
};
