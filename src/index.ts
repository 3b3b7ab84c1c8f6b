/**
 * ironflow-events: the domain events of the ironflow workflow engine, typed and validated.
 * Types, validators and constants are generated from the JSON Schemas in schemas/.
 * @packageDocumentation
 */

/** The version of the engine (ironflow-engine) whose events this package describes. */
export const ENGINE_VERSION = "2.14.1" as const;

import { Event as EventConstants } from "../generated/constants.js";
import type { Event as AnyEvent } from "./types.js";

/**
 * The event type constants, as the engine names them (`Event.RUN_CREATED` is
 * `"run_created"`), and `Event.ALL`, every type in the engine's order.
 * @example
 * if (event.type === Event.LOG_LINE) console.log(event.line);
 * for (const type of Event.ALL) subscribe(type);
 */
export const Event = EventConstants;
/** Any ironflow event: the union of the 12 variants, narrowed by testing `event.type`. */
export type Event = AnyEvent;

export { EVENT_TYPES, RUN_STATUSES, BUILTIN_STEP_KINDS, LOG_STREAMS } from "../generated/constants.js";
export { eventType } from "./event-type.js";
export { parseLogStream } from "./log-stream.js";
export { validateEvent, isEvent, parseEvent, DEFAULT_MAX_SIZE } from "./validate.js";
export { canTransition, checkTransition, isTerminal, nextStatuses, TERMINAL_STATUSES } from "./lifecycle.js";
export { EventValidationError, formatIssue } from "./errors.js";
export type * from "./types.js";
