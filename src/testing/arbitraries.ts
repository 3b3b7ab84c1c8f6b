/**
 * ironflow-events/testing/arbitraries: fast-check arbitraries for property tests. Valid events
 * of every type of an engine version (the newest modelled by default; `{ engine }` for
 * another), drawn far wider than makeEvent's realistic ones (any Unicode text, u64 and u32
 * edges, costs up to 1e28, any finite float, timestamps from 1970 to 9999 with 0, 3, 6 or 9
 * fraction digits, labels, approval requirements and usage windows of any size), and near
 * misses: a valid event with one thing changed, at any depth, each with the issue code
 * parseEvent must give for it. Needs `fast-check` (an optional peer dependency: install it
 * beside this package).
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { arbitraryEvent, arbitraryNearMiss } from "ironflow-events/testing/arbitraries";
 *
 * fc.assert(fc.property(arbitraryEvent(), (event) => isEvent(event)));
 * fc.assert(fc.property(arbitraryEvent({ engine: "2.31" }), (event) => isEvent(event, { engine: "2.31" })));
 * ```
 * @packageDocumentation
 */
import * as fc from "fast-check";
import {
  ACCOUNT_WINDOW_STATUSES,
  BUILTIN_STEP_KINDS,
  LOG_STREAMS,
  PROVIDER_ACCOUNT_CHANGES,
  SCHEDULE_MISS_REASONS,
} from "../../generated/constants.js";
import { describeValue } from "../describe.js";
import { ISSUE_CODES } from "../issues/codes.js";
import { FORMATS, NEWEST, type Format } from "../engine/index.js";
import type { EventAt, EventOf, EventTypeAt } from "../event.js";
import type { EventType, EventTypeMap, IssueCode, NewestEngine, RunStatus, ValidateOptions } from "../types.js";
import { inEngineOrder } from "./engine-order.js";
import { toEngineJson } from "./engine-json.js";
import { inner, shapeOf, type Pattern } from "./format-shape.js";
import { fieldsOfFormat, kitFormat, notAnEventType, type KitEngineOptions } from "./kit-format.js";
import { isTerminal, nextStatuses } from "../lifecycle.js";
import { formatTimestamp } from "./timestamps.js";
import { APPROVAL_MESSAGES, STEP_TEMPLATES, USERNAMES, WORKFLOW_NAMES } from "./vocabulary.js";

const LAST_MS = Date.UTC(9999, 11, 31, 23, 59, 59);
const U64_EDGES = [0, 1, Number.MAX_SAFE_INTEGER, 2 ** 63, 18446744073709549568 /* the largest double below 2^64 */];
const U32_MAX = 4294967295;
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
const optionalText = fc.option(text, { nil: null });
const u64 = fc.oneof(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(...U64_EDGES));
const u32 = fc.oneof(fc.integer({ min: 0, max: U32_MAX }), fc.constantFrom(0, 1, 2, U32_MAX));
/** A float that survives JSON: -0 is written `0`, so it is drawn as 0. */
const noNegativeZero = (x: number) => (Object.is(x, -0) ? 0 : x);
const cost = fc.oneof(
  fc.integer({ min: 0, max: 100_000_000 }).map((units) => units / 10_000),
  fc.double({ min: -MAX_COST, max: MAX_COST, noNaN: true, noDefaultInfinity: true }).map(noNegativeZero),
);
/** An f64: mostly a share from 0 to 1, as providers report usage, sometimes any finite double. */
const float = fc.oneof(
  { weight: 3, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map(noNegativeZero) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map(noNegativeZero) },
);
const kind = fc.oneof(fc.constantFrom(...BUILTIN_STEP_KINDS), fc.string({ minLength: 1, maxLength: 16 }));
const stream = fc.constantFrom(...LOG_STREAMS);
const labels = fc.dictionary(text, text, { maxKeys: 4 });
const requirement = fc.option(
  fc.record({ reason: optionalText, required_approvers: u32, approver_groups: fc.array(text, { maxLength: 4 }) }),
  { nil: null },
);
const assignee = fc.option(
  fc
    .tuple(fc.constantFrom("user:", "group:"), fc.string({ unit: "binary", minLength: 1, maxLength: 32 }))
    .map(([prefix, name]) => `${prefix}${name}`),
  { nil: null },
);
const window = fc.record({
  account_id: uuid,
  window: text,
  utilization: float,
  resets_at: fc.option(timestamp, { nil: null }),
  status: fc.constantFrom(...ACCOUNT_WINDOW_STATUSES),
  model_scope: optionalText,
  observed_at: timestamp,
});

