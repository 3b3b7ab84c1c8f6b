// The `ironflow-events` command line tool: picks the command, reads its command line (its
// --help is answered here, for every command alike) and runs it. A command is a folder of
// commands/ whose index exports a Command (command.ts), and one line in COMMANDS.
import { ENGINE_VERSION } from "../index.js";
import { HELP_ASKED, readCommandLine, UsageError } from "./arguments.js";
import type { Command, CommandIO } from "./command.js";
import { listen } from "./commands/listen/index.js";
import { sample } from "./commands/sample/index.js";
import { schema } from "./commands/schema/index.js";
import { send } from "./commands/send/index.js";
import { serve } from "./commands/serve/index.js";
import { types } from "./commands/types/index.js";
import { validate } from "./commands/validate/index.js";

declare const __PACKAGE_VERSION__: string | undefined;

/**
 * The package version, set by the build (tsup); "dev" when run from source.
 */
const VERSION = typeof __PACKAGE_VERSION__ === "string" ? __PACKAGE_VERSION__ : "dev";

/** The commands, by name, in the order of the help. */
const COMMANDS: Readonly<Record<string, Command>> = {
  validate,
  schema,
  types,
  send,
  serve,
  listen,
  sample,
};

/** Where a command's summary starts in the main help. */
const SUMMARY_COLUMN = 39;

const MAIN_HELP = `Usage: ironflow-events <command> [options]

Typed, validated domain events of the ironflow workflow engine.

Commands:
${[...Object.values(COMMANDS), { synopsis: "help [command]", summary: "show the help of a command" }]
  .map(({ synopsis, summary }) => `  ${synopsis}`.padEnd(SUMMARY_COLUMN) + summary)
  .join("\n")}

Options:
  -h, --help     show this help
  --version      show the package and engine versions

Examples:
  ironflow-events validate fixtures/ 'dumps/**/*.ndjson'
  ironflow-events schema run_failed > run_failed.schema.json
  ironflow-events types
  ironflow-events serve --generate
  IRONFLOW_WEBHOOK_SECRET=s3cret ironflow-events send http://127.0.0.1:3000/hooks runs.ndjson
  ironflow-events listen https://ironflow.example.com/api/v1/events --forward-to http://127.0.0.1:3000/hooks
  ironflow-events sample run_failed -n 5 --seed 1 > fixtures/run_failed.ndjson`;

/**
 * Runs the command line `argv` (without "node" and the script) and returns the exit code.
 */
export async function main(argv: string[], io: Partial<CommandIO> = {}): Promise<number> {
  const full: CommandIO = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    version: io.version ?? VERSION,
    workerEntry: io.workerEntry,
  };
  const out = (text: string) => void full.stdout.write(`${text}\n`);
  const usageError = (message: string, help: string) => {
    full.stderr.write(`ironflow-events: ${message}\n${help}\n`);
    return 2;
  };
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command !== undefined) {
    let config: unknown;
    try {
      config = readCommandLine(command, rest);
    } catch (error) {
      if (error instanceof UsageError)
        return usageError(error.message, `Run "ironflow-events ${name} --help" for its usage.`);
      throw error;
    }
    if (config !== HELP_ASKED) {
      try {
        return await command.run(config, full);
      } catch (error) {
        // What only the environment tells (a secret's variable set but empty) is checked as the
        // command starts, and told as a mistake on the command line is.
        if (error instanceof UsageError)
          return usageError(error.message, `Run "ironflow-events ${name} --help" for its usage.`);
        throw error;
      }
    }
    out(command.help);
    return 0;
  }
  switch (name) {
    case "help": {
      const topic = rest[0] ?? "";
      out(Object.hasOwn(COMMANDS, topic) ? COMMANDS[topic]!.help : MAIN_HELP);
      return 0;
    }
    case "-h":
    case "--help":
      out(MAIN_HELP);
      return 0;
    case "--version":
    case "-v":
      out(`ironflow-events ${full.version} (engine ${ENGINE_VERSION})`);
      return 0;
    case undefined:
      return usageError("no command given", `\n${MAIN_HELP}`);
    default:
      return usageError(
        name.startsWith("-") ? `unknown option "${name}" (options follow the command)` : `unknown command "${name}"`,
        'Run "ironflow-events --help" for the commands.',
      );
  }
}
