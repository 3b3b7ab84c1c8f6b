// The properties that test/rules/properties.test.ts runs with fixed seeds and `npm run fuzz`
// runs by the million with a random one. Each throws (a plain Error saying what went
// wrong) when the package and the independent check disagree.
import fc from "fast-check";
import { EventValidationError, isEvent, ISSUE_CODES, parseEvent, validateEvent } from "../../src/index.js";
import type { ValidationIssue } from "../../src/index.js";
import { engineReadValue, FUZZED_ENGINE, independentTextVerdict, independentVerdict } from "./independent.js";

/** The options that read as the fuzzed engine format does. */
const FUZZED = { engine: FUZZED_ENGINE } as const;
import { kitEventsProperty, kitNearMissesProperty } from "./kit.js";
import { hostileText, hostileValue } from "./mutations.js";
import {
  ALL_FIELD_NAMES,
  BUNDLE_PROPERTIES,
  eventText,
  eventValue,
  SCHEMA_DEFAULTS,
  validEvent,
  wellFormedChar,
  withSchemaDefaults,
} from "./valid-events.js";

/** The package's default maxSize, stated here again: 1 MiB of UTF-8. */
export const MAX_SIZE = 1024 * 1024;

/** The longest issue message allowed: quotes are cut to about 80 characters, so a message stays at a few hundred. */
export const MESSAGE_LIMIT = 500;

/** The codes validation can give: all but illegal_transition, which only checkTransition gives. */
const VALIDATION_CODES: ReadonlySet<string> = new Set(ISSUE_CODES.filter((code) => code !== "illegal_transition"));

function fail(message: string): never {
  throw new Error(message);
}

/** What a call gave: the event, or the issues of the EventValidationError it threw. Anything else thrown fails. */
function outcome(call: () => unknown): { ok: true; event: unknown } | { ok: false; issues: ValidationIssue[] } {
  try {
    return { ok: true, event: call() };
  } catch (error) {
    if (error instanceof EventValidationError) return { ok: false, issues: error.issues };
    fail(`threw something other than EventValidationError: ${String(error)}`);
  }
}

/** Every issue is well formed: a JSON Pointer, a known code, a short well-formed message. */
export function checkIssues(issues: ValidationIssue[]): void {
  if (issues.length === 0) fail("an EventValidationError without issues");
  for (const issue of issues) {
    if (issue.path !== "" && !issue.path.startsWith("/")) fail(`issue path is not a JSON Pointer: ${issue.path}`);
    if (!VALIDATION_CODES.has(issue.code)) fail(`unknown issue code ${issue.code}`);
    if (typeof issue.message !== "string" || issue.message.length === 0) fail("issue without a message");
    if (issue.message.length > MESSAGE_LIMIT)
      fail(`issue message of ${issue.message.length} characters: ${issue.message.slice(0, 200)}…`);
    if (/\p{Cs}/u.test(issue.message)) fail(`issue message with a lone surrogate: ${JSON.stringify(issue.message)}`);
    if (issue.code === "json_syntax" && !(Number.isInteger(issue.line) && issue.line! >= 1 && issue.column! >= 1))
      fail(`json_syntax issue without a position: ${JSON.stringify(issue)}`);
  }
}

/**
 * Equal as JSON data: same own keys with equal values, numbers compared with === (so 0
 * and -0, which JSON.stringify writes alike, are equal), and both sides plain objects.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a === "number" || typeof b === "number") return a === b;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameJson(item, other[i]));
  }
  if (Object.getPrototypeOf(a) !== Object.prototype && Object.getPrototypeOf(a) !== null) return false;
  const keysA = Object.keys(a).sort();
  const keysB = Object.keys(b).sort();
  if (keysA.length !== keysB.length || keysA.some((key, i) => key !== keysB[i])) return false;
  return keysA.every((key) => sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** Counts runs, for the fuzz runner's progress line. */
export interface Counter {
  runs: number;
  onRun?: (runs: number) => void;
}

function count(counter?: Counter): void {
  if (counter === undefined) return;
  counter.runs++;
  counter.onRun?.(counter.runs);
}

// ---------------------------------------------------------------- valid events

/** Keys that are no field of any variant, for extra properties of valid events. */
const extraKey = fc
  .oneof(
    fc.constantFrom("__proto__", "constructor", "prototype", "toString", "x-trace", "", "a/b~c"),
    fc.string({ unit: wellFormedChar, maxLength: 10 }),
  )
  .filter((key) => !ALL_FIELD_NAMES.includes(key));