type Fields<T extends EventType> = {
  [K in keyof Omit<EventTypeMap[T], "type">]: fc.Arbitrary<EventTypeMap[T][K]>;
};

/** The newest format's fields of each type; an older format's events have some of them. */
const FIELDS: { [T in EventType]: Fields<T> } = {
  run_created: { run_id: uuid, workflow_name: text, at: timestamp },
  run_status_changed: {
    run_id: uuid,
    workflow_name: text,
    from: fc.constant("running"), // replaced below by a legal pair of the format
    to: fc.constant("completed"),
    error: optionalText,
    cost_usd: cost,
    duration_ms: u64,
    labels,
    at: timestamp,
  },
  run_failed: {
    run_id: uuid,
    workflow_name: text,
    error: optionalText,
    cost_usd: cost,
    duration_ms: u64,
    labels,
    at: timestamp,
  },
  run_budget_exceeded: {
    run_id: uuid,
    workflow_name: text,
    limit_usd: cost,
    spent_usd: cost,
    step_budget_usd: cost,
    at: timestamp,
  },
  retry_forced: { run_id: uuid, workflow_name: text, original_version: text, current_version: text, at: timestamp },
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
  approval_requested: { run_id: uuid, step_id: uuid, message: text, requirement, at: timestamp },
  approval_granted: {
    run_id: uuid,
    step_id: fc.option(uuid, { nil: null }),
    approved_by: text,
    approvals_received: u32,
    approvals_required: u32,
    requirement,
    at: timestamp,
  },
  approval_rejected: {
    run_id: uuid,
    step_id: fc.option(uuid, { nil: null }),
    rejected_by: text,
    requirement,
    at: timestamp,
  },
  approval_escalated: {
    run_id: uuid,
    step_id: uuid,
    step_name: text,
    stage: u32,
    policy: text,
    action: text,
    reason: text,
    assignee,
    at: timestamp,
  },
  log_line: { id: uuid, run_id: uuid, step_id: uuid, step_name: text, stream, line: text, at: timestamp },
  user_signed_in: { user_id: uuid, username: text, at: timestamp },
  user_signed_up: { user_id: uuid, username: text, at: timestamp },
  user_signed_out: { user_id: uuid, at: timestamp },
  "provider_account.updated": {
    account_id: uuid,
    name: text,
    change: fc.constantFrom(...PROVIDER_ACCOUNT_CHANGES),
    at: timestamp,
  },
  "provider_account.usage_updated": {
    account_id: uuid,
    name: text,
    windows: fc.array(window, { maxLength: 4 }),
    at: timestamp,
  },
  signal_awaited: {
    run_id: uuid,
    step_id: uuid,
    step_name: text,
    name: text,
    key: text,
    deadline_at: timestamp,
    at: timestamp,
  },
  signal_received: {
    signal_id: uuid,
    name: text,
    key: text,
    resumed_runs: fc.array(uuid, { maxLength: 4 }),
    at: timestamp,
  },
  schedule_occurrences_missed: {
    schedule_id: uuid,
    workflow_name: text,
    reason: fc.constantFrom(...SCHEDULE_MISS_REASONS),
    count: u64,
    first: timestamp,
    last: timestamp,
    at: timestamp,
  },
};

