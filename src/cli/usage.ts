// The help texts of the command and its subcommands; the options of `validate` come from
// its table (validate-options.ts).
import type { Command } from "./types.js";
import { optionsHelp, VALIDATE_OPTIONS } from "./validate-options.js";

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
  ironflow-events types`;
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
