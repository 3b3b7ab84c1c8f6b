// Reading a command's arguments: parseArgs with --help added, and the error for a mistake.
import { parseArgs } from "node:util";

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
