// A number as the engine reads its text, which `JSON.parse` cannot tell: serde_json's double
// (serde-float.ts), the u64 of `duration_ms`, and rust_decimal's limit on `cost_usd`. The scan
// (scan.ts) finds each number's text in the event and asks here what the engine makes of it.
import {
  costPastLimitIssue,
  floatForIntegerIssue,
  integerPastLimitIssue,
  numberOutOfRangeIssue,
} from "../issues/index.js";
import type { ValidationIssue } from "../types.js";
import { MINUS } from "./json-text.js";
import { COST, COST_LIMIT, COST_NEAR_LIMIT, DURATION, FLOAT_NEAR_LIMIT, U64_MAX } from "./limits.js";
import { serdeNumber } from "./serde-float.js";

/** Where `JSON.parse` put a value: `holder[key]`. */
export interface Slot {
  holder: Record<string, unknown>;
  key: string;
  /** A field of the event itself (not of a value nested in it). */
  isRootField: boolean;
}

/**
 * The issue when the engine refuses the number written `token` at `path`, else undefined.
 * `field`: the field of the event's own variant that the number fills, if any (in another
 * variant `duration_ms` is an unknown field), and `expected` what that field must be.
 * Where the engine reads a double that decides the verdict other than `JSON.parse`'s (Infinity
 * it reads as finite, a cost near 2^96), that double is written into `slot`, for the checks
 * of the value that follow.
 */
export function numberIssue(
  token: string,
  path: string,
  field: string | undefined,
  expected: string | undefined,
  slot: Slot | undefined,
): ValidationIssue | undefined {
  if (field === DURATION) {
    const issue = durationIssue(token, path, expected!);
    if (issue !== undefined) return issue;
  }
  const parsed = Number(token);
  const nearLimit = !(Math.abs(parsed) <= FLOAT_NEAR_LIMIT);
  const costNearLimit = field === COST && Math.abs(parsed) > COST_NEAR_LIMIT;
  if (!nearLimit && !costNearLimit) return undefined;
  const engine = serdeNumber(token);
  if (engine === undefined) return numberOutOfRangeIssue(path, token);
  if (costNearLimit && !(Math.abs(engine) < COST_LIMIT)) return costPastLimitIssue(path, token, engine);
  // JSON.parse's double stays where it gives the engine's verdict; where it would not (Infinity
  // the engine reads as finite, a cost the engine reads below 2^96), the engine's double goes in,
  // if the value JSON.parse kept here is this token's (a later duplicate key would differ).
  const misjudged = !Number.isFinite(parsed) || (costNearLimit && !(Math.abs(parsed) < COST_LIMIT));
  if (misjudged && slot !== undefined && Object.is(slot.holder[slot.key], parsed)) slot.holder[slot.key] = engine;
  return undefined;
}

/** A `duration_ms` token the engine refuses whatever JSON.parse makes of it: a float, or an integer past u64::MAX. */
function durationIssue(token: string, path: string, expected: string): ValidationIssue | undefined {
  if (/[.eE]/.test(token)) return floatForIntegerIssue(path, expected, token);
  if (token.charCodeAt(0) !== MINUS && BigInt(token) > U64_MAX) return integerPastLimitIssue(path, expected, token);
  return undefined;
}
