/** 2^64 - 1 as a double rounds to 2^64: every JavaScript number up to this bound is a u64 value the engine could have written. */
const U64_MAX_AS_DOUBLE = 18446744073709551615;

/**
 * The `uint64` format: a number that Rust's `u64` deserializer takes. Beyond what the
 * schema's `integer`, `minimum` and `maximum` say, it rejects `-0`: serde_json reads `-0`
 * as a float, and the engine refuses floats for a u64, while JSON Schema calls `-0` the
 * integer 0.
 */
export function isUint64(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= U64_MAX_AS_DOUBLE && !Object.is(value, -0);
}