/** A value whose numbers JSON.stringify writes far from serde_json's limit (below 1e300), which near it rounds otherwise. */
function nearNoLimit(value: unknown): boolean {
  return !/e\+3[0-9][0-9]/.test(JSON.stringify(value));
}

/** Extra fields for a valid event: JSON values with well-formed strings, nested below the depth limit. */
const validExtras = fc.array(
  fc.tuple(extraKey, fc.jsonValue({ maxDepth: 4, stringUnit: wellFormedChar }).filter(nearNoLimit)),
  {
    minLength: 1,
    maxLength: 3,
  },
);

/**
 * Valid events of every variant, as values and as text (u64 values in exact digits too):
 * the independent check accepts them, and so does the package, giving back an equal event
 * with `error` filled in where the schema's default says. With extra fields, default mode
 * keeps them and strict mode refuses each with `additional_property`.
 */
export function validEventsProperty(counter?: Counter, seen?: Map<string, number>) {
  return fc.property(validEvent, fc.option(validExtras, { freq: 2 }), ({ variant, fields }, extras) => {
    count(counter);
    seen?.set(variant, (seen.get(variant) ?? 0) + 1);
    const value = eventValue(fields);
    const extraKeys = new Set<string>();
    for (const [key, extra] of extras ?? []) {
      if (BUNDLE_PROPERTIES[variant]!.includes(key)) continue;
      Object.defineProperty(value, key, { value: extra, enumerable: true, writable: true, configurable: true });
      extraKeys.add(key);
    }
    // As JSON.stringify writes it, and (without extras) with every u64 in exact digits. Not as
    // JSON.stringify writes 2^64 (a u64 near u64::MAX as a double): 18446744073709552000 is
    // past u64::MAX, and the engine refuses it as text.
    const stringified = JSON.stringify(value);
    const exact = eventText(fields);
    const texts = [
      ...(/:18446744073709552000[,}]/.test(stringified) ? [] : [stringified]),
      ...(extraKeys.size === 0 ? [exact] : []),
    ];
    const expected = withSchemaDefaults(value);

    // The generator makes only valid events: the independent check must agree.
    const independent = independentVerdict(value);
    if (independent !== null) fail(`the arbitrary made an invalid ${variant}: ${independent}`);
    if ((independentVerdict(value, true) === null) !== (extraKeys.size === 0))
      fail("independent strict verdict does not match the extra keys");

    const result = validateEvent(value, FUZZED);
    if (!result.ok) fail(`valid ${variant} refused: ${JSON.stringify(result.issues)}`);
    if (!sameJson(result.event, expected)) fail("validateEvent changed the event");
    const complete = Object.keys(SCHEMA_DEFAULTS[variant]!).every((key) => Object.hasOwn(value, key));
    if (isEvent(value, FUZZED) !== complete) fail(`isEvent gave ${!complete} for a valid ${variant}`);

    const strict = validateEvent(value, { ...FUZZED, strict: true });
    if (extraKeys.size === 0 && !strict.ok)
      fail(`strict mode refused a valid ${variant}: ${JSON.stringify(strict.issues)}`);
    if (extraKeys.size > 0) {
      if (strict.ok) fail("strict mode accepted unknown fields");
      const paths = strict.issues.map((issue) => `${issue.code} ${issue.path}`).sort();
      const want = [...extraKeys].map((key) => `additional_property /${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
      if (JSON.stringify(paths) !== JSON.stringify(want.sort()))
        fail(`strict issues ${JSON.stringify(paths)}, expected ${JSON.stringify(want)}`);
    }

    for (const text of texts) {
      const parsed = outcome(() => parseEvent(text, FUZZED));
      if (!parsed.ok) fail(`valid ${variant} text refused: ${JSON.stringify(parsed.issues)}`);
      if (Object.getPrototypeOf(parsed.event) !== Object.prototype) fail("result is not a plain object");
      if (!sameJson(parsed.event, expected))
        fail(`round trip changed the event:\n${JSON.stringify(parsed.event)}\n${JSON.stringify(expected)}`);
    }
  });
}

// ---------------------------------------------------------------- hostile text

/**
 * Hostile JSON text: parseEvent throws nothing but EventValidationError, with well-formed
 * issues; refuses a text over 1 MiB with `too_large` alone and broken JSON with
 * `json_syntax` alone; and otherwise accepts exactly what the independent check accepts,
 * giving back the parsed value with the schema's defaults.
 */
export function hostileTextProperty(counter?: Counter) {
  return fc.property(hostileText, fc.boolean(), (text, strict) => {
    count(counter);
    const got = outcome(() => parseEvent(text, { ...FUZZED, strict }));
    if (!got.ok) checkIssues(got.issues);
    if (Buffer.byteLength(text, "utf8") > MAX_SIZE) {
      if (got.ok || got.issues.length !== 1 || got.issues[0]!.code !== "too_large")
        fail(`a text of ${Buffer.byteLength(text, "utf8")} bytes was not refused as too_large`);
      return;
    }
    try {
      JSON.parse(text);
    } catch {
      if (got.ok || got.issues.length !== 1 || got.issues[0]!.code !== "json_syntax")
        fail(`text that JSON.parse refuses gave ${got.ok ? "an event" : JSON.stringify(got.issues)}`);
      return;
    }
    const verdict = independentTextVerdict(text, strict);
    if (got.ok && verdict !== null) fail(`accepted what the independent check refuses (${verdict})`);
    if (!got.ok && verdict === null) fail(`refused what the independent check accepts: ${JSON.stringify(got.issues)}`);
    if (got.ok) {
      if (!sameJson(got.event, withSchemaDefaults(engineReadValue(text) as Record<string, unknown>)))
        fail("the accepted event differs from its text");
    } else if (got.issues.some((issue) => issue.code === "too_large" || issue.code === "json_syntax")) {
      fail(`parsable text under the limit gave ${JSON.stringify(got.issues.map((issue) => issue.code))}`);
    }
  });
}

// ---------------------------------------------------------------- hostile values

/** The top level of a value as it was: own keys and what they hold, compared by identity. */
function snapshot(value: unknown): unknown[] {
  if (value === null || typeof value !== "object") return [value];
  try {
    return Reflect.ownKeys(value).flatMap((key) => [key, Object.getOwnPropertyDescriptor(value, key)?.value]);
  } catch {
    return [value]; // a Proxy that throws
  }
}

/**
 * Hostile already-parsed values, some not JSON data at all: validateEvent never throws,
 * parseEvent throws nothing but EventValidationError, the input is never changed, and the
 * package accepts exactly what the independent check accepts.
 */
export function hostileValueProperty(counter?: Counter) {
  return fc.property(hostileValue, fc.boolean(), (value, strict) => {
    count(counter);
    const before = snapshot(value);
    let result;
    try {
      result = validateEvent(value, { ...FUZZED, strict });
    } catch (error) {
      fail(`validateEvent threw ${String(error)}`);
    }
    const got = outcome(() => parseEvent(value, { ...FUZZED, strict }));
    if (got.ok !== result.ok) fail("validateEvent and parseEvent disagree");
    if (!got.ok) checkIssues(got.issues);
    const after = snapshot(value);
    if (before.length !== after.length || before.some((item, i) => !Object.is(item, after[i])))
      fail("the input was changed");
    const verdict = independentVerdict(value, strict);
    if (got.ok && verdict !== null) fail(`accepted what the independent check refuses (${verdict})`);
    if (!got.ok && verdict === null) fail(`refused what the independent check accepts: ${JSON.stringify(got.issues)}`);
    if (got.ok) {
      const input = value as Record<string, unknown>;
      if (!sameJson(got.event, withSchemaDefaults(input))) fail("the accepted event differs from the input");
      // The value itself when it lacks nothing; a copy (never the caller's object, written to) when a default is filled in.
      const complete = Object.keys(SCHEMA_DEFAULTS[input.type as string]!).every((key) => Object.hasOwn(input, key));
      if ((got.event === value) !== complete)
        fail(complete ? "a complete event was copied" : "the input itself was given a default");
    }
  });
}

export type FuzzPropertyName = "valid-events" | "hostile-text" | "hostile-values" | "kit-events" | "kit-near-misses";

/**
 * The properties by name, with the share of a fuzz run each gets. `perFormat` ones take the
 * engine version to fuzz (run.ts runs them for `--engine`, or for each modelled format in turn);
 * the others fuzz the seed's format (FUZZED_ENGINE), whose rules independent.ts restates.
 */
export const FUZZ_PROPERTIES: Record<
  FuzzPropertyName,
  { share: number; perFormat?: true; make: (counter?: Counter, engine?: string) => fc.IProperty<any> }
> = {
  "valid-events": { share: 0.2, make: (counter) => validEventsProperty(counter) },
  "hostile-text": { share: 0.4, make: hostileTextProperty },
  "hostile-values": { share: 0.3, make: hostileValueProperty },
  "kit-events": { share: 0.05, perFormat: true, make: (counter, engine) => kitEventsProperty(engine!, counter) },
  "kit-near-misses": {
    share: 0.05,
    perFormat: true,
    make: (counter, engine) => kitNearMissesProperty(engine!, counter),
  },
};
