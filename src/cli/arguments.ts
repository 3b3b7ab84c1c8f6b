// Reading a command line, the same way for every command: the parseArgs spec, the Options
// section of a help text and the values of a configuration all come from the command's table
// of options (rows of OptionRow, command.ts); a mistake is a UsageError, which main.ts shows
// with a pointer to the command's help.
import { parseArgs } from "node:util";
import type { Command, GivenOptions, OptionRow, OptionValues } from "./command.js";

/**
 * A mistake on the command line: main.ts shows it with a pointer to the help, exit code 2.
 */
export class UsageError extends Error {}

/**
 * What readCommandLine gives for `--help` (or `-h`): main.ts shows the command's help.
 */
export const HELP_ASKED = Symbol("--help");

/** `--help`, which every command takes; it is last in every Options section. */
const HELP_OPTION: OptionRow<"help", boolean> = {
  flag: "help",
  short: "h",
  key: "help",
  help: ["show this help"],
  read: (given) => given === true,
};

/**
 * A row of a table of options, with its key and value types kept, so that the type of a
 * configuration follows from the table (OptionValues).
 * @example
 * const strict = option({ flag: "strict", key: "strict", help: ["unknown properties are errors"], read: (given) => given === true });
 */
export function option<K extends string, V>(row: OptionRow<K, V>): OptionRow<K, V> {
  return row;
}

/**
 * The configuration a command line asks `command` for, or HELP_ASKED. Throws UsageError.
 * @example
 * readCommandLine(validate, ["--strict", "events.ndjson"]); // { paths: ["events.ndjson"], strict: true, … }
 */
export function readCommandLine<Config>(command: Command<Config>, args: string[]): Config | typeof HELP_ASKED {
  // parseArgs knows no optional values: a bare flag whose value may be left out is spelled
  // out (`--lifecycle` as `--lifecycle=warn`) before it looks, up to a `--`.
  const end = args.indexOf("--");
  const spelled = args.map((arg, i) => {
    const row = end !== -1 && i >= end ? undefined : command.options.find((option) => arg === `--${option.flag}`);
    return row?.bare === undefined ? arg : `${arg}=${row.bare}`;
  });
  let parsed: { values: GivenOptions; positionals: string[] };
  try {
    parsed = parseArgs({
      args: spelled,
      allowPositionals: true,
      strict: true,
      options: parseArgsSpec([...command.options, HELP_OPTION]),
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help === true) return HELP_ASKED;
  return command.configure(parsed.positionals, parsed.values);
}

/** The `options` of parseArgs for a table of options; a one-letter flag is its own short form too. */
function parseArgsSpec(table: readonly OptionRow[]): Record<string, { type: "string" | "boolean"; short?: string }> {
  const spec: Record<string, { type: "string" | "boolean"; short?: string }> = {};
  for (const { flag, short, value } of table) {
    const type = value === undefined ? "boolean" : "string";
    const letter = short ?? (flag.length === 1 ? flag : undefined);
    spec[flag] = letter === undefined ? { type } : { type, short: letter };
  }
  return spec;
}

/**
 * The values of a table of options, each read by its row from what was given, in the
 * order of the table. Throws UsageError for a value its option does not take.
 * @example
 * readOptions(SEND_OPTIONS, { attempts: "5" }).attempts; // 5
 */
export function readOptions<Table extends readonly OptionRow[]>(
  table: Table,
  given: GivenOptions,
): OptionValues<Table> {
  const values: Record<string, unknown> = {};
  for (const row of table) values[row.key] = row.read(given[row.flag]);
  return values as OptionValues<Table>;
}

/**
 * How a flag is written: `-n` for a one-letter flag, `--max-size` for a longer one.
 * @example
 * flagName("n"); // "-n"
 */
function flagName(flag: string): string {
  return `${flag.length === 1 ? "-" : "--"}${flag}`;
}

/**
 * The Options section of a command's help, one option a row (`--help` last), its help text
 * from `column` on.
 * @example
 * optionsHelp(SAMPLE_OPTIONS, 25); // "  -n <N>                 how many events (or runs); default 1\n…"
 */
export function optionsHelp(table: readonly OptionRow[], column: number): string {
  return [...table, HELP_OPTION]
    .map(({ flag, short, value, help }) => {
      const flags = `  ${short === undefined ? "" : `-${short}, `}${flagName(flag)}${value === undefined ? "" : value.startsWith("[") ? value : ` ${value}`}`;
      return [flags.padEnd(column) + help[0], ...help.slice(1).map((line) => " ".repeat(column) + line)].join("\n");
    })
    .join("\n");
}

/**
 * The number an option was given, checked: a decimal number (a whole one when `integer`)
 * from `min` to `max`; anything else is a UsageError that says what the option takes.
 * @example
 * readNumber("attempts", "5", { min: 1, max: 10, integer: true }); // 5
 */
export function readNumber(
  flag: string,
  given: string | boolean,
  range: { min: number; max: number; integer: boolean; unit?: string },
): number {
  const text = String(given);
  const value = /^[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : NaN;
  if (!(value >= range.min && value <= range.max) || (range.integer && !Number.isInteger(value)))
    throw new UsageError(
      `${flagName(flag)} takes ${range.integer ? "a whole number" : "a number"}${range.unit ? ` of ${range.unit}` : ""} from ${range.min} to ${range.max}, got "${text}"`,
    );
  return value;
}

/**
 * Throws a UsageError unless `text` is an http:// or https:// URL.
 * @example
 * checkHttpUrl("--forward-to", "http://127.0.0.1:3000/hooks");
 */
export function checkHttpUrl(what: string, text: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(text);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== "http:" && parsed.protocol !== "https:"))
    throw new UsageError(`${what} must be an http:// or https:// URL, got "${text}"`);
}
