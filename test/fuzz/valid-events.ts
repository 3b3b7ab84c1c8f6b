// Arbitraries for valid events, derived from generated/schema.json by a small
// schema-to-arbitrary function that knows exactly the keywords the schemas use (and
// refuses any other, so that a new keyword cannot be silently ignored). Strings come
// out as well-formed Unicode: the rules beyond the schema are part of what "valid" means.
import fc from "fast-check";
import { BUNDLE, VARIANT_NAMES } from "./independent.js";

type Schema = Record<string, any>;

// ---------------------------------------------------------------- characters and strings

const fromCode = (c: number) => String.fromCharCode(c);

/** One well-formed character, biased to the ones that matter to JSON and to UTF-8 sizes. */
export const wellFormedChar: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map(fromCode) },
  { weight: 2, arbitrary: fc.integer({ min: 0x00, max: 0x1f }).map(fromCode) }, // control characters
  { weight: 1, arbitrary: fc.integer({ min: 0x7f, max: 0x9f }).map(fromCode) }, // DEL and C1 controls
  { weight: 2, arbitrary: fc.constantFrom('"', "\\", "/", "\u2028", "\u2029", "\ufeff", "\ufffd", "\uffff", "\u0000") },
  // the rest of the BMP, surrogates excluded
  {
    weight: 2,
    arbitrary: fc.integer({ min: 0xa0, max: 0xffff - 0x800 }).map((c) => fromCode(c < 0xd800 ? c : c + 0x800)),
  },
  { weight: 2, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)) }, // a surrogate pair
);

/** One UTF-16 code unit that is half of a surrogate pair, on its own. */
export const loneSurrogate: fc.Arbitrary<string> = fc.integer({ min: 0xd800, max: 0xdfff }).map(fromCode);

/** Any character, a lone surrogate now and then. */
export const anyChar: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: wellFormedChar },
  { weight: 1, arbitrary: loneSurrogate },
);

/** Long strings: one character repeated, up to a few hundred kilobytes of UTF-8. */
function longString(char: fc.Arbitrary<string>, lengths: number[]): fc.Arbitrary<string> {
  return fc.tuple(char, fc.constantFrom(...lengths)).map(([c, n]) => c.repeat(n));
}

/** A well-formed string: mostly short, sometimes empty, rarely tens of thousands of characters. */
export const wellFormedString: fc.Arbitrary<string> = fc.oneof(
  { weight: 40, arbitrary: fc.string({ unit: wellFormedChar, maxLength: 24 }) },
  { weight: 1, arbitrary: longString(wellFormedChar, [81, 1000, 30_000]) },
);

// ---------------------------------------------------------------- formats

/** A hex digit of either case: the uuid pattern takes both. */
const hexDigit = fc.constantFrom(..."0123456789abcdefABCDEF");
const hexRun = (n: number) => fc.string({ unit: hexDigit, minLength: n, maxLength: n });

