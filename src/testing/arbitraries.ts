/**
 * ironflow-events/testing/arbitraries: fast-check arbitraries for property tests. Valid events
 * of every type, drawn far wider than makeEvent's realistic ones (any Unicode text, u64 edges,
 * costs up to 1e28, timestamps from 1970 to 9999 with 0, 3, 6 or 9 fraction digits), and
 * near misses: a valid event with one thing changed, each with the issue code parseEvent must
 * give for it. Needs `fast-check` (an optional peer dependency: install it beside this package).
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { arbitraryEvent, arbitraryNearMiss } from "ironflow-events/testing/arbitraries";
 *
 * fc.assert(fc.property(arbitraryEvent(), (event) => isEvent(event)));
 * ```
 * @packageDocumentation
 */
import * as fc from "fast-check";
import { BUILTIN_STEP_KINDS, LOG_STREAMS } from "../../generated/constants.js";
import { describeValue } from "../describe.js";
import { resolveFormat } from "../engine/index.js";
import { nextStatuses } from "../lifecycle.js";
import type { IssueCode, ValidateOptions } from "../types.js";
import {
  KIT_ENGINE,
  KIT_EVENT_TYPES as EVENT_TYPES,
  type KitEvent as Event,
  type KitEventOf as EventOf,
  type KitEventType as EventType,
  type KitRunStatus as RunStatus,
} from "./kit-format.js";
import { inEngineOrder } from "./engine-order.js";
import { toEngineJson } from "./engine-json.js";
import { formatTimestamp } from "./timestamps.js";
import { APPROVAL_MESSAGES, STEP_TEMPLATES, USERNAMES, WORKFLOW_NAMES } from "./vocabulary.js";

const LAST_MS = Date.UTC(9999, 11, 31, 23, 59, 59);
const U64_EDGES = [0, 1, Number.MAX_SAFE_INTEGER, 2 ** 63, 18446744073709549568 /* the largest double below 2^64 */];
/** Decimal's limit is 2^96 (about 7.9e28); staying below 1e28 keeps clear of the parser's rounding there. */
const MAX_COST = 1e28;

const uuid = fc.uuid();
const timestamp = fc
  .tuple(fc.integer({ min: 0, max: LAST_MS }), fc.integer({ min: 0, max: 999_999 }), fc.constantFrom(0, 3, 6, 9))
  .map(([ms, subMs, digits]) => {
    const nanos = BigInt(ms) * 1_000_000n + BigInt(subMs);
    const unit = 10n ** BigInt(9 - digits);
    const second = 1_000_000_000n;
    // The fraction cut to `digits` (AutoSi writes the fewest digits that hold it).
    return formatTimestamp(nanos - (nanos % second) + ((nanos % second) / unit) * unit);
  });
const text = fc.oneof(
  fc.constantFrom(
    ...WORKFLOW_NAMES,
    ...USERNAMES,
    ...APPROVAL_MESSAGES,
    ...STEP_TEMPLATES.flatMap((step) => step.stdout),
  ),
  fc.string({ unit: "binary", maxLength: 64 }),
);
const u64 = fc.oneof(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(...U64_EDGES));
const cost = fc.oneof(
  fc.integer({ min: 0, max: 100_000_000 }).map((units) => units / 10_000),
  fc.double({ min: -MAX_COST, max: MAX_COST, noNaN: true, noDefaultInfinity: true }),
);
const kind = fc.oneof(fc.constantFrom(...BUILTIN_STEP_KINDS), fc.string({ minLength: 1, maxLength: 16 }));
const stream = fc.constantFrom(...LOG_STREAMS);
const optionalError = fc.option(text, { nil: null });
const transition = fc
  .constantFrom<RunStatus>("pending", "running", "retrying", "awaiting_approval")
  .chain((from) => fc.constantFrom(...nextStatuses(from, { engine: KIT_ENGINE })).map((to) => ({ from, to })));

