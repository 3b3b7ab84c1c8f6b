// A number as the engine reads its text, which `JSON.parse` cannot tell: serde_json's double
// (serde-float.ts), an unsigned integer field (a u64 or a u32: no fraction or exponent, no more
// than its maximum), and rust_decimal's limit on a cost. The scan (scan.ts) finds each number's
// text in the event and asks here what the engine makes of it; the schemas say which field is
// which (the number fields of the format, src/engine/formats.ts).
import type { NumberField } from "../engine/index.js";
import {
  costPastLimitIssue,
  floatForIntegerIssue,
  integerPastLimitIssue,
  numberOutOfRangeIssue,
} from "../issues/index.js";
import type { ValidationIssue } from "../types.js";
import { MINUS } from "./json-text.js";
import { FLOAT_NEAR_LIMIT, nearLimit } from "./limits.js";
import { serdeNumber } from "./serde-float.js";

/** Where `JSON.parse` put a value: `holder[key]`. */
export interface Slot {
  holder: Record<string, unknown>;
  key: string;
}

/**
 * The issue when the engine refuses the number written `token` at `path`, else undefined.
 * `field`: how the engine reads the field the number fills, if it fills one of the event's
 * variant (at any depth; in an unknown field it is only a number), and `expected` what that
 * field must be. Where the engine reads a double that decides the verdict other than
 * `JSON.parse`'s (Infinity it reads as finite, a cost near 2^96), that double is written into
 * `slot`, for the checks of the value that follow.
 */
export function numberIssue(
  token: string,
  path: string,
  field: NumberField | undefined,
  expected: string | undefined,
  slot: Slot | undefined,
): ValidationIssue | undefined {
  if (field !== undefined && "integer" in field) {
    const issue = integerIssue(token, path, field.integer, expected!);
    if (issue !== undefined) return issue;
  }
  const limit = field !== undefined && "float" in field ? field.float : null;
  const parsed = Number(token);
  const outOfRange = !(Math.abs(parsed) <= FLOAT_NEAR_LIMIT);
  const nearItsLimit = limit !== null && Math.abs(parsed) > nearLimit(limit);
  if (!outOfRange && !nearItsLimit) return undefined;
  const engine = serdeNumber(token);
  if (engine === undefined) return numberOutOfRangeIssue(path, token);
  if (nearItsLimit && !(Math.abs(engine) < limit)) return costPastLimitIssue(path, token, engine, limit);
  // JSON.parse's double stays where it gives the engine's verdict; where it would not (Infinity
  // the engine reads as finite, a cost the engine reads below its limit), the engine's double
  // goes in, if the value JSON.parse kept here is this token's (a later duplicate key would differ).
  const misjudged = !Number.isFinite(parsed) || (nearItsLimit && !(Math.abs(parsed) < limit));
  if (misjudged && slot !== undefined && Object.is(slot.holder[slot.key], parsed)) slot.holder[slot.key] = engine;
  return undefined;
}

/** An unsigned integer token the engine refuses whatever JSON.parse makes of it: a float, or past `max`. */
function integerIssue(token: string, path: string, max: string, expected: string): ValidationIssue | undefined {
  if (/[.eE]/.test(token)) return floatForIntegerIssue(path, expected, token);
  if (token.charCodeAt(0) !== MINUS && BigInt(token) > BigInt(max)) return integerPastLimitIssue(path, expected, token);
  return undefined;
}