/** A move of a run that the format's lifecycle allows (never a terminal status's move to itself). */
function transition(format: Format): fc.Arbitrary<{ from: string; to: string }> {
  const engine = { engine: format.first };
  // A format's statuses are among the newest's (formats only add), which the lifecycle types.
  const from = (format.runStatuses as readonly RunStatus[]).filter((status) => !isTerminal(status, engine));
  return fc
    .constantFrom(...from)
    .chain((status) =>
      fc
        .constantFrom(...nextStatuses(status, engine).filter((to) => to !== status))
        .map((to) => ({ from: status, to })),
    );
}

const arbitraries = new WeakMap<Format, Map<string, fc.Arbitrary<EventAt<string>>>>();

/** The valid events of `type` in `format` (made once). */
function eventsOf(format: Format, type: EventType): fc.Arbitrary<EventAt<string>> {
  let byType = arbitraries.get(format);
  if (byType === undefined) arbitraries.set(format, (byType = new Map()));
  let events = byType.get(type);
  if (events !== undefined) return events;
  const model = fieldsOfFormat(format, type, FIELDS[type] as Record<string, fc.Arbitrary<unknown>>);
  const record = fc.record(model);
  const fields =
    type === "run_status_changed"
      ? fc.tuple(record, transition(format)).map(([values, moves]) => ({ ...values, ...moves }))
      : record;
  events = fields.map((values) => inEngineOrder<EventAt<string>>(type, values as never));
  byType.set(type, events);
  return events;
}

/** The format of the options of an arbitrary; the first argument may be the options themselves. */
function formatOf(options: unknown, caller: string): Format {
  if (options !== undefined && (typeof options !== "object" || options === null))
    throw new TypeError(`${caller}: options must be an object, got ${describeValue(options)}`);
  return kitFormat((options as { engine?: unknown } | undefined)?.engine, caller);
}

/**
 * Options of the arbitraries: the engine version whose events to draw (the newest by default).
 * @example
 * const options: ArbitraryOptions<"2.31"> = { engine: "2.31" };
 */
export type ArbitraryOptions<V extends string = NewestEngine> = KitEngineOptions<V>;

/**
 * Valid events of every type of the engine version (the newest modelled without `engine`).
 * Each passes parseEvent with the same `engine` and is one that engine could write (a
 * run_status_changed moves as its lifecycle allows).
 * @example
 * fc.assert(fc.property(arbitraryEvent(), (event) => isEvent(event)));
 * fc.assert(fc.property(arbitraryEvent({ engine: "2.14" }), (event) => isEvent(event, { engine: "2.14" })));
 */
export function arbitraryEvent<const V extends string = NewestEngine>(
  options?: ArbitraryOptions<V>,
): fc.Arbitrary<EventAt<V>>;
/**
 * Valid events of `type` of the engine version, typed as that version's variant. A type the
 * version does not have is a TypeError naming the version.
 * @example
 * fc.assert(fc.property(arbitraryEvent("run_failed"), (event) => event.error === null || typeof event.error === "string"));
 * fc.assert(fc.property(arbitraryEvent("log_line", { engine: "2.31.4" }), (event) => !("id" in event)));
 */
export function arbitraryEvent<const T extends EventTypeAt<V>, const V extends string = NewestEngine>(
  type: T,
  options?: ArbitraryOptions<V>,
): fc.Arbitrary<EventOf<T, V>>;
/**
 * Valid events, of `type` when given, of the engine version of `options.engine`.
 * @example
 * const events = fc.sample(arbitraryEvent(), 10);
 */
