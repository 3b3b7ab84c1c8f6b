/**
 * ironflow-events: the domain events of the ironflow workflow engine, typed and validated.
 * Types, validators and constants are generated from the JSON Schemas in schemas/.
 * @packageDocumentation
 */

/** The version of the engine (ironflow-engine) whose events this package describes. */
export const ENGINE_VERSION = "2.14.1" as const;

export { Event, EVENT_TYPES, RUN_STATUSES, BUILTIN_STEP_KINDS, LOG_STREAMS } from "../generated/constants.js";
export { eventType } from "./event-type.js";
export { parseLogStream } from "./log-stream.js";
export { validateEvent, isEvent, parseEvent, DEFAULT_MAX_SIZE } from "./validate.js";
export { canTransition, checkTransition, isTerminal, nextStatuses, TERMINAL_STATUSES } from "./lifecycle.js";
export { EventValidationError, formatIssue } from "./errors.js";
export type * from "./types.js";
