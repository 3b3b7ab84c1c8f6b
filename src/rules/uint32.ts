/**
 * The `uint32` format: a number that Rust's `u32` deserializer takes. Beyond what the schema's
 * `integer`, `minimum` and `maximum` say, it rejects `-0`, which serde_json reads as a float.
 * @example
 * isUint32(4294967295); // true
 * isUint32(-0); // false
 */
export function isUint32(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 4294967295 && !Object.is(value, -0);
}
