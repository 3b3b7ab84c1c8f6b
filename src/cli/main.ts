// The `ironflow-events` command line tool: arguments, help, and the commands.
import { parseArgs } from "node:util";
import { validateCommand } from "./validate-command.js";
import { ENGINE_VERSION } from "../index.js";

const USAGE = `Usage: ironflow-events validate [--strict] <file|directory>...

Validates ironflow events: a .json file holds one event or an array of events, a .ndjson
or .jsonl file one event per line; a directory is searched for such files.

Options:
  --strict     unknown properties are errors
  -h, --help   show this help
  --version    show the package and engine versions

Exit codes: 0 all events valid, 1 some invalid, 2 usage or I/O error.

Example:
  ironflow-events validate fixtures/ events.ndjson`;

declare const __PACKAGE_VERSION__: string | undefined;

export async function main(
  argv: string[],
  out = (s: string) => console.log(s),
  err = (s: string) => console.error(s),
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { strict: { type: "boolean" }, help: { type: "boolean", short: "h" }, version: { type: "boolean" } },
    });
  } catch (error) {
    err(`ironflow-events: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(USAGE);
    return 0;
  }
  if (values.version) {
    out(
      `ironflow-events ${typeof __PACKAGE_VERSION__ === "string" ? __PACKAGE_VERSION__ : "dev"} (engine ${ENGINE_VERSION})`,
    );
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command !== "validate") {
    err(`ironflow-events: ${command === undefined ? "no command given" : `unknown command "${command}"`}\n\n${USAGE}`);
    return 2;
  }
  if (paths.length === 0) {
    err(`ironflow-events validate: no file given\n\n${USAGE}`);
    return 2;
  }
  try {
    return await validateCommand({ paths, strict: values.strict === true, out });
  } catch (error) {
    err(`ironflow-events: ${(error as Error).message}`);
    return 2;
  }
}
