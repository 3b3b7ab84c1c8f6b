// The pre-check of the text path, on the success path of parseEvent(text): whether a text whose
// parsed value passed needs the full read (scan.ts). It must cost next to nothing for an event
// as the engine writes it: it allocates nothing and looks at one field's text.
import { COLON, MINUS, skipSpace } from "./json-text.js";
import { COST_NEAR_LIMIT, DURATION, U64_MAX_TEXT } from "./limits.js";

const DURATION_KEY = `"${DURATION}"`;

/**
 * False when `event`, which `JSON.parse` made of `text` and which passed the checks of the
 * value without meeting a key beyond its variant's fields (fullWalks), is certainly read alike
 * by the engine; true when the text needs the full read (textIssues). It looks only at
 * `cost_usd` (near the engine's limit of 2^96 above 7.9e28) and at the text after the last
 * `"duration_ms"` (written with a fraction or an exponent, past u64::MAX, or with an escape in
 * its key).
 *
 * Left open: a duplicate known field (`type`, `run_id`, or an earlier `duration_ms` with a
 * float) in an event that otherwise passes. Finding one takes a look at every key of the text,
 * which costs far more than the 5% of parseEvent allowed for these checks (docs/wire-format.md).
 */
export function needsTextScan(text: string, event: unknown): boolean {
  const { cost_usd: cost, duration_ms: duration } = event as { cost_usd?: unknown; duration_ms?: unknown };
  if (typeof cost === "number" && (cost > COST_NEAR_LIMIT || cost < -COST_NEAR_LIMIT)) return true;
  return duration !== undefined && durationNeedsScan(text);
}

/**
 * How far from the end of an event the engine writes `"duration_ms"`: after it come at most a
 * u64, `cost_usd` and `at` (about 90 characters). A forward search of this tail is the cheapest
 * way to find it (cheaper than lastIndexOf); the whole text is searched when it is not there.
 */
const DURATION_TAIL = 128;

/**
 * True unless the first `"duration_ms"` key found (searching the text's tail first, then the
 * whole text) has an integer of at most u64::MAX.
 */
function durationNeedsScan(text: string): boolean {
  let at = text.indexOf(DURATION_KEY, text.length - DURATION_TAIL);
  if (at === -1) at = text.indexOf(DURATION_KEY);
  for (; at !== -1; at = text.indexOf(DURATION_KEY, at + DURATION_KEY.length)) {
    let i = skipSpace(text, at + DURATION_KEY.length);
    if (text.charCodeAt(i) !== COLON) continue; // the string "duration_ms" as a value
    i = skipSpace(text, i + 1);
    if (text.charCodeAt(i) === MINUS) i++;
    const start = i;
    let c = text.charCodeAt(i);
    while (c >= 48 && c <= 57) c = text.charCodeAt(++i);
    if (c === 46 || c === 101 || c === 69) return true; // . e E: a float
    return i - start >= U64_MAX_TEXT.length && isPastU64Max(text, start, i);
  }
  return true; // not written plainly: the key has an escape
}

/** The digits text[start, end) as an integer are above u64::MAX (compared as text, without a copy). */
function isPastU64Max(text: string, start: number, end: number): boolean {
  if (end - start !== U64_MAX_TEXT.length) return true;
  for (let k = 0; k < U64_MAX_TEXT.length; k++) {
    const d = text.charCodeAt(start + k) - U64_MAX_TEXT.charCodeAt(k);
    if (d !== 0) return d > 0;
  }
  return false;
}
