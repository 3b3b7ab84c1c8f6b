// The pre-check of the text path, on the success path of parseEvent(text): whether a text whose
// parsed value passed needs the full read (scan.ts). It must cost next to nothing for an event
// as the engine writes it: it allocates nothing, and looks only at the text of the event's
// unsigned integer fields (the schemas say which: duration_ms, count, an approval's counts...).
import type { Format, IntegerKey } from "../engine/index.js";
import { NEWEST } from "../engine/index.js";
import { COLON, MINUS, skipSpace } from "./json-text.js";

/**
 * False when `event`, which `JSON.parse` made of `text` and which passed the checks of the
 * value of `format` without meeting a key beyond its variant's fields or a float near a limit
 * (both send the validators to the full walk, fullWalks, and so the text to the full read), is
 * certainly read alike by the engine; true when the text needs the full read (textIssues). It
 * looks at the text after each key named as one of the variant's unsigned integer fields: an
 * integer written with a fraction or an exponent (`1.0`, `1E2`), one with more digits than the
 * field's maximum allows, or a key written with an escape.
 *
 * Left open: a duplicate known field (`type`, `run_id`, or an earlier `duration_ms` with a
 * float) in an event that otherwise passes. Finding one takes a look at every key of the text,
 * which costs far more than the 5% of parseEvent allowed for these checks (docs/wire-format.md).
 */
export function needsTextScan(text: string, event: unknown, format: Format = NEWEST): boolean {
  const type = (event as { type: string }).type;
  const types = format.typesWithIntegers;
  // Compared in turn, as withDefaults does: JSON.parse does not intern string values, which
  // makes a lookup by the event's type cost more than these comparisons.
  let keys: readonly IntegerKey[] | undefined;
  for (let i = 0; i < types.length && keys === undefined; i++) {
    const candidate = types[i]!;
    if (candidate.length === type.length && candidate === type) keys = format.integerKeys[candidate];
  }
  if (keys === undefined) return false;
  // One forward pass for an event as the engine writes it (its fields in the schemas' order,
  // which is the keys' order); a key not found after the one before is looked for from the start.
  let from = keys.length === 1 ? text.length - TAIL : 0;
  for (let i = 0; i < keys.length; i++) {
    const integer = keys[i]!;
    // An absent field, or an absent or null container, has no integer to look at.
    if ((event as Record<string, unknown>)[integer.field] == null) continue;
    let found = search(text, integer.key, integer.max, integer.repeated, from);
    if (found === NONE && from > 0) found = search(text, integer.key, integer.max, integer.repeated, 0);
    // No number under the key at all: for a field of the event itself, which the value has,
    // its key is written with an escape; a nested one may be absent (the engine defaults it).
    if (found === SCAN || (found === NONE && (integer.own || mayEscapeAName(text)))) return true;
    if (found === PLAIN) from = searchedTo;
  }
  return false;
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
