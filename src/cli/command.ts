// What a command of the CLI is, and what it is given to run with. Types only: main.ts and
// every command import them.
import type { Writable } from "node:stream";

/**
 * Where a command writes, and what it knows of its environment (tests pass their own).
 */
export interface CommandIO {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  version: string;
  /** The CLI's entry module, which runs as a worker thread too; without it, no threads. */
  workerEntry?: URL;
}

/**
 * A command of the CLI: main.ts lists it, shows its help, and runs it with the arguments
 * that follow its name. `run` throws UsageError (arguments.ts) for a mistake on the command line.
 */
export interface Command {
  /** The command line of the command, as the main help shows it. */
  synopsis: string;
  /** What it does, in a few words, for the main help. */
  summary: string;
  /** Its --help text. */
  usage: string;
  /** The exit code. */
  run(args: string[], io: CommandIO): Promise<number> | number;
}