/** `format: uuid` with the schema's pattern: 8-4-4-4-12 hex digits, hyphenated, either case. */
export const uuid: fc.Arbitrary<string> = fc
  .tuple(hexRun(8), hexRun(4), hexRun(4), hexRun(4), hexRun(12))
  .map((parts) => parts.join("-"));

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const daysIn = (y: number, m: number) => (m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

/**
 * `format: date-time` with the schema's pattern: any existing date of years 0000-9999
 * (leap days included), second 60 at any time, a fraction of 0 to 12 digits, `Z` or an
 * offset. Edge years and days are drawn often.
 */
export const timestamp: fc.Arbitrary<string> = fc
  .record({
    year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 1900, 2000, 2024, 2100, 9999)),
    month: fc.integer({ min: 1, max: 12 }),
    dayPick: fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)), // MAX picks the last day of the month
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 60 }),
    fraction: fc.oneof(
      fc.constant(""),
      fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 12 }),
    ),
    zone: fc.oneof(
      { weight: 3, arbitrary: fc.constant("Z") },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom("+", "-"), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
          .map(([sign, h, m]) => `${sign}${pad(h, 2)}:${pad(m, 2)}`),
      },
    ),
  })
  .map(({ year, month, dayPick, hour, minute, second, fraction, zone }) => {
    const days = daysIn(year, month);
    const day = dayPick === Number.MAX_SAFE_INTEGER ? days : (dayPick % days) + 1;
    const frac = fraction === "" ? "" : `.${fraction}`;
    return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${frac}${zone}`;
  });

/**
 * An integer the wire carries in digits that a double may not hold exactly (a u64 above
 * 2^53): the event holds the nearest double, the exact text holds the digits.
 */
export class ExactInteger {
  constructor(readonly digits: bigint) {}
  get value(): number {
    return Number(this.digits); // rounds to nearest, ties to even, as JSON.parse does
  }
}

const U64_MAX = 2n ** 64n - 1n;

/** `format: uint64`: 0 to 2^64 - 1, with the edges around 2^53 and 2^64 often. */
export const uint64: fc.Arbitrary<ExactInteger> = fc
  .oneof(
    { weight: 3, arbitrary: fc.bigInt({ min: 0n, max: U64_MAX }) },
    { weight: 3, arbitrary: fc.bigInt({ min: 0n, max: 2n ** 32n }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        0n,
        1n,
        2n ** 53n - 1n,
        2n ** 53n,
        2n ** 53n + 1n,
        U64_MAX - 1024n,
        U64_MAX - 1n,
        U64_MAX,
      ),
    },
  )
  .map((n) => new ExactInteger(n));

const FORMATS: Record<string, fc.Arbitrary<unknown>> = { uuid, "date-time": timestamp, uint64 };

// ---------------------------------------------------------------- schema -> arbitrary

/** Keywords that only describe. */
const ANNOTATIONS = new Set(["title", "description", "examples", "default", "$comment", "x-order"]);
/** Keywords this function turns into arbitraries; anything else is refused. */
const HANDLED = new Set([
  "$ref",
  "const",
  "enum",
  "anyOf",
  "format",
  "pattern",
  "type",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "properties",
  "required",
  "x-engine-json",
  "not",
]);

function resolve(ref: string, root: Schema): Schema {
  if (!ref.startsWith("#/")) throw new Error(`unsupported $ref ${ref}`);
  return ref
    .slice(2)
    .split("/")
    .reduce((node: any, part) => node[part], root);
}

/** A fast-check arbitrary for the values `schema` accepts (and the rules beyond it). */
export function arbitraryFor(schema: Schema, root: Schema = BUNDLE, where = "#"): fc.Arbitrary<unknown> {
  for (const key of Object.keys(schema))
    if (!HANDLED.has(key) && !ANNOTATIONS.has(key)) throw new Error(`${where}: keyword "${key}" has no arbitrary`);
  if (schema.not !== undefined) {
    // Only `not: { pattern }` is understood (a string the pattern matches is left out);
    // anything else inside `not` is refused like an unknown keyword.
    const { not, ...rest } = schema;
    const inner = Object.keys(not).filter((key) => !ANNOTATIONS.has(key));
    if (inner.length !== 1 || inner[0] !== "pattern")
      throw new Error(`${where}/not: only { pattern } has an arbitrary`);
    const forbidden = new RegExp(not.pattern, "u");
    return arbitraryFor(rest, root, where).filter((value) => typeof value !== "string" || !forbidden.test(value));
  }
  if (schema.$ref !== undefined) {
    const siblings = Object.keys(schema).filter((key) => key !== "$ref" && !ANNOTATIONS.has(key));
    if (siblings.length > 0) throw new Error(`${where}: $ref beside ${siblings.join(", ")}`);
    return arbitraryFor(resolve(schema.$ref, root), root, schema.$ref);
  }
  if ("const" in schema) return fc.constant(schema.const);
  if (schema.enum !== undefined) return fc.constantFrom(...(schema.enum as unknown[]));
  if (schema.anyOf !== undefined)
    return fc.oneof(
      ...(schema.anyOf as Schema[]).map((branch, i) => arbitraryFor(branch, root, `${where}/anyOf/${i}`)),
    );
  if (schema.format !== undefined) {
    // A pattern beside a format is what the format arbitrary is written to (the tests check
    // every generated value against the real schema, pattern included).
    const arbitrary = FORMATS[schema.format];
    if (arbitrary === undefined) throw new Error(`${where}: format "${schema.format}" has no arbitrary`);
    return arbitrary;
  }
  if (schema.pattern !== undefined) throw new Error(`${where}: a pattern without a format has no arbitrary`);
  const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length > 1) return fc.oneof(...types.map((type) => arbitraryFor({ ...schema, type }, root, where)));
  switch (types[0]) {
    case "string":
      return wellFormedString;
    case "null":
      return fc.constant(null);
    case "number":
      return numberArbitrary(schema);
    case "integer":
      return fc.integer({ min: schema.minimum ?? -(2 ** 31), max: schema.maximum ?? 2 ** 31 });
    case "object":
      return objectArbitrary(schema, root, where);
    default:
      throw new Error(`${where}: type ${JSON.stringify(schema.type)} has no arbitrary`);
  }
}

/** Finite doubles within the schema's bounds, exclusive ones excluded, edges included. */
function numberArbitrary(schema: Schema): fc.Arbitrary<number> {
  const min = schema.exclusiveMinimum ?? schema.minimum ?? -Number.MAX_VALUE;
  const max = schema.exclusiveMaximum ?? schema.maximum ?? Number.MAX_VALUE;
  const minExcluded = schema.exclusiveMinimum !== undefined;
  const maxExcluded = schema.exclusiveMaximum !== undefined;
  const inside = (x: number) => (minExcluded ? x > min : x >= min) && (maxExcluded ? x < max : x <= max);
  const edges = [0, -0, 0.1, 1, -1, 0.42, 1e-300, Number.MIN_VALUE, 2 ** 53, 2 ** 53 + 2, min, max];
  if (max > 0) edges.push(nextDown(max)); // 2^96 - 2^43 for usd-cost: the largest cost the engine takes
  if (min < 0) edges.push(-nextDown(-min));
  return fc.oneof(
    { weight: 4, arbitrary: fc.double({ min, max, minExcluded, maxExcluded, noNaN: true, noDefaultInfinity: true }) },
    { weight: 1, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }).map((cents) => cents / 100) },
    { weight: 1, arbitrary: fc.constantFrom(...edges.filter(inside)) },
  );
}

/** The largest double below a positive `x`. */
function nextDown(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) - 1n);
  return view.getFloat64(0);
}

function objectArbitrary(schema: Schema, root: Schema, where: string): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, sub] of Object.entries(properties))
    model[name] = arbitraryFor(sub, root, `${where}/properties/${name}`);
  return fc.record(model, { requiredKeys: (schema.required ?? []) as string[] });
}

// ---------------------------------------------------------------- events

/** A valid event as generated: its fields, with u64 values still exact. */
export interface GeneratedEvent {
  variant: string;
  /** Top-level fields; a u64 is an ExactInteger here. */
  fields: Record<string, unknown>;
}

/** Valid events, the 12 variants equally often. */
export const validEvent: fc.Arbitrary<GeneratedEvent> = fc.oneof(
  ...VARIANT_NAMES.map((variant) =>
    (arbitraryFor(BUNDLE.$defs[variant], BUNDLE, `#/$defs/${variant}`) as fc.Arbitrary<Record<string, unknown>>).map(
      (fields) => ({ variant, fields }),
    ),
  ),
);

