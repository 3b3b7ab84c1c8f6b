// `ironflow-events validate [options] <path|glob|->...`: its help, and its configuration from
// the command line (options.ts holds its options); run.ts does the work.
import { optionsHelp, readOptions, UsageError } from "../../arguments.js";
import type { Command } from "../../command.js";
import { VALIDATE_OPTIONS } from "./options.js";
import { validateCommand } from "./run.js";
import type { ValidateConfig } from "./types.js";

/** Where the help text of an option starts: after the widest flags, with room to spare. */
const HELP_COLUMN = 29;

const HELP = `Usage: ironflow-events validate [options] <path|glob|->...

Checks that every event is one the ironflow engine could have written and will read.

Inputs:
  events.json             one event, or an array of events
  events.ndjson, .jsonl   one event per line (blank lines skipped, CRLF and a BOM accepted)
  fixtures/               every .json, .ndjson and .jsonl file in it, recursively
  'captures/**/*.json'    the files a pattern matches: * ? [a-z] [!a-z] and ** (quote it)
  -                       standard input: NDJSON, or one JSON document (told apart by its start)
  any other file          read like standard input

Options:
${optionsHelp(VALIDATE_OPTIONS, HELP_COLUMN)}

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
  ironflow-events validate --lifecycle=error runs.ndjson
  ironflow-events validate --engine 2.31.4 --lifecycle=error captures/`;

/** `ironflow-events validate [options] <path|glob|->...`. */
export const validate: Command<ValidateConfig> = {
  synopsis: "validate [options] <path|glob|->...",
  summary: "check the events in files, directories, globs or standard input",
  help: HELP,
  options: VALIDATE_OPTIONS,
  configure(positionals, given) {
    const options = readOptions(VALIDATE_OPTIONS, given);
    if (positionals.length === 0)
      throw new UsageError("no input given: name files, directories or globs, or - for standard input");
    return { paths: positionals, ...options };
  },
  run: validateCommand,
};
