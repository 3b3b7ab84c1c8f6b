// The independent check the property tests hold the package against: Ajv compiled at run
// time from generated/schema.json (not the package's ahead-of-time validators), plus the
// rules the schema cannot state (README "Rules beyond the schema"), written here again
// from their description. Nothing is imported from src/: a mistake there must not be
// repeated here.
import { readFileSync } from "node:fs";
import Ajv2020Import from "ajv/dist/2020.js";
import addFormatsImport from "ajv-formats";

// Both packages are CommonJS; take the class and the plugin whichever way the loader hands them over.
const Ajv2020 = ((Ajv2020Import as any).default ?? Ajv2020Import) as typeof import("ajv/dist/2020.js").default;
const addFormats = ((addFormatsImport as any).default ?? addFormatsImport) as typeof import("ajv-formats").default;

type Schema = Record<string, any>;

/**
 * The engine format fuzzed: the seed's (2.14.x–2.19.x), whose bundle and rules this file
 * restates. The newer formats' objects, maps, arrays and counts are not restated here yet:
 * their verdicts are held to the engine's on the vectors of test/vectors/<format>/.
 */
export const FUZZED_ENGINE = "2.14";

/** The bundled schema of the fuzzed format, as JSON.parse reads it (its u64 and 2^96 bounds become doubles). */
export const BUNDLE: Schema = JSON.parse(
  readFileSync(new URL(`../../generated/formats/${FUZZED_ENGINE}/schema.json`, import.meta.url), "utf8"),
);

/** The variants' definitions, in the bundle's `oneOf` order. */
export const VARIANT_NAMES: string[] = BUNDLE.oneOf.map((branch: { $ref: string }) => branch.$ref.split("/").pop()!);

/** The bundle with `additionalProperties: false` on every variant: what strict mode means. */
function strictBundle(bundle: Schema): Schema {
  const copy = structuredClone(bundle); // compiled in its own Ajv instance, so the $id may stay
  for (const name of VARIANT_NAMES) copy.$defs[name].additionalProperties = false;
  return copy;
}

/** Rust's u64 as serde_json reads it: an integer from 0 to 2^64 - 1 (2^64 as a double), and not -0, which serde_json reads as a float. */
function isUint64(x: number): boolean {
  return Number.isInteger(x) && x >= 0 && x <= 2 ** 64 && !Object.is(x, -0);
}

function compile(schema: Schema) {
  const ajv = new Ajv2020({ strict: true, discriminator: true, allErrors: false });
  // The project's keywords are annotations here: x-engine-json's rules are checked below.
  ajv.addKeyword({ keyword: "x-order", schemaType: "number" });
  ajv.addKeyword({ keyword: "x-engine-json", schemaType: "boolean" });
  // ajv-formats' `date-time` takes a leap second (:60) only at 23:59 UTC, while the engine
  // (chrono) reads second 60 at any time of day. The timestamp schema's `pattern` states the
  // engine's full rule, syntax and calendar, so date-time is left to that pattern here and
  // the format itself accepts everything. `uuid` comes from ajv-formats (it would also take
  // a `urn:uuid:` prefix, which the schema's pattern refuses).
  addFormats(ajv, { mode: "full", formats: ["uuid"] });
  ajv.addFormat("date-time", true);
  ajv.addFormat("uint64", { type: "number", validate: isUint64 });
  return ajv.compile(schema);
}

const validateDefault = compile(BUNDLE);
const validateStrict = compile(strictBundle(BUNDLE));

/** serde_json's recursion limit: 127 nested containers pass, the root object included. */
export const MAX_DEPTH = 127;

/** A lone surrogate: with the `u` flag a well-formed pair is one code point, never a `Cs` match. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Why `value` breaks a rule beyond the schema, or null: every string and key well-formed
 * Unicode, every number finite, nesting at most MAX_DEPTH, and nothing but JSON data:
 * no undefined, bigint, symbol or function, and no object but arrays without holes and
 * plain objects (prototype Object.prototype or null) whose own string keys are all
 * enumerable data properties, so that the value is exactly what JSON.stringify would write.
 */