/** The event as a JavaScript value: a u64 becomes the double JSON.parse would give. */
export function eventValue(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    defineOwn(out, key, value instanceof ExactInteger ? value.value : value);
  }
  return out;
}

/** The event as the engine would write it: a u64 in exact digits. */
export function eventText(fields: Record<string, unknown>): string {
  const parts = Object.keys(fields).map((key) => {
    const value = fields[key];
    return `${JSON.stringify(key)}:${value instanceof ExactInteger ? value.digits.toString() : JSON.stringify(value)}`;
  });
  return `{${parts.join(",")}}`;
}

/** The property defaults the schema declares (`error: null`), by variant. */
export const SCHEMA_DEFAULTS: Record<string, Record<string, unknown>> = Object.fromEntries(
  VARIANT_NAMES.map((variant) => {
    const properties = BUNDLE.$defs[variant].properties as Record<string, Schema>;
    const defaults = Object.entries(properties).filter(([, sub]) => "default" in sub);
    return [variant, Object.fromEntries(defaults.map(([name, sub]) => [name, sub.default]))];
  }),
);

/** `value` with the schema's defaults filled in where a field is absent (a copy, own keys kept). */
export function withSchemaDefaults(value: Record<string, unknown>): Record<string, unknown> {
  const defaults = SCHEMA_DEFAULTS[value.type as string] ?? {};
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) defineOwn(out, key, value[key]);
  for (const [key, fallback] of Object.entries(defaults))
    if (!Object.prototype.hasOwnProperty.call(value, key)) defineOwn(out, key, fallback);
  return out;
}

/** Sets an own enumerable data property, even for "__proto__" (plain assignment would set the prototype). */
export function defineOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Each variant's field names. */
export const BUNDLE_PROPERTIES: Record<string, string[]> = Object.fromEntries(
  VARIANT_NAMES.map((variant) => [variant, Object.keys(BUNDLE.$defs[variant].properties)]),
);

/** The names of every field any variant has. */
export const ALL_FIELD_NAMES: string[] = [
  ...new Set(VARIANT_NAMES.flatMap((variant) => Object.keys(BUNDLE.$defs[variant].properties))),
];
