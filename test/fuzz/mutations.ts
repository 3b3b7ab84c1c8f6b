// Arbitraries for hostile input: valid events with fields dropped, replaced or retyped,
// random JSON anywhere, strings with control characters, lone surrogates and huge lengths,
// extra keys (`__proto__`, `constructor`, `prototype` among them), deep nesting, numbers
// JSON.parse cannot hold, broken JSON text, and (for already parsed input) values that
// are not JSON data at all.
import fc from "fast-check";
import { VARIANT_NAMES } from "./independent.js";
import {
  ALL_FIELD_NAMES,
  anyChar,
  defineOwn,
  eventValue,
  ExactInteger,
  loneSurrogate,
  timestamp,
  uuid,
  validEvent,
  wellFormedChar,
} from "./valid-events.js";

/** A number written into the JSON text as it is: JSON.parse reads it as the nearest double (or Infinity). */
export class RawNumber {
  constructor(readonly text: string) {}
}

/** Tokens that JSON.parse reads in a way worth testing: overflow, -0, u64 and 2^96 edges, exponents. */
const RAW_NUMBERS = [
  "1e400",
  "-1e400",
  "1e309",
  "-0",
  "-0.0",
  "0e0",
  "1.0",
  "1e2",
  "1E-400",
  "9007199254740993",
  "18446744073709551615",
  "18446744073709551616",
  "18446744073709552641", // above 2^64 + 2^11: the first integer that reads as a double above 2^64
  "36893488147419103232",
  "79228162514264328797450928128", // 2^96 - 2^43, the largest cost the engine takes
  "79228162514264333195497439232", // 2^96 - 2^42, rounds to 2^96
  "-79228162514264333195497439231",
  "123456789012345678901234567890123456789",
];

/** Numbers a JavaScript value may hold, edges of the schema's ranges and beyond. */
const EDGE_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  1.5,
  -1e-300,
  2 ** 31,
  2 ** 53,
  2 ** 53 + 2,
  2 ** 64,
  2 ** 64 + 4096,
  2 ** 96,
  -(2 ** 96),
  2 ** 96 - 2 ** 43,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER,
];

/** Strings with control characters and lone surrogates, sometimes huge (beyond maxSize too). */
const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 30, arbitrary: fc.string({ unit: anyChar, maxLength: 30 }) },
  {
    weight: 5,
    arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 10 }),
  },
  {
    weight: 5,
    arbitrary: fc
      .tuple(
        fc.string({ unit: wellFormedChar, maxLength: 8 }),
        loneSurrogate,
        fc.string({ unit: wellFormedChar, maxLength: 8 }),
      )
      .map((p) => p.join("")),
  },
  {
    weight: 1,
    // 90,000 repeats of a 4-byte pair fit 1 MiB of text; 400,000 three-byte characters do not.
    arbitrary: fc
      .tuple(fc.constantFrom("x", "\u0001", "é", "€", "😀", "\ud800", '"'), fc.constantFrom(81, 5_000, 90_000, 400_000))
      .map(([c, n]) => c.repeat(n)),
  },
);

/** Near misses of the formats: spellings the engine also reads, or almost reads, and the schema refuses. */
const nearMissFormat: fc.Arbitrary<string> = fc.oneof(
  uuid.map((u) => `{${u}}`),
  uuid.map((u) => `urn:uuid:${u}`),
  uuid.map((u) => u.replace(/-/g, "")),
  uuid.map((u) => `${u} `),
  uuid.map((u) => `${u}\n`), // `$` in Python and Java regexes matches before a final newline
  timestamp.map((t) => `${t}\n`),
  uuid.map((u) => u.slice(0, 35) + "g"),
  uuid.map((u) => u.slice(1)),
  timestamp.map((t) => t.replace("T", " ")),
  timestamp.map((t) => t.replace("T", "t")),
  timestamp.map((t) => t.replace("Z", "z")),
  timestamp.map((t) => t.replace(/([+-]\d\d):(\d\d)$/, "$1$2")),
  timestamp.map((t) => `+${t}`),
  timestamp.map((t) => t.replace(/\.\d+/, ".")),
  timestamp.map((t) => t.slice(0, 19)),
  fc.constantFrom(
    "2023-02-29T00:00:00Z",
    "1900-02-29T00:00:00Z",
    "2000-02-29T24:00:00Z",
    "2000-01-01T00:60:00Z",
    "2000-01-01T00:00:61Z",
    "2000-04-31T00:00:00Z",
    "2000-01-01T00:00:00+24:00",
    "2000-01-01T00:00:00-00:60",
    "10000-01-01T00:00:00Z",
    "2000-1-01T00:00:00Z",
  ),
);

