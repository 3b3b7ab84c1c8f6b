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

export { Event } from "./event.js";
export type { EventAt, EventOf, EventTypeAt, RunStatusAt } from "./event.js";

export { ENGINE_FORMATS, ENGINE_VERSION } from "./engine/index.js";
export type { EngineFormatInfo } from "./engine/index.js";
export { EVENT_TYPES, RUN_STATUSES, BUILTIN_STEP_KINDS, LOG_STREAMS } from "../generated/constants.js";
export { eventType } from "./event-type.js";
export { parseLogStream } from "./log-stream.js";
export { validateEvent, isEvent, parseEvent, DEFAULT_MAX_SIZE } from "./validate.js";
export type { ValidationResult } from "./validate.js";
export { canTransition, checkTransition, isTerminal, nextStatuses, TERMINAL_STATUSES } from "./lifecycle.js";
export { EventValidationError, formatIssue } from "./errors.js";
export { ISSUE_CODES } from "./issues/codes.js";
export { matchEvent } from "./match.js";
export type { EventHandlers, MatchResult, UnknownEvent } from "./match.js";
export { filterEvents } from "./filter.js";
export { streamEvents, EventStreamError, MAX_LAST_EVENT_ID_BYTES } from "./stream/stream-events.js";
export type { StreamEventsOptions, StreamSource, ReconnectInfo, OpenInfo } from "./stream/stream-events.js";
export { MIN_RECONNECT_DELAY_MS } from "./stream/backoff.js";
export type { RetryOptions } from "./stream/backoff.js";
export { SseDecoder } from "./stream/sse-decoder.js";
export type { SseMessage, SseDecoderOptions } from "./stream/sse-decoder.js";
export { verifyWebhook, WebhookVerificationError } from "./webhook/verify.js";
export { SIGNATURE_HEADER } from "./webhook/signature.js";
export type { WebhookErrorCode, WebhookSecret } from "./webhook/signature.js";
export type * from "./types.js";
/**
 * @internal What ironflow-events/webhook and /standard take from this entry's file: not API
 * (src/internal.ts); left out of the declarations.
 */
export { __standard, __webhook } from "./internal.js";