export function ruleViolation(value: unknown, depth = 1): string | null {
  switch (typeof value) {
    case "string":
      return LONE_SURROGATE.test(value) ? "lone surrogate" : null;
    case "number":
      return Number.isFinite(value) ? null : "not finite";
    case "boolean":
      return null;
    case "object": {
      if (value === null) return null;
      if (depth > MAX_DEPTH) return "too deep";
      const proto = Object.getPrototypeOf(value);
      if (Array.isArray(value)) {
        if (proto !== Array.prototype) return "not an ordinary array";
        for (let i = 0; i < value.length; i++) {
          if (!Object.prototype.hasOwnProperty.call(value, i)) return "array hole";
          const bad = ruleViolation(value[i], depth + 1);
          if (bad !== null) return bad;
        }
        return null;
      }
      if (proto !== Object.prototype && proto !== null) return "not a plain object";
      for (const key of Object.getOwnPropertyNames(value)) {
        if (LONE_SURROGATE.test(key)) return "lone surrogate in a key";
        const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
        if (!descriptor.enumerable || !("value" in descriptor)) return "not a data property";
        const bad = ruleViolation(descriptor.value, depth + 1);
        if (bad !== null) return bad;
      }
      return null;
    }
    default:
      return `not JSON data (${typeof value})`;
  }
}

/** The independent verdict: null when `value` is a valid event, otherwise why not. */
export function independentVerdict(value: unknown, strict = false): string | null {
  const bad = ruleViolation(value);
  if (bad !== null) return bad;
  const validate = strict ? validateStrict : validateDefault;
  if (validate(value)) return null;
  const [error] = validate.errors ?? [];
  return `schema: ${error?.instancePath || "(root)"} ${error?.message ?? "invalid"}`;
}

/** True when the independent check accepts `value` as an event. */
export function independentAccepts(value: unknown, strict = false): boolean {
  return independentVerdict(value, strict) === null;
}

/**
 * Text the engine reads differently from JSON.parse, restated from the engine's verdicts
 * (ironflow-oracle) for what the fuzzer writes: `duration_ms` only as digits up to
 * u64::MAX (the engine reads `1.0`, `1e2` or `-0.0` as a float and refuses it), and the one
 * `cost_usd` spelling of test/fuzz/mutations.ts that serde_json reads as another double than
 * JSON.parse with another verdict: 2^96 - 2^42, which JSON.parse rounds to 2^96 and serde_json,
 * dropping its digits past 19, reads as 2^96 - 2^43. Top-level fields found by pattern: the
 * fuzzer's strings never spell `"duration_ms":` followed by a number.
 */
const ENGINE_READS_OTHERWISE: Record<string, number> = {
  "79228162514264333195497439232": 79228162514264328797450928128,
};
const U64_MAX = 18446744073709551615n;

/** True when `value` is an object whose `type` names a variant with `field` (elsewhere it is an unknown field). */
function variantHas(value: unknown, field: string): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const type = (value as { type?: unknown }).type;
  const variant = VARIANT_NAMES.map((name) => BUNDLE.$defs[name]).find((def) => def.properties?.type?.const === type);
  return variant !== undefined && Object.hasOwn(variant.properties, field);
}

/** JSON text parsed, with the numbers read as the engine reads them where that differs (see above). */
export function engineReadValue(text: string): unknown {
  const value = JSON.parse(text) as unknown;
  if (!variantHas(value, "cost_usd")) return value;
  for (const [, token] of text.matchAll(/"cost_usd"\s*:\s*(-?[0-9][0-9.eE+-]*)/g)) {
    const engine = ENGINE_READS_OTHERWISE[token!.replace(/^-/, "")];
    if (engine !== undefined) (value as Record<string, unknown>).cost_usd = token!.startsWith("-") ? -engine : engine;
  }
  return value;
}

/** The independent verdict on JSON text: that of engineReadValue, after the text's own rules above. */
export function independentTextVerdict(text: string, strict = false): string | null {
  const durations = variantHas(JSON.parse(text), "duration_ms") ? text.matchAll(/"duration_ms"\s*:\s*(-?[0-9][0-9.eE+-]*)/g) : [];
  for (const [, token] of durations) {
    if (/[.eE]/.test(token!)) return `duration_ms written as a float (${token})`;
    if (!token!.startsWith("-") && BigInt(token!) > U64_MAX) return `duration_ms past u64::MAX (${token})`;
  }
  return independentVerdict(engineReadValue(text), strict);
}
