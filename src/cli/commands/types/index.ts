// `ironflow-events types`: the event types with a one-line description each.
import { DESCRIPTIONS, EVENT_TYPES } from "../../../../generated/constants.js";
import { commandHint, parseCommandArgs, UsageError } from "../../arguments.js";
import type { Command } from "../../command.js";
import { TYPES_USAGE } from "../../usage.js";

/**
 * The lines of `ironflow-events types`, in the engine's order.
 * @example
 * typesLines()[0]; // "run_created         A workflow run has just been created."
 */
export function typesLines(): string[] {
  const width = Math.max(...EVENT_TYPES.map((type) => type.length));
  return EVENT_TYPES.map((type) => `${type.padEnd(width)}  ${DESCRIPTIONS[type]}`);
}

/** `ironflow-events types`. */
export const types: Command = {
  synopsis: "types",
  summary: "list the event types, one line each",
  usage: TYPES_USAGE,
  run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {}, commandHint("types"));
    if (values.help) {
      io.stdout.write(`${TYPES_USAGE}\n`);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError("types takes no arguments", commandHint("types"));
    io.stdout.write(`${typesLines().join("\n")}\n`);
    return 0;
  },
};