export function arbitraryEvent(
  typeOrOptions?: string | ArbitraryOptions<string>,
  options?: ArbitraryOptions<string>,
): fc.Arbitrary<EventAt<string>> {
  const caller = "arbitraryEvent";
  const type = typeof typeOrOptions === "string" ? typeOrOptions : undefined;
  const format = formatOf(typeof typeOrOptions === "string" ? options : (typeOrOptions ?? options), caller);
  if (type === undefined && typeOrOptions !== undefined && typeof typeOrOptions !== "object")
    throw new TypeError(`${caller}: ${notAnEventType(typeOrOptions, format)}`);
  if (type === undefined) return fc.oneof(...format.eventTypes.map((each) => eventsOf(format, each as EventType)));
  const problem = notAnEventType(type, format);
  if (problem !== undefined) throw new TypeError(`${caller}: ${problem}`);
  return eventsOf(format, type as EventType);
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
  /** The options to read it with: the arbitrary's engine version (`engine`), and what the miss needs. */
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

// ---------------------------------------------------------------- where a near miss goes

/** What a place in an event holds, as far as near misses care. */
type Kind =
  "uuid" | "timestamp" | "assignee" | "enum" | "run_status" | "integer" | "float" | "text" | "object" | "array" | "map";

/** The enum fields of each type (by pattern): the rest of the strings are free text but for IDs, times and assignees. */
const ENUMS: Readonly<Record<string, readonly Pattern[]>> = {
  log_line: ["stream"],
  "provider_account.updated": ["change"],
  "provider_account.usage_updated": ["windows/*/status"],
  schedule_occurrences_missed: ["reason"],
};
const TIMESTAMPS = new Set(["at", "deadline_at", "first", "last", "resets_at", "observed_at"]);

/** One place in an event of `type`: its path (keys and indexes), its pattern, what it holds. */
interface Site {
  type: string;
  path: readonly (string | number)[];
  pattern: Pattern;
  kind: Kind;
  value: unknown;
}

/** What the place at `pattern` holds in an event of `type` in `format`, given its value. */
function kindOf(format: Format, type: string, pattern: Pattern, value: unknown): Kind {
  const shape = shapeOf(format, type);
  const number = shape.numbers[pattern];
  if (number !== undefined) return "integer" in number ? "integer" : "float";
  if (shape.order.has(pattern)) return "object"; // or null, where the object is optional
  if (Array.isArray(value)) return "array";
  if (value !== null && typeof value === "object") return "map";
  const name = pattern.slice(pattern.lastIndexOf("/") + 1);
  if (type === "run_status_changed" && (name === "from" || name === "to")) return "run_status";
  if (ENUMS[type]?.includes(pattern)) return "enum";
  if (name === "assignee") return "assignee";
  if (TIMESTAMPS.has(name)) return "timestamp";
  if (name === "id" || name.endsWith("_id") || pattern === "resumed_runs/*") return "uuid";
  return "text";
}

/** Every place in `event` below the event itself (not `type`), at any depth. */
function sitesOf(format: Format, event: Fieldset): Site[] {
  const sites: Site[] = [];
  const visit = (value: unknown, path: (string | number)[], pattern: Pattern) => {
    if (path.length > 0)
      sites.push({ type: event.type, path, pattern, kind: kindOf(format, event.type, pattern, value), value });
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...path, i], inner(pattern, "*")));
    else if (value !== null && typeof value === "object") {
      const known = shapeOf(format, event.type).order.get(pattern);
      for (const key of Object.keys(value))
        if (!(path.length === 0 && key === "type"))
          visit((value as Fieldset)[key], [...path, key], inner(pattern, known === undefined ? "*" : key));
    }
  };
  visit(event, [], "");
  return sites;
}

type Fieldset = Record<string, unknown> & { type: string };

/** A deep copy of `event` with the value at `path` replaced by `change` of it (removed when it gives `REMOVE`). */
function changed(event: Fieldset, path: readonly (string | number)[], change: (value: unknown) => unknown): Fieldset {
  const copy = structuredClone(event);
  let parent: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  const value = change(parent[last]);
  if (value === REMOVE) delete parent[last];
  else parent[last] = value;
  return copy;
}
const REMOVE = Symbol("remove");
const pathText = (path: readonly (string | number)[]) => path.join(".");

/** A valid event and one of its places that `pick` takes, for formats and events that have one. */
function eventAndSite(format: Format, pick: (site: Site) => boolean): fc.Arbitrary<{ event: Fieldset; site: Site }> {
  return arbitraryEvent({ engine: format.first } as ArbitraryOptions<string>)
    .map((event) => ({
      event: event as unknown as Fieldset,
      sites: sitesOf(format, event as unknown as Fieldset).filter(pick),
    }))
    .filter(({ sites }) => sites.length > 0)
    .chain(({ event, sites }) => fc.constantFrom(...sites).map((site) => ({ event, site })));
}

