// The engine's limits that only the text of a number can show: one copy, read by the pre-check,
// the scan and the float reading. Which field has which limit comes from the schemas (the
// number fields of each format, src/engine/formats.ts); where a float is near a limit, from
// src/rules/number-limits.ts, which the generated validators read as well.
export { FLOAT_NEAR_LIMIT, nearLimit } from "../rules/number-limits.js";

/** u64::MAX in digits: the most serde_json's significand holds, and the largest u64 field. */
export const U64_MAX_TEXT = "18446744073709551615";

/** u64::MAX, the most serde_json's significand holds. */
export const U64_MAX = BigInt(U64_MAX_TEXT);
