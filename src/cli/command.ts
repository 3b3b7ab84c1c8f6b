// What a command of the CLI is: its help, its options (rows of one shape, read by
// arguments.ts), how its configuration is made, and its run. Types only: main.ts, arguments.ts
// and every command import them.
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
 * The options of a command line as parseArgs found them: a string for an option that takes
 * a value, true for a switch, undefined when not given; by flag.
 */
export type GivenOptions = Record<string, string | boolean | undefined>;

/**
 * One option of a command: its flag, the configuration field it sets, its help, and how its
 * value is read. A command's table of them gives the parseArgs spec, the Options section of
 * its help (optionsHelp) and the fields of its configuration (readOptions), in arguments.ts.
 * @example
 * const quiet: OptionRow<"quiet", boolean> = { flag: "quiet", short: "q", key: "quiet", help: ["print the summary only"], read: (given) => given === true };
 */
export interface OptionRow<K extends string = string, V = unknown> {
  /** The flag without its dashes: `--max-size`, or `-n` for a one-letter flag. */
  flag: string;
  short?: string;
  /** The configuration field it sets. */
  key: K;
  /** How the value is shown in the help (`<N>`, or `[=warn|error]` when it may be left out); none for a switch. */
  value?: string;
  /** For a value that may be left out: what the bare flag means (`--lifecycle` is `--lifecycle=warn`). */
  bare?: string;
  /** The lines of its help text. */
  help: readonly string[];
  /** The value for the configuration: from the flag's text, or `true`, or undefined when not given. Throws UsageError. */
  read(given: string | boolean | undefined): V;
}

/**
 * What a table of options gives: one field per row, named by its key, typed by its read.
 * @example
 * type Values = OptionValues<typeof VALIDATE_OPTIONS>; // { format: "text" | "json" | "github"; strict: boolean; … }
 */
export type OptionValues<Table extends readonly OptionRow[]> = {
  [Row in Table[number] as Row["key"]]: ReturnType<Row["read"]>;
};

/**
 * A command of the CLI: main.ts lists it, reads its command line with its options (`--help`
 * added, and answered with its help), has it made into its configuration, and runs it.
 */
export interface Command<Config = unknown> {
  /** The command line of the command, as the main help shows it. */
  synopsis: string;
  /** What it does, in a few words, for the main help. */
  summary: string;
  /** Its --help text, which main.ts shows for --help, -h and `help <command>`. */
  help: string;
  /** Its options, in the order of its help; `--help` aside, which every command takes. */
  options: readonly OptionRow[];
  /**
   * Its configuration from the positionals and the options given. The options are read by
   * their rows (readOptions); a command checks its positionals before or after, so that a
   * command line with several mistakes is told the same one first. Throws UsageError.
   */
  configure(positionals: string[], given: GivenOptions): Config;
  /** Runs it; the exit code. */
  run(config: Config, io: CommandIO): Promise<number> | number;
}
