// The `ironflow-events` command line tool: picks the command and runs it. A command is a
// module that exports a Command (command.ts) and one line in COMMANDS.
import { ENGINE_VERSION } from "../index.js";
import { UsageError } from "./arguments.js";
import { sample, send, serve } from "./commands.js";
import { schema } from "./commands/schema/index.js";
import type { Command, CommandIO } from "./command.js";
import { types } from "./commands/types/index.js";
import { mainUsage } from "./usage.js";
import { validate } from "./commands/validate/index.js";

declare const __PACKAGE_VERSION__: string | undefined;

/**
 * The package version, set by the build (tsup); "dev" when run from source.
 */
export const VERSION = typeof __PACKAGE_VERSION__ === "string" ? __PACKAGE_VERSION__ : "dev";

/** The commands, by name, in the order of the help. */
const COMMANDS: Readonly<Record<string, Command>> = {
  validate,
  schema,
  types,
  send,
  serve,
  sample,
};

const MAIN_USAGE = mainUsage([
  ...Object.values(COMMANDS),
  { synopsis: "help [command]", summary: "show the help of a command" },
]);

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
  try {
    return await run(argv, full);
  } catch (error) {
    if (error instanceof UsageError) {
      full.stderr.write(`ironflow-events: ${error.message}\n${error.help}\n`);
      return 2;
    }
    throw error;
  }
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const out = (text: string) => void io.stdout.write(`${text}\n`);
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command !== undefined) return command.run(rest, io);
  switch (name) {
    case "help": {
      const topic = rest[0] ?? "";
      out(Object.hasOwn(COMMANDS, topic) ? COMMANDS[topic]!.usage : MAIN_USAGE);
      return 0;
    }
    case "-h":
    case "--help":
      out(MAIN_USAGE);
      return 0;
    case "--version":
    case "-v":
      out(`ironflow-events ${io.version} (engine ${ENGINE_VERSION})`);
      return 0;
    case undefined:
      throw new UsageError("no command given", `\n${MAIN_USAGE}`);
    default:
      throw new UsageError(
        name.startsWith("-") ? `unknown option "${name}" (options follow the command)` : `unknown command "${name}"`,
        'Run "ironflow-events --help" for the commands.',
      );
  }
}
