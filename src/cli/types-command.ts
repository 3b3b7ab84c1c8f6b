// `ironflow-events types`: the event types with a one-line description each.
import { DESCRIPTIONS, EVENT_TYPES } from "../../generated/constants.js";

/**
 * The lines of `ironflow-events types`, in the engine's order.
 * @example
 * typesLines()[0]; // "run_created         A workflow run has just been created."
 */
export function typesLines(): string[] {
  const width = Math.max(...EVENT_TYPES.map((type) => type.length));
  return EVENT_TYPES.map((type) => `${type.padEnd(width)}  ${DESCRIPTIONS[type]}`);
}
