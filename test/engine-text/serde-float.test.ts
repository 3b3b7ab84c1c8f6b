// serdeNumber, the engine's float reading (serde_json 1.0.149 without float_roundtrip).
// The verdicts of the engine's exact reader on thousands of spellings around the limits are
// in test/vectors/oracle-numbers.ndjson (test/conformance/verdicts.test.ts runs them); here,
// properties (fast-check, fixed seeds) against what is known for certain: where serde_json's
// arithmetic is exact it is JSON.parse's correctly rounded double; later digits are dropped,
// never rounded; the sign only flips the result; and single spellings the oracle judged.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { serdeNumber } from "../../src/engine-text/serde-float.js";

const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(""));
const nonZeroLead = fc.tuple(fc.integer({ min: 1, max: 9 }), digits(0, 40)).map(([a, b]) => `${a}${b}`);

describe("serdeNumber", () => {
  it("is JSON.parse's double where serde_json's arithmetic is exact (significand < 2^53, |exponent| <= 22)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 53 - 1 }), fc.integer({ min: -22, max: 22 }), (significand, exponent) => {
        for (const text of [`${significand}e${exponent}`, `${significand}E+${exponent}`]) {
          if (exponent >= 0 || !text.includes("+")) expect(serdeNumber(text)).toBe(JSON.parse(text));
        }
      }),
      { numRuns: 20_000, seed: 15 },
    );
  });

  it("drops the digits past what a u64 holds: appending digits to a full significand changes nothing but the exponent", () => {
    fc.assert(
      fc.property(digits(1, 30), fc.integer({ min: -300, max: 250 }), (tail, exponent) => {
        const full = "18446744073709551615"; // u64::MAX: any further digit overflows
        const withTail = `${full}.${tail}e${exponent}`;
        expect(Object.is(serdeNumber(withTail), serdeNumber(`${full}e${exponent}`))).toBe(true);
      }),
      { numRuns: 5_000, seed: 16 },
    );
  });

  it("reads a minus sign as a sign only", () => {
    fc.assert(
      fc.property(nonZeroLead, digits(0, 25), fc.integer({ min: -400, max: 400 }), (a, b, exponent) => {
        const text = `${a}${b === "" ? "" : `.${b}`}e${exponent}`;
        const positive = serdeNumber(text);
        const negative = serdeNumber(`-${text}`);
        if (positive === undefined) expect(negative).toBeUndefined();
        else expect(Object.is(negative, -positive)).toBe(true);
      }),
      { numRuns: 10_000, seed: 17 },
    );
  });

  it("is finite or undefined, never Infinity or NaN", () => {
    fc.assert(
      fc.property(nonZeroLead, digits(0, 40), fc.integer({ min: -2000, max: 2000 }), (a, b, exponent) => {
        const value = serdeNumber(`${a}.${b === "" ? "0" : b}e${exponent}`);
        expect(value === undefined || Number.isFinite(value)).toBe(true);
      }),
      { numRuns: 10_000, seed: 18 },
    );
  });

  // Each verdict below is the engine's (ironflow-oracle check), with JSON.parse's for contrast.
  it.each([
    ["1.7976931348623157e308", true, "the largest double"],
    ["1.7976931348623158e308", false, "JSON.parse: the largest double"],
    ["1.79769313486231580793728971405301e308", false, "JSON.parse: the largest double"],
    ["1e308", true, ""],
    ["1e309", false, "JSON.parse: Infinity"],
    ["10e307", true, "1e308"],
    ["17976931348623157e292", true, "the largest double"],
    ["179769313486231570000e288", false, "JSON.parse: the largest double; 21 digits, the last two dropped"],
    ["0e400", true, "zero"],
    ["0e4000000000000", true, "zero: the exponent overflows an i32 on a zero significand"],
    ["1e-4000000000000", true, "zero"],
    ["1e-400", true, "zero"],
  ])("%s: read %s (%s)", (text, readable) => {
    expect(serdeNumber(text) !== undefined).toBe(readable);
  });

  it("reads the engine's own big floats as the engine does, not always as JSON.parse", () => {
    // The engine writes 2.2498565746739617e+18 and reads it back as 2249856574673961500
    // (the oracle's canon output); JSON.parse reads 2249856574673961700.
    expect(serdeNumber("2.2498565746739617e+18")).toBe(2249856574673961500);
    expect(JSON.parse("2.2498565746739617e+18")).toBe(2249856574673961700);
  });
});
