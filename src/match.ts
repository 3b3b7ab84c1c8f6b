// matchEvent: exhaustive dispatch on the event type. The handler object must name every
// event type of the engine version read (the compiler checks it) and a fallback for the types
// that version does not know (a newer engine's), so code written today keeps running when the
// engine grows a variant.
import { EventValidationError } from "./errors.js";
import { typeIsUnknown } from "./issues/index.js";
import { parseEvent, validateEvent, type OptionsAt } from "./validate.js";
import type { EventAt, EventOf, EventTypeAt } from "./event.js";
import type { NewestEngine, ValidationIssue } from "./types.js";

/**
 * An event whose `type` the engine version read does not know, perhaps one from a newer
 * engine: a JSON object with a string `type`, its other fields unchecked (no schema of that
 * version says what they are).
 * @example
 * const unknown: UnknownEvent = { type: "run_paused", run_id: "…" };
 */
export interface UnknownEvent {
  readonly type: string;
  readonly [field: string]: unknown;
}

/**
 * The handlers matchEvent needs for events of engine version `V` (the newest without it): one
 * per event type of that version, each given its own variant, and `unknown` for an event
 * whose `type` is a string that version does not know. `invalid` is optional: without it, an
 * input that is not a valid event makes matchEvent throw EventValidationError.
 * @example
 * const handlers = {
 *   ...Object.fromEntries(Event.ALL.map((type) => [type, () => "ignored"])),
 *   log_line: (event) => event.line,
 *   unknown: (event) => `skipped ${event.type}`,
 * } satisfies EventHandlers;
 * type SeedHandlers = EventHandlers<"2.14">; // the 12 types of engine 2.14.x–2.19.x, and unknown
 */
export type EventHandlers<V extends string = NewestEngine> = {
  readonly [T in EventTypeAt<V>]: (event: EventOf<T, V>) => unknown;
} & {
  /** An event the version does not know: a JSON object whose `type` is a string naming none of its events. */
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

/** The keys EventHandlers<V> names; any other key in a handler object is a typo, or a type of another version. */
type HandlerKey<V extends string = NewestEngine> = keyof EventHandlers<V>;

/**
 * The handlers matchEvent takes: `H`, with any key EventHandlers<V> does not name typed
 * `never`, so that a misspelled type, or one of another engine version, does not compile.
 */
export type ExactHandlers<H, V extends string = NewestEngine> = H & {
  readonly [K in Exclude<keyof H, HandlerKey<V>>]: never;
};

/**
 * Validates `input` and calls the handler for its event type with the typed event; returns
 * what that handler returns.
 *
 * - `input` is an event, any parsed JSON value, or JSON text (a string is parsed as parseEvent
 *   parses it). It is always validated, even when typed `Event`: a cast is not a check.
 * - `options.engine` (an engine version such as "2.31.4"; the newest without it) says which
 *   version's events to read: the handlers are that version's types, typed as its variants.
 * - A valid event goes to `handlers[event.type]`, typed as its variant.
 * - A JSON object whose `type` is a string naming no event of that version (an event from a
 *   newer engine) goes to `handlers.unknown(event, issues)`: it never throws.
 * - Anything else (a known type with a bad field, a missing `type`, not an object, bad JSON
 *   text) goes to `handlers.invalid(input, issues)` when given, and otherwise throws
 *   EventValidationError with the issues.
 *
 * Leaving out a handler for any event type of the version, or `unknown`, is a compile error,
 * as is a key that names no event type of the version. `options` are those of validateEvent
 * (`engine`, `strict`, `maxSize`).
 * @example
 * const summary = matchEvent(
 *   JSON.parse(body),
 *   {
 *     run_created: (e) => `run ${e.run_id} created`,
 *     run_status_changed: (e) => `run ${e.run_id}: ${e.from} -> ${e.to}`,
 *     run_failed: (e) => `run ${e.run_id} failed: ${e.error ?? "no reason given"}`,
 *     step_completed: (e) => `step ${e.step_name} done in ${e.duration_ms} ms`,
 *     step_failed: (e) => `step ${e.step_name} failed: ${e.error}`,
 *     approval_requested: (e) => `approval requested: ${e.message}`,
 *     approval_granted: (e) => `approved by ${e.approved_by}`,
 *     approval_rejected: (e) => `rejected by ${e.rejected_by}`,
 *     log_line: (e) => `[${e.stream}] ${e.line}`,
 *     user_signed_in: (e) => `${e.username} signed in`,
 *     user_signed_up: (e) => `${e.username} signed up`,
 *     user_signed_out: (e) => `${e.user_id} signed out`,
 *     unknown: (e) => `skipped an event of a newer engine: ${e.type}`,
 *   },
 *   { engine: "2.14.1" }, // its 12 types; the newest engine's 20 need 20 handlers
 * ); // summary: string
 */
export function matchEvent<const V extends string = NewestEngine, H extends EventHandlers<V> = EventHandlers<V>>(
  input: unknown,
  handlers: ExactHandlers<H, V>,
  options?: OptionsAt<V>,
): MatchResult<H> {
  const result = validate(input, options);
  if (result.ok) {
    const handler = handlerFor(handlers, result.event.type) as (event: EventAt<string>) => unknown;
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
function handlerFor(handlers: object, key: string): (...args: never[]) => unknown {
  const handler = (handlers as Partial<Record<string, ((...args: never[]) => unknown) | null>> | null | undefined)?.[key];
  if (typeof handler !== "function")
    throw new TypeError(
      `matchEvent: handlers.${key} must be a function, got ${handler === null ? "null" : typeof handler}`,
    );
  return handler;
}

/** validateEvent, with JSON text parsed first as parseEvent parses it; keeps the parsed value for `unknown`. */
function validate(
  input: unknown,
  options: OptionsAt<string> | undefined,
): { ok: true; event: EventAt<string> } | { ok: false; issues: ValidationIssue[]; value: unknown } {
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
 * the text is then valid JSON); otherwise undefined. The issues come from reading the text as
 * one engine version (parseEvent's `engine`): a type that version does not know is unknown
 * here even when a newer version has it (a run_budget_exceeded read as engine 2.14).
 */
export function unknownEventIn(
  text: string | Uint8Array,
  issues: readonly ValidationIssue[],
): UnknownEvent | undefined {
  if (!typeIsUnknown(issues)) return undefined;
  return JSON.parse(typeof text === "string" ? text : new TextDecoder().decode(text)) as UnknownEvent;
}
