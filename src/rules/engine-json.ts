/**
 * Rules the engine's JSON reader applies to a whole event, which JSON Schema cannot state
 * (the `x-engine-json` keyword of every variant schema):
 *
 * - every string, keys included and at any depth, is valid Unicode: serde_json refuses a
 *   lone surrogate such as "\ud800", even in a field the engine then ignores, because an
 *   internally tagged enum buffers every field before it looks at the tag;
 * - every number is finite: serde_json refuses a number it cannot hold (`1e400`), which
 *   `JSON.parse` would turn into Infinity;
 * - containers nest at most 127 deep, the root object included (serde_json's recursion limit);
 * - every value is JSON data (for values that did not come from `JSON.parse`): no undefined,
 *   functions, symbols, bigints, or objects other than plain objects and arrays.
 */

/** serde_json starts with 128 levels and fails when it reaches 0, so 127 levels pass. */
export const MAX_NESTING_DEPTH = 127;

type EngineJsonRule = "invalid_unicode" | "non_finite" | "too_deep" | "not_json";

export interface EngineJsonViolation {
  /** JSON Pointer of the offending value (for a key: of the property it names). */
  path: string;
  rule: EngineJsonRule;
  /** What was found, for the message. */
  found: unknown;
}

/**
 * Stop collecting after this many violations: one bad event must not cost unbounded time or memory.
 * @example
 * engineJsonViolations(new Array(1000).fill("\ud800"))!.length === MAX_VIOLATIONS; // true
 */
export const MAX_VIOLATIONS = 20;

const hasOwn = Object.prototype.hasOwnProperty;
const objectProto = Object.prototype;

/** How many times engineJsonViolations has run: see fullWalks. */
let walks = 0;

/**
 * How many times the full walk (engineJsonViolations) has run in this process. The generated
 * validators call it only for a value their fast path cannot vouch for: an object with keys
 * beyond its variant's fields, or a value that fails. The text path reads this around a check,
 * and a change tells it that the event holds unknown fields, whose text it then reads in full
 * (src/engine-text/), at no cost to an event as the engine writes it.
 * @example
 * const before = fullWalks();
 * validate(value);
 * const hadUnknownFields = fullWalks() !== before;
 */
export function fullWalks(): number {
  return walks;
}

/**
 * `null` when `value` satisfies every rule (the common case: no allocation), otherwise the
 * violations found, in document order.
 */
export function engineJsonViolations(value: unknown): EngineJsonViolation[] | null {
  walks++;
  if (isEngineJson(value, 1)) return null;
  const out: EngineJsonViolation[] = [];
  collect(value, "", 1, out);
  return out.length > 0 ? out : null;
}

/**
 * For the fast paths (walk-plan.ts, and the generated one of scripts/generate/fast-path.ts): true when `value` is
 * an object that the walk accepts as a JSON object (a plain object, of any realm).
 * @example
 * isPlainRecord({}); // true
 * isPlainRecord(new Map()); // false
 */
export function isPlainRecord(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value) && isPlainObject(value);
}

/**
 * The fast path: a plain boolean walk, no paths built, nothing allocated. Objects get a loop
 * of their own that checks the common members (strings, numbers) in place, so that an
 * event's flat fields cost no call beyond the native well-formedness check.
 */
function isEngineJson(value: unknown, depth: number): boolean {
  if (typeof value === "string") return isWellFormed(value);
  if (typeof value === "number") return value - value === 0; // false for NaN and ±Infinity
  if (typeof value === "boolean" || value === null) return true;
  return typeof value === "object" && isEngineJsonContainer(value, depth);
}