/** Enum values in the wrong case or spelling, and other variants' type names. */
const nearMissEnum: fc.Arbitrary<string> = fc.constantFrom(
  "PENDING",
  "Running",
  " completed",
  "awaiting-approval",
  "Stdout",
  "STDERR",
  "system ",
  "RunCreated",
  "run-created",
  "run_created ",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "",
  ...VARIANT_NAMES,
);

/** Containers nested `depth` deep around a leaf, arrays and objects alternating or not. */
const deepNest: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 120, max: 132 }), fc.constantFrom("array", "object", "mixed"))
  .map(([depth, kind]) => {
    let value: unknown = 0;
    for (let i = 0; i < depth; i++) {
      const asArray = kind === "array" || (kind === "mixed" && i % 2 === 0);
      if (asArray) value = [value];
      else {
        const holder = {};
        defineOwn(holder, i % 3 === 0 ? "__proto__" : "k", value);
        value = holder;
      }
    }
    return value;
  });

/** Any JSON value, keys and strings with lone surrogates and control characters included. */
const randomJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3, stringUnit: anyChar });

/** A value to put where a field was, or beside it. */
export const jsonReplacement: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: randomJson },
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_NUMBERS.filter((n) => !Object.is(n, -0))) },
  { weight: 2, arbitrary: fc.constantFrom(...RAW_NUMBERS).map((text) => new RawNumber(text)) },
  { weight: 3, arbitrary: nearMissFormat },
  { weight: 2, arbitrary: nearMissEnum },
  { weight: 2, arbitrary: uuid },
  { weight: 2, arbitrary: timestamp },
  { weight: 1, arbitrary: deepNest },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { type: "run_created" }) },
);

/** Keys to add: the ones that reach prototypes in careless code, other variants' fields, odd strings. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      "__proto__",
      "constructor",
      "prototype",
      "toString",
      "valueOf",
      "hasOwnProperty",
      "__defineGetter__",
      "isPrototypeOf",
      "",
      "~",
      "/",
      "a/b~c",
      "type ",
      "TYPE",
    ),
  },
  { weight: 3, arbitrary: fc.constantFrom(...ALL_FIELD_NAMES) },
  { weight: 3, arbitrary: fc.string({ unit: anyChar, maxLength: 12 }) },
);

/** One change to an event's fields, as a function applied to a copy. */
type Mutation = (fields: Record<string, unknown>) => void;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // drop a field (picked by position, so any field, `type` included)
  {
    weight: 3,
    arbitrary: fc.nat().map(
      (n): Mutation =>
        (f) =>
          void drop(f, n),
    ),
  },
  // replace a field's value
  {
    weight: 5,
    arbitrary: fc.tuple(fc.nat(), jsonReplacement).map(([n, value]): Mutation => (f) => {
      const key = pick(Object.keys(f), n);
      if (key !== undefined) defineOwn(f, key, value);
    }),
  },
  // retype a field: the same content as another JSON type
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.nat(), fc.constantFrom("string", "number", "boolean", "null", "array", "object"))
      .map(([n, kind]): Mutation => (f) => {
        const key = pick(Object.keys(f), n);
        if (key !== undefined) defineOwn(f, key, retype(f[key], kind));
      }),
  },
  // add a key (as an own property, even `__proto__`)
  {
    weight: 4,
    arbitrary: fc.tuple(hostileKey, jsonReplacement).map(
      ([key, value]): Mutation =>
        (f) =>
          defineOwn(f, key, value),
    ),
  },
  // change the type tag
  {
    weight: 2,
    arbitrary: fc.oneof(nearMissEnum, hostileString).map(
      (tag): Mutation =>
        (f) =>
          defineOwn(f, "type", tag),
    ),
  },
);

