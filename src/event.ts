// `Event` is two things under one name: the union of the variants (a type) and the table of
// type constants (a value). Both are declared here and nowhere else, so that a declaration
// bundle holds a single `Event`: two declarations of the name (the generated union and this
// one) would be renamed `Event$1`, `Event$2` in dist/index.d.ts, and editors and compiler
// messages would show those names.
import { Event as EVENT_CONSTANTS } from "../generated/constants.js";
import type { EventTypeMap } from "../generated/types.js";
import type { EventType } from "./types.js";

/**
 * The event type constants, as the engine names them (`Event.RUN_CREATED` is `"run_created"`),
 * and `Event.ALL`, every type in the engine's order. The name is also the type of any event.
 * @example
 * if (event.type === Event.RUN_FAILED) console.error(event.error);
 * for (const type of Event.ALL) subscribe(type);
 */
export const Event = EVENT_CONSTANTS;

/**
 * Any event of the ironflow engine: the union of the twelve variants, told apart by `type`.
 * The name is also the value holding the type constants.
 * @example
 * function onEvent(event: Event) {
 *   if (event.type === Event.LOG_LINE) console.log(event.line); // event: LogLine
 * }
 */
export type Event = EventTypeMap[EventType];