function isEngineJsonContainer(value: object, depth: number): boolean {
  if (depth > MAX_NESTING_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isEngineJson(value[i], depth + 1)) return false;
    return true;
  }
  if (!isPlainObject(value)) return false;
  for (const key in value) {
    if (!hasOwn.call(value, key)) continue;
    const member = (value as Record<string, unknown>)[key];
    if (typeof member === "string") {
      if (!isWellFormed(member)) return false;
    } else if (typeof member === "number") {
      if (member - member !== 0) return false;
    } else if (!isEngineJson(member, depth + 1)) return false;
    if (!isWellFormed(key)) return false;
  }
  return true;
}

/** The slow path, taken only for a value that failed the fast one: records where and why. */
function collect(value: unknown, path: string, depth: number, out: EngineJsonViolation[]): void {
  if (out.length >= MAX_VIOLATIONS) return;
  switch (typeof value) {
    case "string":
      if (!isWellFormed(value)) out.push({ path, rule: "invalid_unicode", found: value });
      return;
    case "number":
      if (value - value !== 0) out.push({ path, rule: "non_finite", found: value });
      return;
    case "boolean":
      return;
    case "object": {
      if (value === null) return;
      if (depth > MAX_NESTING_DEPTH) {
        out.push({ path, rule: "too_deep", found: depth });
        return;
      }
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) collect(value[i], `${path}/${i}`, depth + 1, out);
        return;
      }
      if (!isPlainObject(value)) {
        out.push({ path, rule: "not_json", found: value });
        return;
      }
      for (const key in value) {
        if (!hasOwn.call(value, key)) continue;
        const child = `${path}/${escapePointer(key)}`;
        if (out.length >= MAX_VIOLATIONS) return;
        if (!isWellFormed(key)) out.push({ path: child, rule: "invalid_unicode", found: key });
        collect((value as Record<string, unknown>)[key], child, depth + 1, out);
      }
      return;
    }
    default:
      out.push({ path, rule: "not_json", found: value });
  }
}

const functionToString = Function.prototype.toString;
const objectSource = functionToString.call(Object);

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  if (proto === objectProto || proto === null) return true;
  // An object from another realm (a vm context, an iframe) has that realm's Object.prototype:
  // a prototype whose own prototype is null and whose constructor is a native Object.
  if (Object.getPrototypeOf(proto) !== null) return false; // a class instance, a Map, a Date...
  const ctor = (proto as { constructor?: unknown }).constructor;
  return typeof ctor === "function" && functionToString.call(ctor) === objectSource;
}

/** RFC 6901: `~` becomes `~0` and `/` becomes `~1`. */
export function escapePointer(key: string): string {
  return key.indexOf("~") === -1 && key.indexOf("/") === -1 ? key : key.replace(/~/g, "~0").replace(/\//g, "~1");
}

const nativeIsWellFormed = (String.prototype as { isWellFormed?: () => boolean }).isWellFormed;

/**
 * True when `s` has no lone surrogate. Native where the runtime has it (Node 20+, current
 * browsers), called as a method: a call through a wrapper costs as much as the check itself.
 * @example
 * isWellFormed("😀"); // true
 * isWellFormed("\ud800"); // false
 */
export const isWellFormed: (s: string) => boolean =
  typeof nativeIsWellFormed === "function"
    ? (s) => (s as unknown as WellFormedCheck).isWellFormed()
    : (s) => loneSurrogateIndex(s) === -1;

/** String.prototype.isWellFormed (ES2024), which the ES2022 lib of this project does not declare. */
interface WellFormedCheck {
  isWellFormed(): boolean;
}

/**
 * The index of the first lone surrogate in `s`, or -1 when it has none: the one scanner for
 * lone surrogates (isWellFormed without the native method, and the invalid_unicode message).
 * Of the loops tried, this one (skip all but surrogates with one comparison) was the fastest.
 */
export function loneSurrogateIndex(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c >= 0xdc00) return i; // a low surrogate with no high one before it
    const next = s.charCodeAt(i + 1); // NaN past the end
    if (!(next >= 0xdc00 && next <= 0xdfff)) return i;
    i++;
  }
  return -1;
}