/** `arbitrary` with probability `p`, otherwise null. (fc.option's `freq` is the other way round: 1/freq is null.) */
export function sometimes<T>(arbitrary: fc.Arbitrary<T>, p: number): fc.Arbitrary<T | null> {
  const weight = Math.round(1 / p);
  return fc.oneof({ weight: weight - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });
}

function pick<T>(items: T[], n: number): T | undefined {
  return items.length === 0 ? undefined : items[n % items.length];
}

function drop(fields: Record<string, unknown>, n: number): void {
  const key = pick(Object.keys(fields), n);
  if (key !== undefined) delete fields[key];
}

function retype(value: unknown, kind: string): unknown {
  const plain = value instanceof ExactInteger ? value.value : value instanceof RawNumber ? value.text : value;
  switch (kind) {
    case "string":
      return typeof plain === "string" ? plain : (JSON.stringify(plain) ?? "");
    case "number":
      return typeof plain === "number" ? plain : Number.isFinite(Number(plain)) ? Number(plain) : 0;
    case "boolean":
      return Boolean(plain);
    case "null":
      return null;
    case "array":
      return [plain];
    default: {
      const holder = {};
      defineOwn(holder, "value", plain);
      return holder;
    }
  }
}

/** A mutated event: its top-level fields (which may hold RawNumbers and ExactIntegers), or a root that is no event object. */
export type MutatedEvent = { kind: "fields"; fields: Record<string, unknown> } | { kind: "root"; root: unknown };