/** The kit's format: what its fields must be, and the defaults it may leave out. */
const KIT_FORMAT = resolveFormat(KIT_ENGINE);
const EXPECTATIONS = KIT_FORMAT.expectations as { readonly [T in EventType]: Readonly<Record<string, string>> };
const defaultsOf = (type: EventType): Readonly<Record<string, unknown>> => KIT_FORMAT.defaults[type]?.fields ?? {};

type Fields<T extends EventType> = { [K in keyof Omit<EventOf<T>, "type">]: fc.Arbitrary<EventOf<T>[K]> };

const FIELDS: { [T in EventType]: Fields<T> } = {
  run_created: { run_id: uuid, workflow_name: text, at: timestamp },
  run_status_changed: {
    run_id: uuid,
    workflow_name: text,
    from: fc.constant("running"), // replaced below by a legal pair
    to: fc.constant("completed"),
    error: optionalError,
    cost_usd: cost,
    duration_ms: u64,
    at: timestamp,
  },
  run_failed: {
    run_id: uuid,
    workflow_name: text,
    error: optionalError,
    cost_usd: cost,
    duration_ms: u64,
    at: timestamp,
  },
  step_completed: {
    run_id: uuid,
    step_id: uuid,
    step_name: text,
    kind,
    duration_ms: u64,
    cost_usd: cost,
    at: timestamp,
  },
  step_failed: { run_id: uuid, step_id: uuid, step_name: text, kind, error: text, at: timestamp },
  approval_requested: { run_id: uuid, step_id: uuid, message: text, at: timestamp },
  approval_granted: { run_id: uuid, approved_by: text, at: timestamp },
  approval_rejected: { run_id: uuid, rejected_by: text, at: timestamp },
  log_line: { run_id: uuid, step_id: uuid, step_name: text, stream, line: text, at: timestamp },
  user_signed_in: { user_id: uuid, username: text, at: timestamp },
  user_signed_up: { user_id: uuid, username: text, at: timestamp },
  user_signed_out: { user_id: uuid, at: timestamp },
};

function eventOf<T extends EventType>(type: T): fc.Arbitrary<EventOf<T>> {
  const record = fc.record(FIELDS[type] as Record<string, fc.Arbitrary<unknown>>);
  const fields =
    type === "run_status_changed"
      ? fc.tuple(record, transition).map(([values, moves]) => ({ ...values, ...moves }))
      : record;
  return fields.map((values) => inEngineOrder(type, values as Omit<EventOf<T>, "type">));
}

const BY_TYPE = Object.fromEntries(EVENT_TYPES.map((type) => [type, eventOf(type)])) as {
  [T in EventType]: fc.Arbitrary<EventOf<T>>;
};

/**
 * Valid events: of `type` when given, of every type otherwise. Each passes parseEvent and is
 * one the engine could write (a run_status_changed moves as the lifecycle allows).
 * @example
 * fc.assert(fc.property(arbitraryEvent("log_line"), (event) => {
 *   expect(parseEvent(JSON.stringify(event))).toEqual(event);
 * }));
 */
export function arbitraryEvent(): fc.Arbitrary<Event>;
/**
 * Valid events of `type`, typed as that variant.
 * @example
 * fc.assert(fc.property(arbitraryEvent("run_failed"), (event) => event.error === null || typeof event.error === "string"));
 */
export function arbitraryEvent<const T extends EventType>(type: T): fc.Arbitrary<EventOf<T>>;
/**
 * Valid events, of `type` when given.
 * @example
 * const events = fc.sample(arbitraryEvent(), 10);
 */
export function arbitraryEvent(type?: EventType): fc.Arbitrary<Event> {
  if (type === undefined) return fc.oneof(...EVENT_TYPES.map((each) => BY_TYPE[each] as fc.Arbitrary<Event>));
  if (!(EVENT_TYPES as readonly unknown[]).includes(type))
    throw new TypeError(
      `arbitraryEvent: ${describeValue(type)} is not an event type; valid: ${EVENT_TYPES.join(", ")}`,
    );
  return BY_TYPE[type];
}

