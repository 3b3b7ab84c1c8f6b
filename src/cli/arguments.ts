// Reading a command's arguments: parseArgs with --help added, and the error for a mistake.
import { parseArgs } from "node:util";
import { EVENT_TYPES } from "../../generated/constants.js";
import type { EventType } from "../types.js";

/**
 * A mistake on the command line: shown with a pointer to the help (or the help itself), exit code 2.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly help: string,
  ) {
    super(message);
  }
}

/**
 * The line that points to a command's help.
 * @example
 * commandHint("validate"); // 'Run "ironflow-events validate --help" for its usage.'
 */
export function commandHint(command: string): string {
  return `Run "ironflow-events ${command} --help" for its usage.`;
}

type OptionSpec = NonNullable<Parameters<typeof parseArgs>[0]>["options"];

/**
 * A command's options and positionals, `--help` (`-h`) included; a UsageError pointing to `hint` on a mistake.
 */
export function parseCommandArgs(
  args: string[],
  options: OptionSpec,
  hint: string,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { help: { type: "boolean", short: "h" }, ...options },
    });
  } catch (error) {
    throw new UsageError((error as Error).message, hint);
  }
}

/**
 * The number an option was given, checked: a decimal number (a whole one when `integer`)
 * from `min` to `max`; anything else is a UsageError that says what the option takes.
 */
export function numberOption(
  name: string,
  text: string,
  range: { min: number; max: number; integer: boolean; unit?: string },
  help: string,
): number {
  const value = /^[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : NaN;
  if (!(value >= range.min && value <= range.max) || (range.integer && !Number.isInteger(value)))
    throw new UsageError(
      `${name.length === 1 ? "-" : "--"}${name} takes ${range.integer ? "a whole number" : "a number"}${range.unit ? ` of ${range.unit}` : ""} from ${range.min} to ${range.max}, got "${text}"`,
      help,
    );
  return value;
}

/** `--types a,b`: a comma-separated list of event types, each checked. */
export function typesOption(text: string, help: string): EventType[] {
  const types = text.split(",").map((type) => type.trim());
  for (const type of types)
    if (!(EVENT_TYPES as readonly string[]).includes(type))
      throw new UsageError(
        `--types takes event types separated by commas; "${type}" is not one (valid: ${EVENT_TYPES.join(", ")})`,
        help,
      );
  return types as EventType[];
}