/** The event types of the formats after `format` that it does not have: a newer engine's events. */
function laterTypes(format: Format): string[] {
  return [...new Set(FORMATS.flatMap((other) => other.eventTypes))].filter((type) => !format.eventTypes.includes(type));
}

/** Strings no enum of any format takes: other cases, other spellings, nothing. */
const NEVER_ENUM = ["Running", "STDOUT", "stdin", "Allowed", "Created", "Overlap", "", "awaiting-approval"];

function missesOf(format: Format): { [C in NearMissCode]: fc.Arbitrary<NearMiss> } {
  const anyEvent = () =>
    (arbitraryEvent({ engine: format.first } as ArbitraryOptions<string>) as fc.Arbitrary<unknown>).map(
      (event) => event as Fieldset,
    );
  const withSite = (pick: (site: Site) => boolean) => eventAndSite(format, pick);
  // Statuses of a newer format are misses of an older one, as are its types and fields.
  const laterStatuses = NEWEST.runStatuses.filter((status) => !format.runStatuses.includes(status));
  const later = laterTypes(format);
  const laterFields = (type: string) =>
    Object.keys(NEWEST.expectations[type] ?? {}).filter((field) => !(field in (format.expectations[type] ?? {})));
  return {
    json_syntax: fc.tuple(anyEvent(), fc.constantFrom("cut", "comma", "quote")).map(([event, how]) => {
      const json = toEngineJson(event as never, { engine: format.first } as never);
      const input =
        how === "cut"
          ? json.slice(0, -1)
          : how === "comma"
            ? `${json.slice(0, -1)},}`
            : json.replace('"type"', "'type'");
      return {
        input,
        code: "json_syntax",
        change: `JSON text, ${how === "cut" ? "cut short" : how === "comma" ? "with a trailing comma" : "with a single-quoted key"}`,
      };
    }),
    type: withSite(() => true).chain(({ event, site }) =>
      fc
        .constantFrom<unknown[]>(true, [], {})
        .filter(
          (value) =>
            !(Array.isArray(value)
              ? site.kind === "array"
              : typeof value === "object" && (site.kind === "object" || site.kind === "map")),
        )
        .map((value) => ({
          input: changed(event, site.path, () => value),
          code: "type" as const,
          change: `${pathText(site.path)} set to ${JSON.stringify(value)}`,
        })),
    ),
    required: withSite((site) => isRequired(format, site)).map(({ event, site }) => ({
      input: changed(event, site.path, () => REMOVE),
      code: "required" as const,
      change: `removed ${pathText(site.path)}`,
    })),
    unknown_event_type: fc
      .tuple(
        anyEvent(),
        fc.constantFrom("run_paused", "RunCreated", "run-created", "step_started", "user_deleted", ...later),
      )
      .map(([event, type]) => ({
        input: { ...event, type },
        code: "unknown_event_type" as const,
        change: `type set to ${type}${later.includes(type) ? ` (an event of a later engine)` : ""}`,
      })),
    enum: withSite((site) => site.kind === "enum" || site.kind === "run_status").chain(({ event, site }) =>
      fc.constantFrom(...NEVER_ENUM, ...(site.kind === "run_status" ? laterStatuses : [])).map((value) => ({
        input: changed(event, site.path, () => value),
        code: "enum" as const,
        change: `${pathText(site.path)} set to "${value}"`,
      })),
    ),
    format: withSite((site) => site.kind === "uuid" || site.kind === "timestamp" || site.kind === "assignee").chain(
      ({ event, site }) => {
        const bad =
          site.kind === "uuid"
            ? fc.constantFrom("braced", "short", "word").map((how) => (id: unknown) => {
                const valid = typeof id === "string" ? id : "61644a25-da5a-7317-94e2-3bc1eca8c766";
                return how === "braced" ? `{${valid}}` : how === "short" ? valid.slice(0, -1) : "not-a-uuid";
              })
            : site.kind === "timestamp"
              ? fc
                  .constantFrom("2026-02-30T10:00:00Z", "2026-11-25 22:24:21Z", "2026-11-25T22:24:21", "yesterday")
                  .map((at) => () => at)
              : fc.constantFrom("team:platform", "user:", "group:", "User:alice", "alice").map((who) => () => who);
        return bad.map((make) => {
          const input = changed(event, site.path, make);
          return {
            input,
            code: "format" as const,
            change: `${pathText(site.path)} set to ${JSON.stringify(valueAt(input, site.path))}`,
          };
        });
      },
    ),
    range: withSite((site) => site.kind === "integer" || site.kind === "float").chain(({ event, site }) => {
      const number = shapeOf(format, event.type).numbers[site.pattern]!;
      const values =
        "integer" in number
          ? [-1, Number(number.integer) * 2 + 2]
          : number.float === null
            ? [Infinity, -Infinity] // any finite f64 is in range
            : [number.float * 1.5, -number.float * 1.5];
      return fc.constantFrom(...values).map((value) => ({
        input: changed(event, site.path, () => value),
        code: "range" as const,
        change: `${pathText(site.path)} set to ${value}`,
      }));
    }),
    additional_property: fc.oneof(
      // An object below the event, for a format that has any (the seed has none: no site to find).
      ...(hasNestedObjects(format)
        ? [
            withSite((site) => site.kind === "object" && site.value !== null).map(({ event, site }) => ({
              input: changed(event, site.path, (value) => ({ ...(value as object), region: "eu-west-1" })),
              options: { strict: true },
              code: "additional_property" as const,
              change: `a field the schema does not name (${pathText(site.path)}.region), read strictly`,
            })),
          ]
        : []),
      anyEvent().chain((event) => {
        // A field of a later engine version is one this version does not name.
        const fields = laterFields(event.type);
        return fc.constantFrom("region", ...fields).map((field) => ({
          input: { ...event, [field]: field === "region" ? "eu-west-1" : "later" },
          options: { strict: true },
          code: "additional_property" as const,
          change: `a field the schema does not name (${field}${field === "region" ? "" : ", of a later engine"}), read strictly`,
        }));
      }),
    ),
    invalid_unicode: withSite((site) => site.kind === "text" || (site.kind === "assignee" && site.value !== null)).map(
      ({ event, site }) => {
        // A map's key as well as its values: a label's name can hold it too.
        const inKey = site.pattern.endsWith("/*") && typeof site.path[site.path.length - 1] === "string";
        const key = site.path[site.path.length - 1] as string;
        const input = inKey
          ? changed(event, site.path.slice(0, -1), (map) => {
              const renamed: Record<string, unknown> = { ...(map as object) };
              delete renamed[key];
              renamed[`${key}\ud800`] = (map as Record<string, unknown>)[key];
              return renamed;
            })
          : changed(event, site.path, (value) => `${String(value)}\ud800`);
        return {
          input,
          code: "invalid_unicode" as const,
          change: `a lone surrogate at the end of ${inKey ? `the key of ${pathText(site.path)}` : pathText(site.path)}`,
        };
      },
    ),
    too_deep: anyEvent().map((event) => {
      let nested: unknown = 1;
      for (let depth = 0; depth < 130; depth++) nested = [nested];
      return {
        input: { ...event, trace: nested },
        code: "too_deep" as const,
        change: "an extra field nested 130 arrays deep",
      };
    }),
    too_large: anyEvent().map((event) => {
      const input = toEngineJson(event as never, { engine: format.first } as never);
      return {
        input,
        options: { maxSize: 64 },
        code: "too_large" as const,
        change: `${input.length} bytes of JSON read with maxSize 64`,
      };
    }),
  };
}

