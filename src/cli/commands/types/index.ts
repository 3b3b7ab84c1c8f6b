// `ironflow-events types`: the event types with a one-line description each.
import { DESCRIPTIONS, EVENT_TYPES } from "../../../../generated/constants.js";
import { UsageError } from "../../arguments.js";
import type { Command } from "../../command.js";

const HELP = `Usage: ironflow-events types

Lists the event types, in the engine's order, with a one-line description each.`;

/** The lines of `ironflow-events types`, in the engine's order: "run_created         A workflow run has just been created." */
function typesLines(): string[] {
  const width = Math.max(...EVENT_TYPES.map((type) => type.length));
  return EVENT_TYPES.map((type) => `${type.padEnd(width)}  ${DESCRIPTIONS[type]}`);
}

/** `ironflow-events types`. */
export const types: Command<void> = {
  synopsis: "types",
  summary: "list the event types, one line each",
  help: HELP,
  options: [],
  configure(positionals) {
    if (positionals.length > 0) throw new UsageError("types takes no arguments");
  },
  run(_, io) {
    io.stdout.write(`${typesLines().join("\n")}\n`);
    return 0;
  },
};
