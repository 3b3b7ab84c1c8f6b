// The help texts of the command and its subcommands.

/**
 * The text of `ironflow-events --help`.
 * @example
 * console.log(MAIN_USAGE);
 */
export const MAIN_USAGE = `Usage: ironflow-events <command> [options]

Typed, validated domain events of the ironflow workflow engine.

Commands:
  validate [options] <path|glob|->...  check the events in files, directories, globs or standard input
  schema [type]                        print the bundled JSON Schema, or one event type's schema
  types                                list the event types, one line each
  help [command]                       show the help of a command

Options:
  -h, --help     show this help
  --version      show the package and engine versions

Examples:
  ironflow-events validate fixtures/ 'dumps/**/*.ndjson'
  ironflow-events schema run_failed > run_failed.schema.json
  ironflow-events types`;

/**
 * The text of `ironflow-events validate --help`.
 * @example
 * console.log(VALIDATE_USAGE);
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
  -f, --format <format>      text (default), json (one machine-readable report) or
                             github (GitHub Actions annotations on the pull request)
  --strict                   unknown properties are errors
  --lifecycle[=warn|error]   also check each run_status_changed from -> to against the run
                             lifecycle: an illegal move is a warning (exit code unchanged),
                             or with =error makes the event invalid
  --max-errors <N>           stop reading after N invalid events
  --max-size <bytes>         the largest line, file or document read (default 1M = 1048576;
                             suffixes K, M, G; at most 256M): a larger one fails as
                             too_large and is skipped without being held in memory
  -j, --jobs <N>             threads for NDJSON files: by default one per CPU (up to 4) for
                             files over 16 MiB; --jobs 1 reads everything on one thread
  -q, --quiet                print the summary only
  -h, --help                 show this help

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
 * @example
 * console.log(SCHEMA_USAGE);
 */
export const SCHEMA_USAGE = `Usage: ironflow-events schema [type]

Prints the bundled JSON Schema (draft 2020-12) of every event, or, given an event type,
that type's schema alone, self-contained (with the definitions it refers to).

Examples:
  ironflow-events schema > ironflow-events.schema.json
  ironflow-events schema log_line`;

/**
 * The text of `ironflow-events types --help`.
 * @example
 * console.log(TYPES_USAGE);
 */
export const TYPES_USAGE = `Usage: ironflow-events types

Lists the event types, in the engine's order, with a one-line description each.`;
