// The look at the text of an unsigned integer field (`duration_ms`, `count`, an approval's
// counts): whether the number under its key is written as the engine writes an integer. The
// pre-check of the text path (needs-scan.ts) makes it for each such key of an event's variant,
// and so does the generated fast path (scripts/generate/fast-path.ts), with the keys written
// in: one procedure, so the two never differ. It lives in src/rules because the generated
// validators import nothing else; it reads nothing that knows a format.
import { COLON, MINUS, skipSpace } from "../engine-text/json-text.js";

/**
 * Where the look at a variant's `keys` integer keys starts: one forward pass for an event as
 * the engine writes it (its fields in the schemas' order, which is the keys' order), from the
 * tail for a lone key (see TAIL).
 * @example
 * integerSearchStart(text, 1); // text.length - 128
 */
export function integerSearchStart(text: string, keys: number): number {
  return keys === 1 ? text.length - TAIL : 0;
}

/**
 * The look at one unsigned integer key (`"duration_ms"`, quoted), from text[from] on (then
 * from the start, when it is not found after the key before): -1 when the text needs the full
 * read (a float spelling, too many digits, or no number under the key where the value has the
 * field, so its key is written with an escape), otherwise where the look at the next key starts.
 * `max`: the field's largest value in digits; `repeated`: it repeats (in an array's items), so
 * every number under the key is looked at; `own`: a field of the event itself (a nested one may
 * be absent, defaulted by the engine).
 * @example
 * integerSpellingsAt('{"duration_ms":1.0}', '"duration_ms"', "18446744073709551615", false, true, 0); // -1
 */
export function integerSpellingsAt(
  text: string,
  key: string,
  max: string,
  repeated: boolean,
  own: boolean,
  from: number,
): number {
  let found = search(text, key, max, repeated, from);
  if (found === NONE && from > 0) found = search(text, key, max, repeated, 0);
  // No number under the key at all: for a field of the event itself, which the value has,
  // its key is written with an escape; a nested one may be absent (the engine defaults it).
  if (found === SCAN || (found === NONE && (own || mayEscapeAName(text)))) return -1;
  return found === PLAIN ? searchedTo : from;
}

/**
 * How far from the end of an event the engine writes `duration_ms`, the only integer field of
 * the events that have it: after it come at most a u64, `cost_usd`, a few `labels` and `at`.
 * A forward search of this tail is the cheapest way to find it (cheaper than lastIndexOf).
 */
const TAIL = 128;

/** What a search of the text found after a key. */
const NONE = 0; // no number under the key
const PLAIN = 1; // integers of at most the maximum, and (unless `all`) it stopped at the first
const SCAN = 2; // a float spelling or too many digits

/** Where the last search that found a number stopped: the next key's search starts there. */
let searchedTo = 0;

/**
 * True when the text has a `\u` escape that may spell a character of a field's name (a letter,
 * a digit, `_`). The engine escapes only control characters (`\u0000` to `\u001f`), so its own
 * text never has one, and a defaulted field it left out costs no scan.
 */
function mayEscapeAName(text: string): boolean {
  for (let at = text.indexOf("\\u"); at !== -1; at = text.indexOf("\\u", at + 2)) {
    const third = text.charCodeAt(at + 4);
    const control = text.charCodeAt(at + 2) === 48 && text.charCodeAt(at + 3) === 48 && (third === 48 || third === 49);
    if (!control) return true;
  }
  return false;
}

/**
 * What the text's `"<key>":` followed by a number has, from text[from] on: the first such
 * number, or every one for a field that repeats (in the items of an array). A key followed by
 * something else (a string: the same word as a label's key) is passed over; the only numbers
 * under such a key are the field's own, since an unknown field or a label with a number would
 * have failed the checks of the value, or taken the full walk. NONE, PLAIN or SCAN (above).
 */
function search(text: string, key: string, max: string, all: boolean, from: number): number {
  let seen = NONE;
  for (let at = text.indexOf(key, from); at !== -1; at = text.indexOf(key, at + key.length)) {
    let i = skipSpace(text, at + key.length);
    if (text.charCodeAt(i) !== COLON) continue; // the string as a value
    i = skipSpace(text, i + 1);
    if (text.charCodeAt(i) === MINUS) i++;
    const start = i;
    let c = text.charCodeAt(i);
    while (c >= 48 && c <= 57) c = text.charCodeAt(++i);
    if (i === start) continue; // not a number
    if (c === 46 || c === 101 || c === 69) return SCAN; // . e E: a float
    if (i - start >= max.length && isPast(text, start, i, max)) return SCAN;
    searchedTo = i;
    if (!all) return PLAIN;
    seen = PLAIN;
  }
  return seen;
}

/** The digits text[start, end) as an integer are above `max` (compared as text, without a copy). */
function isPast(text: string, start: number, end: number, max: string): boolean {
  if (end - start !== max.length) return true;
  for (let k = 0; k < max.length; k++) {
    const d = text.charCodeAt(start + k) - max.charCodeAt(k);
    if (d !== 0) return d > 0;
  }
  return false;
}
