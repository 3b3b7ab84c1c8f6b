// The cheap case of the look at an integer's spelling (integer-spelling.ts), for an event as the
// engine writes it: its only integer field (`duration_ms`, `count`) is found where the engine
// puts it, read back from the closing brace over the fields written after it, and checked there
// with one sticky regular expression: no search of the text, and no loop over characters in
// JavaScript, where each character costs a few nanoseconds. Anything else (another layout,
// spaces, escapes, a map with keys) answers false, and the caller searches as before.
import { isNumberCharacter } from "../engine-text/json-text.js";
/**
 * A field the engine writes after an event's only integer field (scripts/generate/integer-tails.ts
 * lists them from the schemas, in the engine's order). `kind` says how its value is written:
 * "text", a string that needs no escape (a UUID, a timestamp, a plain enum value); "number";
 * "record", a map of strings (read back over only when empty). Any of them may be null.
 */
export interface FieldAfter {
  readonly name: string;
  readonly kind: "text" | "number" | "record";
}

/** The look at one variant's only integer field, made once (integerAtEnd). */
export interface IntegerAtEnd {
  /**
   * Sticky: `,` or `{`, the quoted key, `:`, fewer digits than the maximum or the maximum itself,
   * then `,` or `}` (an integer as long as the maximum but below it is left to the search).
   */
  readonly pattern: RegExp;
  /** The quoted key. */
  readonly key: string;
  /** The fields written after it. */
  readonly after: readonly FieldAfter[];
}

/**
 * The look at an integer field `key` (quoted: `"duration_ms"`) of at most `max` (digits), with
 * `after` the fields the engine writes after it.
 * @example
 * const look = integerAtEnd('"duration_ms"', "18446744073709551615", [{ name: "at", kind: "text" }]);
 */
export function integerAtEnd(key: string, max: string, after: readonly FieldAfter[]): IntegerAtEnd {
  // The generator gives a quoted field name of letters and `_`, and a maximum in digits (integer-tails.ts).
  const pattern = new RegExp(`[,{]${key}:(?:[0-9]{1,${max.length - 1}}|${max})[,}]`, "y");
  return { pattern, key, after };
}

/**
 * True when the text of `event` (which JSON.parse made of it, and which passed the checks of its
 * value) writes its integer field, whose value is `value`, as plain digits of at most the
 * field's maximum, where the engine writes it. False says nothing either way: then search.
 *
 * Sound whatever the text: the quote after `,` or `{` opens a string (a closing one would leave
 * the name's letters outside any string, which JSON.parse refuses), so `"<key>":` there is a
 * key; the value checks admit a number under that name only as the event's own field; and the
 * digits are as many as `value` has, so they are its spelling (but for a duplicate of the key,
 * the class docs/wire-format.md leaves open).
 * @example
 * integerSpelledAtEnd('{"duration_ms":5,"at":"2026-01-01T00:00:00Z"}', { duration_ms: 5, at: "2026-01-01T00:00:00Z" }, 5, look); // true
 */
export function integerSpelledAtEnd(text: string, event: object, value: number, look: IntegerAtEnd): boolean {
  const end = engineEnd(text, event, look.after);
  const from = end - digitsOf(value) - look.key.length - 2; // the `,` or `{` before the key
  if (from < 0) return false; // (a lastIndex below 0 would be read as 0)
  const pattern = look.pattern;
  pattern.lastIndex = from;
  // One call of a compiled pattern: in JavaScript each character costs a few nanoseconds.
  return pattern.test(text) && pattern.lastIndex === end + 1;
}

/**
 * Where the engine ends the integer's digits in `text`: the closing brace, less each field
 * written after it (`,"name":` and its value; an absent field is not written). -1 when a value's
 * length cannot be told: a string that is not "text", a map with keys.
 */
function engineEnd(text: string, event: object, after: readonly FieldAfter[]): number {
  let end = text.length - 1;
  for (let i = after.length - 1; i >= 0 && end > 0; i--) {
    const field = after[i]!;
    const value = (event as Record<string, unknown>)[field.name];
    if (value === undefined) continue; // not written: a field the engine defaults
    let start: number;
    if (value === null) start = end - 4;
    else if (typeof value === "string") start = field.kind === "text" ? end - value.length - 2 : -1;
    else if (typeof value === "number") {
      start = end;
      while (start > 0 && isNumberCharacter(text.charCodeAt(start - 1))) start--;
    } else start = isEmptyRecord(value) ? end - 2 : -1;
    end = start - field.name.length - 4; // `,"name":` before the value
  }
  return end;
}

/**
 * How many digits a non-negative integer `value` has when written plainly. For the number
 * JSON.parse read from a text integer of n digits this is n, or n + 1 where it rounded up to a
 * power of ten (9999999999999999999 reads as 1e19): then the look finds no match and the
 * search decides.
 */
function digitsOf(value: number): number {
  if (value < 1e4) return value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : 4;
  if (value < 1e8) return value < 1e5 ? 5 : value < 1e6 ? 6 : value < 1e7 ? 7 : 8;
  let digits = 9;
  for (let power = 1e9; power <= value && digits < 23; power *= 10) digits++;
  return digits;
}

function isEmptyRecord(value: object): boolean {
  for (const _ in value) return false;
  return true;
}
