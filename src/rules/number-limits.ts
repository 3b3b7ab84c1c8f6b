/**
 * Where a JSON number is near the largest magnitude the engine reads, so that the double
 * `JSON.parse` made of it may not be the one the engine's serde_json makes (its float parser
 * is not correctly rounded): such a number is read again from the text, as the engine reads it.
 * The generated validators' fast path gives way to the full checks there
 * (scripts/generate/engine-json-fast.ts), and the text path reads the number from the text.
 */

/** |number| above this (or not finite) may be out of serde_json's range (about 1.8e308). */
export const FLOAT_NEAR_LIMIT = 1e300;

/**
 * For a field with a limit of its own (a cost: rust_decimal holds less than 2^96 in magnitude),
 * the magnitude above which a number is near it: within 0.3%, far wider than the few units in
 * the last place by which the two parsers can differ.
 * @example
 * nearLimit(2 ** 96); // 7.899e28
 */
export function nearLimit(limit: number): number {
  return limit * 0.997;
}
