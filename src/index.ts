/**
 * ironflow-events: the domain events of the ironflow workflow engine, typed and validated.
 * Types, validators and constants are generated from the JSON Schemas in schemas/.
 *
 * This entry point runs anywhere JavaScript does (Node, browsers, edge runtimes): it imports
 * nothing from Node and compiles no code at run time.
 * @example
 * ```ts
 * import { parseEvent, Event } from "ironflow-events";
 *
 * const event = parseEvent(body); // throws EventValidationError on anything else
 * if (event.type === Event.RUN_FAILED) console.error(event.workflow_name, event.error);
 * ```
 * @packageDocumentation
 */

export { ENGINE_VERSION } from "./engine-version.js";
export { Event, EVENT_TYPES, RUN_STATUSES, BUILTIN_STEP_KINDS, LOG_STREAMS } from "../generated/constants.js";
export { eventType } from "./event-type.js";
export { parseLogStream } from "./log-stream.js";
export { validateEvent, isEvent, parseEvent, DEFAULT_MAX_SIZE } from "./validate.js";
export { canTransition, checkTransition, isTerminal, nextStatuses, TERMINAL_STATUSES } from "./lifecycle.js";
export { EventValidationError, formatIssue } from "./errors.js";
export type * from "./types.js";
