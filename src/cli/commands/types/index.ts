// `ironflow-events types [--engine <version>]`: the event types of an engine version (the
// newest by default) with a one-line description each.
import { DESCRIPTIONS } from "../../../../generated/constants.js";
import { optionsHelp, readOptions, UsageError } from "../../arguments.js";
import type { Command, OptionValues } from "../../command.js";
import { engineOption } from "../../common-options.js";

/**
 * The options of `types`, in the order of the help.
 * @example
 * TYPES_OPTIONS.map((option) => `--${option.flag}`); // ["--engine"]
 */
export const TYPES_OPTIONS = [
  engineOption(["the engine version whose event types are listed;", "default the newest modelled"]),
] as const;

const HELP = `Usage: ironflow-events types [--engine <version>]

Lists the event types, in the engine's order, with a one-line description each.

Options:
${optionsHelp(TYPES_OPTIONS, 25)}

Examples:
  ironflow-events types
  ironflow-events types --engine 2.31.4`;

type TypesConfig = OptionValues<typeof TYPES_OPTIONS>;

/**
 * The lines of `ironflow-events types`, in the engine's order: "run_created         A workflow run has just been created."
 * A type of an older engine is one of the newest's (formats only add types), so the newest's
 * description names it.
 */
function typesLines(eventTypes: readonly string[]): string[] {
  const width = Math.max(...eventTypes.map((type) => type.length));
  return eventTypes.map((type) => `${type.padEnd(width)}  ${DESCRIPTIONS[type as keyof typeof DESCRIPTIONS]}`);
}

/** `ironflow-events types`. */
export const types: Command<TypesConfig> = {
  synopsis: "types [--engine <version>]",
  summary: "list the event types, one line each",
  help: HELP,
  options: TYPES_OPTIONS,
  configure(positionals, given) {
    if (positionals.length > 0) throw new UsageError("types takes no arguments");
    return readOptions(TYPES_OPTIONS, given);
  },
  run({ engine }, io) {
    io.stdout.write(`${typesLines(engine.format.eventTypes).join("\n")}\n`);
    return 0;
  },
};