/**
 * An input that is not a valid event and the issue code parseEvent must give for it: every
 * issue parseEvent reports for `input` (with `options`) has this `code`. `change` says what was
 * changed from a valid event, for the failure message of a property.
 * @example
 * const miss: NearMiss = { input: { type: "user_signed_out", at: "2026-11-25T22:24:21Z" }, code: "required", change: "removed user_id" };
 */
export interface NearMiss {
  /** An event object, or JSON text (for `json_syntax` and `too_large`). */
  input: unknown;
  /** The options to read it with: the kit's engine version (`engine`), and what the miss needs. */
  options?: ValidateOptions;
  code: NearMissCode;
  change: string;
}

/**
 * The issue codes near misses are made for: every code parseEvent gives (illegal_transition
 * comes from checkTransition, not parseEvent).
 * @example
 * const code: NearMissCode = "format";
 */
export type NearMissCode = Exclude<IssueCode, "illegal_transition">;

type Fieldset = Record<string, unknown>;
const anyEvent = () => arbitraryEvent() as fc.Arbitrary<Event & Fieldset>;
/** The events with a field that satisfies `has`. */
const eventWith = (has: (field: string) => boolean) =>
  fc
    .constantFrom(...EVENT_TYPES.filter((type) => Object.keys(EXPECTATIONS[type]).some(has)))
    .chain((type) => arbitraryEvent(type) as fc.Arbitrary<Event & Fieldset>);
const fieldsOf = (event: Event, has: (field: string) => boolean) => Object.keys(EXPECTATIONS[event.type]).filter(has);
const with_ = (event: Event, field: string, value: unknown): Fieldset => ({ ...event, [field]: value });

const isId = (field: string) => field.endsWith("_id");
const isEnum = (field: string) => field === "from" || field === "to" || field === "stream";
const isNumber = (field: string) => field === "cost_usd" || field === "duration_ms";
/** Free text: names, messages, lines (not the type, IDs, enums, numbers or timestamps). */
const isText = (field: string) =>
  field !== "type" && field !== "at" && field !== "error" && !isId(field) && !isEnum(field) && !isNumber(field);