/** Events with 1 to 3 mutations, or now and then a root that is no event object at all. */
export const mutatedEvent: fc.Arbitrary<MutatedEvent> = fc.oneof(
  {
    weight: 30,
    arbitrary: fc.tuple(validEvent, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([event, mutations]) => {
      const fields: Record<string, unknown> = {};
      for (const key of Object.keys(event.fields)) defineOwn(fields, key, event.fields[key]);
      for (const apply of mutations) apply(fields);
      return { kind: "fields" as const, fields };
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        randomJson,
        hostileString,
        validEvent.map((e) => [eventValue(e.fields)]),
      )
      .map((root) => ({ kind: "root" as const, root })),
  },
);

// ---------------------------------------------------------------- as text

/** Ways to break the JSON text itself, applied now and then. */
const textDamage: fc.Arbitrary<(text: string) => string> = fc.oneof(
  fc.nat().map((n) => (t: string) => t.slice(0, n % (t.length + 1))), // cut short
  fc.tuple(fc.nat(), anyChar).map(
    ([n, c]) =>
      (t: string) =>
        t.slice(0, n % (t.length + 1)) + c + t.slice(n % (t.length + 1)),
  ),
  fc.nat().map((n) => (t: string) => t.slice(0, n % (t.length + 1)) + t.slice((n % (t.length + 1)) + 1)), // drop a character
  fc.constantFrom(
    (t: string) => `\ufeff${t}`,
    (t: string) => ` \n\t${t}\r\n `,
    (t: string) => `${t},`,
    (t: string) => `${t}${t}`,
    (t: string) => t.replace(/,/, ",,"),
    (t: string) => t.replace(/"/, "'"),
  ),
);

/**
 * The JSON text of a mutated event: RawNumbers and ExactIntegers written as their digits.
 * With `raw`, strings are written with only what JSON requires escaped, so a lone surrogate
 * stands in the text as itself (JSON.parse takes it), where JSON.stringify would write
 * `\ud800`: text that did not come from a UTF-8 decoder, and sizes that count differently.
 */
export function mutatedText(event: MutatedEvent, raw = false): string {
  const write = raw ? rawJson : (value: unknown) => JSON.stringify(value) ?? "null";
  if (event.kind === "root") return write(event.root);
  const parts = Object.keys(event.fields).map((key) => {
    const value = event.fields[key];
    const text =
      value instanceof RawNumber ? value.text : value instanceof ExactInteger ? String(value.digits) : write(value);
    return `${write(key)}:${text}`;
  });
  return `{${parts.join(",")}}`;
}

/** JSON text with strings escaped only where JSON requires it (quote, backslash, control characters). */
export function rawJson(value: unknown): string {
  if (typeof value === "string")
    return `"${value.replace(/["\\\u0000-\u001f]/g, (c) => (c === '"' || c === "\\" ? `\\${c}` : JSON.stringify(c).slice(1, -1)))}"`;
  if (Array.isArray(value)) return `[${value.map(rawJson).join(",")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.keys(value)
      .map((key) => `${rawJson(key)}:${rawJson((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  return JSON.stringify(value) ?? "null";
}

/** Mutated events as JSON text, a quarter with raw strings, an eighth with the text itself damaged. */
export const hostileText: fc.Arbitrary<string> = fc
  .tuple(mutatedEvent, fc.integer({ min: 0, max: 3 }), sometimes(textDamage, 1 / 8))
  .map(([event, rawPick, damage]) => {
    const text = mutatedText(event, rawPick === 0);
    return damage === null ? text : damage(text);
  });

// ---------------------------------------------------------------- as a parsed value

/** Deep copy with RawNumbers read as JSON.parse reads them and ExactIntegers as doubles; own keys kept. */
export function toValue(value: unknown): unknown {
  if (value instanceof RawNumber) return JSON.parse(value.text);
  if (value instanceof ExactInteger) return value.value;
  if (Array.isArray(value)) return value.map(toValue);
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const key of Object.keys(value)) defineOwn(out, key, toValue((value as Record<string, unknown>)[key]));
    return out;
  }
  return value;
}

/** Values no JSON text can give: for validateEvent and parseEvent on already parsed input. */
const notJsonData: fc.Arbitrary<unknown> = fc
  .constantFrom<() => unknown>(
    () => undefined,
    () => Number.NaN,
    () => Number.POSITIVE_INFINITY,
    () => Number.NEGATIVE_INFINITY,
    () => -0,
    () => 10n,
    () => Symbol("s"),
    () => () => "a function",
    () => new Date(0),
    () => new Map([["type", "run_created"]]),
    () => new Set([1]),
    () => /regex/,
    () => new Uint8Array(4),
    () => new String("boxed"),
    () => new Number(1),
    () => [, 1], // a hole
    () => Object.create(null) as object, // plain data without a prototype: valid
    () => new Error("boom"),
    () => Promise.resolve(1),
    () =>
      new Proxy(
        {},
        {
          get: () => {
            throw new Error("hostile proxy");
          },
        },
      ),
  )
  .map((make) => make());

/** Mutated events as already parsed values, with values that are not JSON data mixed in. */
export const hostileValue: fc.Arbitrary<unknown> = fc
  .tuple(mutatedEvent, sometimes(fc.tuple(fc.option(hostileKey), notJsonData, fc.nat()), 1 / 3))
  .map(([event, extra]) => {
    if (event.kind === "root") return toValue(event.root);
    const value = toValue(event.fields) as Record<string, unknown>;
    if (extra !== null) {
      const [key, odd, n] = extra;
      // replace a field (key null) or add one; the odd value sits at the top or one level down
      const target = key ?? pick(Object.keys(value), n) ?? "extra";
      defineOwn(value, target, n % 3 === 0 ? [odd] : odd);
    }
    return value;
  });
