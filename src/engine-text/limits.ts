// The engine's limits that only the text of a number can show, and the fields they belong to:
// one copy, read by the pre-check, the scan and the float reading.

/** The field the engine reads as a u64, which `JSON.parse` cannot tell from a float or a larger integer. */
export const DURATION = "duration_ms";

/** The field the engine reads as a rust_decimal, through the double serde_json makes of its text. */
export const COST = "cost_usd";

/** 2^96: rust_decimal holds a cost of smaller magnitude. */
export const COST_LIMIT = 2 ** 96;

/** |cost_usd| above this is near the engine's limit of 2^96 (7.92e28): read as the engine reads it. */
export const COST_NEAR_LIMIT = 7.9e28;

/** |number| above this (or not finite) may be out of serde_json's range: read as the engine reads it. */
export const FLOAT_NEAR_LIMIT = 1e300;

/** u64::MAX in digits: a longer or greater `duration_ms` is past what the engine takes. */
export const U64_MAX_TEXT = "18446744073709551615";

/** u64::MAX, the largest `duration_ms` and the most serde_json's significand holds. */
export const U64_MAX = BigInt(U64_MAX_TEXT);