const MISSES: { [C in NearMissCode]: fc.Arbitrary<NearMiss> } = {
  json_syntax: fc.tuple(anyEvent(), fc.constantFrom("cut", "comma", "quote")).map(([event, how]) => {
    const json = toEngineJson(event);
    const input =
      how === "cut" ? json.slice(0, -1) : how === "comma" ? `${json.slice(0, -1)},}` : json.replace('"type"', "'type'");
    return {
      input,
      code: "json_syntax",
      change: `JSON text, ${how === "cut" ? "cut short" : how === "comma" ? "with a trailing comma" : "with a single-quoted key"}`,
    };
  }),
  type: anyEvent().chain((event) =>
    fc
      .tuple(
        fc.constantFrom(...fieldsOf(event, (field) => field !== "type" && !isEnum(field))),
        fc.constantFrom(true, [], {}),
      )
      .map(([field, value]) => ({
        input: with_(event, field, value),
        code: "type",
        change: `${field} set to ${JSON.stringify(value)}`,
      })),
  ),
  required: anyEvent().chain((event) =>
    fc
      .constantFrom(...fieldsOf(event, (field) => field !== "type" && !(field in defaultsOf(event.type))))
      .map((field) => {
        const input: Fieldset = { ...event };
        delete input[field];
        return { input, code: "required", change: `removed ${field}` };
      }),
  ),
  unknown_event_type: fc
    .tuple(anyEvent(), fc.constantFrom("run_paused", "RunCreated", "run-created", "step_started", "user_deleted"))
    .map(([event, type]) => ({ input: { ...event, type }, code: "unknown_event_type", change: `type set to ${type}` })),
  enum: eventWith(isEnum).chain((event) =>
    fc
      .tuple(fc.constantFrom(...fieldsOf(event, isEnum)), fc.constantFrom("paused", "Running", "STDOUT", "stdin", ""))
      .map(([field, value]) => ({
        input: with_(event, field, value),
        code: "enum",
        change: `${field} set to "${value}"`,
      })),
  ),
  format: fc.oneof(
    anyEvent().chain((event) =>
      fc
        .tuple(fc.constantFrom(...fieldsOf(event, isId)), fc.constantFrom("braced", "short", "word"))
        .map(([field, how]) => {
          const id = String(event[field]);
          const value = how === "braced" ? `{${id}}` : how === "short" ? id.slice(0, -1) : "not-a-uuid";
          return { input: with_(event, field, value), code: "format" as const, change: `${field} set to ${value}` };
        }),
    ),
    fc
      .tuple(
        anyEvent(),
        fc.constantFrom("2026-02-30T10:00:00Z", "2026-11-25 22:24:21Z", "2026-11-25T22:24:21", "yesterday"),
      )
      .map(([event, at]) => ({ input: { ...event, at }, code: "format" as const, change: `at set to ${at}` })),
  ),
  range: eventWith(isNumber).chain((event) =>
    fc.constantFrom(...fieldsOf(event, isNumber)).chain((field) =>
      fc.constantFrom(...(field === "duration_ms" ? [-1, 2 ** 65] : [1e29, -1e29])).map((value) => ({
        input: with_(event, field, value),
        code: "range" as const,
        change: `${field} set to ${value}`,
      })),
    ),
  ),
  additional_property: anyEvent().map((event) => ({
    input: { ...event, region: "eu-west-1" },
    options: { strict: true },
    code: "additional_property",
    change: "a field the schema does not name (region), read strictly",
  })),
  invalid_unicode: eventWith(isText).chain((event) =>
    fc.constantFrom(...fieldsOf(event, isText)).map((field) => ({
      input: with_(event, field, `${String(event[field])}\ud800`),
      code: "invalid_unicode",
      change: `a lone surrogate at the end of ${field}`,
    })),
  ),
  too_deep: anyEvent().map((event) => {
    let nested: unknown = 1;
    for (let depth = 0; depth < 130; depth++) nested = [nested];
    return { input: { ...event, trace: nested }, code: "too_deep", change: "an extra field nested 130 arrays deep" };
  }),
  too_large: anyEvent().map((event) => {
    const input = toEngineJson(event);
    return {
      input,
      options: { maxSize: 64 },
      code: "too_large",
      change: `${input.length} bytes of JSON read with maxSize 64`,
    };
  }),
};

/**
 * Every NearMissCode, in the order of IssueCode (the keys of the table of near misses, which
 * the compiler holds to the whole of NearMissCode).
 * @example
 * for (const code of NEAR_MISS_CODES) fc.assert(fc.property(arbitraryNearMiss(code), check));
 */
export const NEAR_MISS_CODES: readonly NearMissCode[] = Object.freeze(Object.keys(MISSES) as NearMissCode[]);

/**
 * Near misses: of `code` when given, of every code otherwise.
 * @example
 * fc.assert(fc.property(arbitraryNearMiss(), ({ input, options, code }) => {
 *   const result = validateEvent(typeof input === "string" ? JSON.parse(input) : input, options);
 *   expect(result.ok).toBe(false);
 * }));
 */
export function arbitraryNearMiss(code?: NearMissCode): fc.Arbitrary<NearMiss> {
  if (code === undefined) return fc.oneof(...NEAR_MISS_CODES.map((each) => ofKitEngine(MISSES[each])));
  if (!NEAR_MISS_CODES.includes(code))
    throw new TypeError(
      `arbitraryNearMiss: ${describeValue(code)} is not a near-miss code; valid: ${NEAR_MISS_CODES.join(", ")}`,
    );
  return ofKitEngine(MISSES[code]);
}

/** Near misses of the kit's events, read with the kit's engine version (a status of a later one is a miss). */
function ofKitEngine(misses: fc.Arbitrary<NearMiss>): fc.Arbitrary<NearMiss> {
  return misses.map((miss) => ({ ...miss, options: { ...miss.options, engine: KIT_ENGINE } }));
}
