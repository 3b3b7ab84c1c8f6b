// matchEvent: exhaustive dispatch on the event type. The handler object must name every
// event type (the compiler checks it) and a fallback for the types a newer engine may add,
// so code written today keeps running when the engine grows a variant.
import { EventValidationError } from "./errors.js";
import { typeIsUnknown } from "./issues/index.js";
import { parseEvent, validateEvent } from "./validate.js";
import type { Event, EventOf } from "./event.js";
import type { EventType, ValidateOptions, ValidationIssue } from "./types.js";

/**
 * An event whose `type` this package does not know, perhaps one from a newer engine: a JSON
 * object with a string `type`, its other fields unchecked (no schema says what they are).
 * @example
 * const unknown: UnknownEvent = { type: "run_paused", run_id: "…" };
 */
export interface UnknownEvent {
  readonly type: string;
  readonly [field: string]: unknown;
}

/**
 * The handlers matchEvent needs: one per event type, each given its own variant, and `unknown`
 * for an event whose `type` is a string this package does not know. `invalid` is optional:
 * without it, an input that is not a valid event makes matchEvent throw EventValidationError.
 * @example
 * const handlers = {
 *   ...Object.fromEntries(Event.ALL.map((type) => [type, () => "ignored"])),
 *   log_line: (event) => event.line,
 *   unknown: (event) => `skipped ${event.type}`,
 * } satisfies EventHandlers;
 */
export type EventHandlers = { readonly [T in EventType]: (event: EventOf<T>) => unknown } & {
  /** An event from a newer engine: a JSON object whose `type` is a string naming no known event. */
  readonly unknown: (event: UnknownEvent, issues: ValidationIssue[]) => unknown;
  /** Anything else that is not a valid event. Left out, matchEvent throws EventValidationError instead. */
  readonly invalid?: (input: unknown, issues: ValidationIssue[]) => unknown;
};

/**
 * What matchEvent returns for handlers `H`: the union of the return types of its handlers.
 * @example
 * type R = MatchResult<{ log_line: () => string; unknown: () => null }>; // string | null
 */
export type MatchResult<H> = {
  [K in keyof H]-?: NonNullable<H[K]> extends (...args: never[]) => infer R ? R : never;
}[keyof H];

/** The keys EventHandlers names; any other key in a handler object is a typo. */
type HandlerKey = keyof EventHandlers;

/**
 * Validates `input` and calls the handler for its event type with the typed event; returns
 * what that handler returns.
 *
 * - `input` is an event, any parsed JSON value, or JSON text (a string is parsed as parseEvent
 *   parses it). It is always validated, even when typed `Event`: a cast is not a check.
 * - A valid event goes to `handlers[event.type]`, typed as its variant.
 * - A JSON object whose `type` is a string naming no known event (an event from a newer engine)
 *   goes to `handlers.unknown(event, issues)`: it never throws.
 * - Anything else (a known type with a bad field, a missing `type`, not an object, bad JSON
 *   text) goes to `handlers.invalid(input, issues)` when given, and otherwise throws
 *   EventValidationError with the issues.
 *
 * Leaving out a handler for any event type, or `unknown`, is a compile error, as is a key
 * that names no event type. `options` are those of validateEvent (`strict`, `maxSize`).
 * @example
 * const summary = matchEvent(JSON.parse(body), {
 *   run_created: (e) => `run ${e.run_id} created`,
 *   run_status_changed: (e) => `run ${e.run_id}: ${e.from} -> ${e.to}`,
 *   run_failed: (e) => `run ${e.run_id} failed: ${e.error ?? "no reason given"}`,
 *   step_completed: (e) => `step ${e.step_name} done in ${e.duration_ms} ms`,
 *   step_failed: (e) => `step ${e.step_name} failed: ${e.error}`,
 *   approval_requested: (e) => `approval requested: ${e.message}`,
 *   approval_granted: (e) => `approved by ${e.approved_by}`,
 *   approval_rejected: (e) => `rejected by ${e.rejected_by}`,
 *   log_line: (e) => `[${e.stream}] ${e.line}`,
 *   user_signed_in: (e) => `${e.username} signed in`,
 *   user_signed_up: (e) => `${e.username} signed up`,
 *   user_signed_out: (e) => `${e.user_id} signed out`,
 *   unknown: (e) => `skipped an event of a newer engine: ${e.type}`,
 * }); // summary: string
 */
export function matchEvent<H extends EventHandlers>(
  input: Event | unknown,
  handlers: H & { readonly [K in Exclude<keyof H, HandlerKey>]: never },
  options?: Omit<ValidateOptions, "engine">, // engine: later, with handlers per version
): MatchResult<H> {
  const result = validate(input, options);
  if (result.ok) {
    const handler = handlerFor(handlers, result.event.type) as (event: Event) => unknown;
    return handler(result.event) as MatchResult<H>;
  }
  if (typeIsUnknown(result.issues)) {
    const handler = handlerFor(handlers, "unknown") as EventHandlers["unknown"];
    return handler(result.value as UnknownEvent, result.issues) as MatchResult<H>;
  }
  if (handlers.invalid !== undefined) return handlers.invalid(input, result.issues) as MatchResult<H>;
  throw new EventValidationError(result.issues);
}

/** The compiler makes sure the handler is there; this says which one is missing to JavaScript callers. */
function handlerFor(handlers: EventHandlers, key: HandlerKey): (...args: never[]) => unknown {
  const handler = (handlers as Partial<EventHandlers> | null | undefined)?.[key];
  if (typeof handler !== "function")
    throw new TypeError(
      `matchEvent: handlers.${key} must be a function, got ${handler === null ? "null" : typeof handler}`,
    );
  return handler;
}

/** validateEvent, with JSON text parsed first as parseEvent parses it; keeps the parsed value for `unknown`. */
function validate(
  input: unknown,
  options: Omit<ValidateOptions, "engine"> | undefined,
): { ok: true; event: Event } | { ok: false; issues: ValidationIssue[]; value: unknown } {
  if (typeof input !== "string") {
    const result = validateEvent(input, options);
    return result.ok ? result : { ok: false, issues: result.issues, value: input };
  }
  try {
    return { ok: true, event: parseEvent(input, options) };
  } catch (error) {
    if (!(error instanceof EventValidationError)) throw error; // parseEvent throws nothing else
    return { ok: false, issues: error.issues, value: unknownEventIn(input, error.issues) ?? input };
  }
}

/**
 * The event of a newer engine in JSON `text` (or its UTF-8 bytes), when parsing it gave `issues`
 * that say its type is unknown (which they say only of a JSON object with a string `type`, so
 * the text is then valid JSON); otherwise undefined.
 */
export function unknownEventIn(
  text: string | Uint8Array,
  issues: readonly ValidationIssue[],
): UnknownEvent | undefined {
  if (!typeIsUnknown(issues)) return undefined;
  return JSON.parse(typeof text === "string" ? text : new TextDecoder().decode(text)) as UnknownEvent;
}