/** True when some event type of `format` has an object below the event (a requirement, a usage window). */
function hasNestedObjects(format: Format): boolean {
  return format.eventTypes.some((type) => shapeOf(format, type).order.size > 1);
}

/** True when the place is a field the event must have: not `type`, not an array's item or map's value, not one with a default. */
function isRequired(format: Format, site: Site): boolean {
  const key = site.path[site.path.length - 1];
  if (typeof key !== "string" || site.pattern.endsWith("/*")) return false;
  const parent = site.pattern.includes("/") ? site.pattern.slice(0, site.pattern.lastIndexOf("/")) : "";
  return !(shapeOf(format, site.type).defaulted.get(parent)?.has(key) ?? false);
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let at = value;
  for (const step of path) at = (at as Record<string | number, unknown>)[step];
  return at;
}

const misses = new WeakMap<Format, { [C in NearMissCode]: fc.Arbitrary<NearMiss> }>();

/**
 * Every NearMissCode, in the order of ISSUE_CODES: every code but the lifecycle's, which no
 * single event can break.
 * @example
 * for (const code of NEAR_MISS_CODES) fc.assert(fc.property(arbitraryNearMiss(code), check));
 */
export const NEAR_MISS_CODES: readonly NearMissCode[] = /* @__PURE__ */ Object.freeze(
  /* @__PURE__ */ ISSUE_CODES.filter((code): code is NearMissCode => code !== "illegal_transition"),
);

