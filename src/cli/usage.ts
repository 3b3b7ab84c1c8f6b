// The help texts of the command and its subcommands; the options of `validate` come from
// its table (commands/validate/options.ts).
import { DEFAULT_ATTEMPTS, DEFAULT_RETRY_DELAY_MS } from "./commands/send/deliver.js";
import { MAX_ATTEMPTS } from "./commands/send/index.js";
import { DEFAULT_KEEP_ALIVE_S, DEFAULT_SERVE_PORT, DEFAULT_SERVE_RATE } from "./commands/serve/index.js";
import type { Command } from "./command.js";
import { optionsHelp, VALIDATE_OPTIONS } from "./commands/validate/options.js";

/** Where a command's summary starts in the main help. */
const SUMMARY_COLUMN = 39;

/** A command as the main help lists it. */
type CommandSummary = Pick<Command, "synopsis" | "summary">;

function commandsHelp(commands: readonly CommandSummary[]): string {
  return commands.map(({ synopsis, summary }) => `  ${synopsis}`.padEnd(SUMMARY_COLUMN) + summary).join("\n");
}

/**
 * The text of `ironflow-events --help`, listing `commands` (then `help`).
 */
export function mainUsage(commands: readonly CommandSummary[]): string {
  return `Usage: ironflow-events <command> [options]

Typed, validated domain events of the ironflow workflow engine.

Commands:
${commandsHelp(commands)}

Options:
  -h, --help     show this help
  --version      show the package and engine versions

Examples:
  ironflow-events validate fixtures/ 'dumps/**/*.ndjson'
  ironflow-events schema run_failed > run_failed.schema.json
  ironflow-events types
  ironflow-events serve --generate
  ironflow-events send http://127.0.0.1:3000/hooks runs.ndjson --secret "$WEBHOOK_SECRET"
  ironflow-events sample run_failed -n 5 --seed 1 > fixtures/run_failed.ndjson`;
}

/**
 * The text of `ironflow-events validate --help`.
 */
export const VALIDATE_USAGE = `Usage: ironflow-events validate [options] <path|glob|->...

Checks that every event is one the ironflow engine could have written and will read.

Inputs:
  events.json             one event, or an array of events
  events.ndjson, .jsonl   one event per line (blank lines skipped, CRLF and a BOM accepted)
  fixtures/               every .json, .ndjson and .jsonl file in it, recursively
  'captures/**/*.json'    the files a pattern matches: * ? [a-z] [!a-z] and ** (quote it)
  -                       standard input: NDJSON, or one JSON document (told apart by its start)
  any other file          read like standard input

Options:
${optionsHelp(VALIDATE_OPTIONS)}

Each invalid event is shown as file:line (and [index] in an array), its type, and each
issue's JSON Pointer, message and code; then a summary with counts per event type.
Colour on a terminal only, never with NO_COLOR set. Progress on stderr for inputs over
4 MiB, on a terminal only.

Exit codes: 0 every event valid, 1 some event invalid, 2 usage error or unreadable path.

Examples:
  ironflow-events validate fixtures/ events.ndjson
  ironflow-events validate 'captures/**/*.json'
  zcat stream.ndjson.gz | ironflow-events validate -
  ironflow-events validate --format github --strict fixtures/
  ironflow-events validate --format json dump.ndjson > report.json
  ironflow-events validate --max-errors 10 --quiet huge.ndjson
  ironflow-events validate --lifecycle=error runs.ndjson`;

/**
 * The text of `ironflow-events schema --help`.
 */
export const SCHEMA_USAGE = `Usage: ironflow-events schema [type]

Prints the bundled JSON Schema (draft 2020-12) of every event, or, given an event type,
that type's schema alone, self-contained (with the definitions it refers to).

Examples:
  ironflow-events schema > ironflow-events.schema.json
  ironflow-events schema log_line`;

/**
 * The text of `ironflow-events types --help`.
 */
export const TYPES_USAGE = `Usage: ironflow-events types

Lists the event types, in the engine's order, with a one-line description each.`;

/**
 * The text of `ironflow-events send --help`.
 */