/**
 * Near misses of every code, of the engine version of `options.engine` (the newest without it).
 * @example
 * fc.assert(fc.property(arbitraryNearMiss(), ({ input, options }) => !validateEvent(input, options).ok || typeof input === "string"));
 * fc.assert(fc.property(arbitraryNearMiss({ engine: "2.14" }), ({ options }) => options?.engine === "2.14"));
 */
export function arbitraryNearMiss(options?: ArbitraryOptions<string>): fc.Arbitrary<NearMiss>;
/**
 * Near misses of `code`, of the engine version of `options.engine` (the newest without it).
 * @example
 * fc.assert(fc.property(arbitraryNearMiss("required"), ({ input }) => {
 *   const result = validateEvent(input);
 *   return !result.ok && result.issues[0].code === "required";
 * }));
 */
export function arbitraryNearMiss(code: NearMissCode, options?: ArbitraryOptions<string>): fc.Arbitrary<NearMiss>;
/**
 * Near misses: of `code` when given, of every code otherwise. Each comes with the options to
 * read it with, `engine` among them.
 * @example
 * fc.assert(fc.property(arbitraryNearMiss(), ({ input, options, code }) => {
 *   const result = validateEvent(typeof input === "string" ? JSON.parse(input) : input, options);
 *   expect(result.ok).toBe(false);
 * }));
 */
export function arbitraryNearMiss(
  codeOrOptions?: NearMissCode | ArbitraryOptions<string>,
  options?: ArbitraryOptions<string>,
): fc.Arbitrary<NearMiss> {
  const caller = "arbitraryNearMiss";
  const code = typeof codeOrOptions === "string" ? codeOrOptions : undefined;
  const format = formatOf(typeof codeOrOptions === "string" ? options : (codeOrOptions ?? options), caller);
  if (
    (code === undefined && codeOrOptions !== undefined && typeof codeOrOptions !== "object") ||
    (code !== undefined && !NEAR_MISS_CODES.includes(code))
  )
    throw new TypeError(
      `${caller}: ${describeValue(codeOrOptions)} is not a near-miss code; valid: ${NEAR_MISS_CODES.join(", ")}`,
    );
  let table = misses.get(format);
  if (table === undefined) misses.set(format, (table = missesOf(format)));
  const engine = format.first;
  const ofEngine = (arbitrary: fc.Arbitrary<NearMiss>) =>
    arbitrary.map((miss) => ({ ...miss, options: { ...miss.options, engine } }));
  if (code === undefined) return fc.oneof(...NEAR_MISS_CODES.map((each) => ofEngine(table[each])));
  return ofEngine(table[code]);
}