export const SEND_USAGE = `Usage: ironflow-events send [options] <url> <path|glob|->...

Posts each event to a webhook receiver as the engine does: POST, Content-Type:
application/json, the event's JSON as the body, and X-Signature-256 with --secret. A try
that fails (no answer, or a status other than 2xx) is made again after 1 s, then 2 s, ...:
${DEFAULT_ATTEMPTS} tries in all, as the engine makes. Prints one line per event: where it was read, its
type, and the receiver's status. Reads inputs as validate does, and sends nothing when one
cannot be read or holds an invalid event.

Options:
  --secret <secret>      sign each request (X-Signature-256: sha256=<HMAC-SHA256 of the body>)
  --attempts <N>         tries per event, first included (default ${DEFAULT_ATTEMPTS}, at most ${MAX_ATTEMPTS})
  --retry-delay <ms>     the first backoff, doubled before each further try (default ${DEFAULT_RETRY_DELAY_MS})
  --rate <N>             at most N events per second (default: as fast as the receiver answers)
  --types <a,b>          only events of these types
  --dry-run              print what would be sent, send nothing
  --no-validate          send invalid events too (JSON text is still required)
  -h, --help             show this help

Exit codes: 0 every event delivered, 1 some delivery failed, 2 usage error, an unreadable
input or an invalid event (nothing sent).

Examples:
  ironflow-events send http://127.0.0.1:3000/hooks runs.ndjson --secret "$WEBHOOK_SECRET"
  ironflow-events sample run_failed | ironflow-events send http://127.0.0.1:3000/hooks -
  ironflow-events send https://hooks.example.com/ironflow captures/ --types run_failed --dry-run`;

/**
 * The text of `ironflow-events serve --help`.
 */
export const SERVE_USAGE = `Usage: ironflow-events serve [options] <path|glob|->...
       ironflow-events serve --generate [options]

A local stand-in for the engine's GET /api/v1/events: server-sent events written as the
engine writes them (event: <type>, data: <event JSON>, no id:), with a keep-alive comment
every ${DEFAULT_KEEP_ALIVE_S} s. The query filters as the engine's does: ?types=run_failed,step_failed (types
separated by commas) and ?run_id=<uuid>. Prints the stream's URL on its first line, then
plays the events, from the first client's connection (or at once with --webhook), to every
client connected. After the last event the stream stays open; Ctrl-C stops the server.

Options:
  --generate             play runs made by the testing kit, one after another, without end
  --seed <S>             with --generate: the same seed plays the same runs (at current times)
  -p, --port <port>      the port (default ${DEFAULT_SERVE_PORT}; 0 for any free one)
  --host <host>          the address to listen on (default 127.0.0.1: this machine only)
  --rate <N>             N events per second (default ${DEFAULT_SERVE_RATE})
  --realtime             keep the time between events that their "at" fields say
  --loop                 play the files again and again
  --keep-alive <s>       seconds between keep-alive comments (default ${DEFAULT_KEEP_ALIVE_S})
  --webhook <url>        also post each event there, as send does (${DEFAULT_ATTEMPTS} tries)
  --secret <secret>      sign those posts (X-Signature-256)
  -h, --help             show this help

Exit codes: 0 stopped by Ctrl-C, 2 usage error, an unreadable input or an invalid event,
or a port that cannot be listened on.

Examples:
  ironflow-events serve --generate
  ironflow-events serve captures/run.ndjson --realtime --loop
  ironflow-events serve --generate --webhook http://127.0.0.1:3000/hooks --secret "$WEBHOOK_SECRET"
  curl -N 'http://127.0.0.1:${DEFAULT_SERVE_PORT}/api/v1/events?types=run_failed,step_failed'`;

/**
 * The text of `ironflow-events sample --help`.
 */
export const SAMPLE_USAGE = `Usage: ironflow-events sample <type|run> [-n N] [--seed S]

Prints valid events of one type, one per line (NDJSON), written as the engine writes them,
from the testing kit (ironflow-events/testing): realistic names, costs and durations, UUID v7
IDs, timestamps with the engine's fraction digits. "run" prints whole runs instead: each
run's events in order, from run_created to its end.

Options:
  -n <N>                 how many events (or runs); default 1
  --seed <S>             the same seed (0 to 4294967295) prints the same lines
  -h, --help             show this help

Examples:
  ironflow-events sample log_line -n 20 --seed 7 > fixtures/log_lines.ndjson
  ironflow-events sample run -n 3 --seed 1 | ironflow-events validate --lifecycle=error -`;
