/**
 * How the engine's JSON reader (serde_json 1.0.149 built without `float_roundtrip`) turns
 * the text of a number into a double. It is not correctly rounded, unlike `JSON.parse`:
 * it keeps the first digits that fit in a u64 (later digits are dropped, only counted),
 * converts that integer to a double, then multiplies or divides by a power of ten from a
 * table of 1e0..1e308, and refuses ("number out of range") a product that overflows or an
 * exponent beyond the table with a non-zero significand. Near the largest double it
 * therefore refuses some spellings that `JSON.parse` reads as finite, and reads some that
 * `JSON.parse` makes Infinity. The steps below follow `parse_integer`, `parse_number`,
 * `parse_decimal`, `parse_decimal_overflow`, `parse_exponent`, `parse_exponent_overflow`,
 * `parse_long_integer` and `f64_from_parts` of its `src/de.rs`, one function each.
 *
 * Only the slow path calls this (a number whose text is long or has a 3-digit exponent),
 * so it favours exactness over speed: the significand is a BigInt.
 */
import { U64_MAX } from "./limits.js";

const U64_MAX_DIV_10 = U64_MAX / 10n;
const U64_MAX_MOD_10 = U64_MAX % 10n;
const I32_MAX = 2147483647;
const I32_MIN = -2147483648;
const I32_MAX_DIV_10 = 214748364;
const I32_MAX_MOD_10 = 7;

/** serde_json's POW10 table: 1e0..1e308, each the correctly rounded double (as Rust's literals are). */
let pow10: number[] | undefined;
function powerOfTen(n: number): number | undefined {
  pow10 ??= Array.from({ length: 309 }, (_, i) => Number(`1e${i}`));
  return pow10[n];
}

/** What the engine reads for a number's text: the double, or `undefined` for "number out of range". */
type SerdeNumber = number | undefined;

/**
 * The double serde_json reads from `text`, a JSON number (valid JSON syntax is assumed:
 * the caller has had it through `JSON.parse`), or `undefined` where serde_json fails with
 * "number out of range". Integers that fit a u64 or i64 come back as JavaScript numbers,
 * rounded as `JSON.parse` rounds them (the engine keeps them exact, which no double can).
 * @example
 * serdeNumber("1.7976931348623157e308"); // 1.7976931348623157e308
 * serdeNumber("1.7976931348623158e308"); // undefined: the engine refuses it, JSON.parse does not
 */
export function serdeNumber(text: string): SerdeNumber {
  return new SerdeNumberReader(text).read();
}

class SerdeNumberReader {
  private i = 0;
  private positive = true;

  constructor(private readonly text: string) {}

  read(): SerdeNumber {
    if (this.peek() === "-") {
      this.positive = false;
      this.i++;
    }
    return this.parseInteger();
  }

  private peek(): string {
    return this.text[this.i] ?? "";
  }

  private peekDigit(): bigint | undefined {
    const c = this.text.charCodeAt(this.i);
    return c >= 48 && c <= 57 ? BigInt(c - 48) : undefined;
  }

  private parseInteger(): SerdeNumber {
    const first = this.peekDigit()!;
    this.i++;
    if (first === 0n) return this.parseNumber(0n);
    let significand = first;
    for (let digit = this.peekDigit(); digit !== undefined; digit = this.peekDigit()) {
      if (overflowsU64(significand, digit)) return this.parseLongInteger(significand);
      this.i++;
      significand = significand * 10n + digit;
    }
    return this.parseNumber(significand);
  }

  private parseNumber(significand: bigint): SerdeNumber {
    const c = this.peek();
    if (c === ".") return this.parseDecimal(significand, 0);
    if (c === "e" || c === "E") return this.parseExponent(significand, 0);
    // An integer: u64, i64, or (below i64::MIN, or -0) a float; always in range.
    const magnitude = Number(significand);
    return this.positive ? magnitude : -magnitude;
  }

  private parseDecimal(significand: bigint, exponentBeforePoint: number): SerdeNumber {
    this.i++; // the point
    let exponentAfterPoint = 0;
    for (let digit = this.peekDigit(); digit !== undefined; digit = this.peekDigit()) {
      if (overflowsU64(significand, digit))
        return this.parseDecimalOverflow(significand, exponentBeforePoint + exponentAfterPoint);
      this.i++;
      significand = significand * 10n + digit;
      exponentAfterPoint -= 1;
    }
    const exponent = exponentBeforePoint + exponentAfterPoint;
    const c = this.peek();
    return c === "e" || c === "E" ? this.parseExponent(significand, exponent) : this.fromParts(significand, exponent);
  }

  /** The significand is full: further digits are dropped, not even rounded. */
  private parseDecimalOverflow(significand: bigint, exponent: number): SerdeNumber {
    while (this.peekDigit() !== undefined) this.i++;
    const c = this.peek();
    return c === "e" || c === "E" ? this.parseExponent(significand, exponent) : this.fromParts(significand, exponent);
  }

  private parseExponent(significand: bigint, startingExponent: number): SerdeNumber {
    this.i++; // e or E
    let positiveExponent = true;
    const sign = this.peek();
    if (sign === "+" || sign === "-") {
      positiveExponent = sign === "+";
      this.i++;
    }
    let exponent = Number(this.peekDigit()!);
    this.i++;
    for (let digit = this.peekDigit(); digit !== undefined; digit = this.peekDigit()) {
      this.i++;
      const d = Number(digit);
      if (exponent >= I32_MAX_DIV_10 && (exponent > I32_MAX_DIV_10 || d > I32_MAX_MOD_10))
        return this.parseExponentOverflow(significand === 0n, positiveExponent);
      exponent = exponent * 10 + d;
    }
    const finalExponent = positiveExponent ? startingExponent + exponent : startingExponent - exponent;
    return this.fromParts(significand, Math.min(I32_MAX, Math.max(I32_MIN, finalExponent))); // i32 saturating
  }

  private parseExponentOverflow(zeroSignificand: boolean, positiveExponent: boolean): SerdeNumber {
    if (!zeroSignificand && positiveExponent) return undefined;
    return this.positive ? 0 : -0;
  }

  /** More integer digits than a u64 holds: each one only raises the exponent. */
  private parseLongInteger(significand: bigint): SerdeNumber {
    let exponent = 0;
    for (;;) {
      const c = this.peek();
      if (c >= "0" && c <= "9") {
        this.i++;
        exponent += 1;
      } else if (c === ".") return this.parseDecimal(significand, exponent);
      else if (c === "e" || c === "E") return this.parseExponent(significand, exponent);
      else return this.fromParts(significand, exponent);
    }
  }

  private fromParts(significand: bigint, exponent: number): SerdeNumber {
    let f = Number(significand); // u64 as f64: round to nearest, ties to even, as Rust's `as`
    for (;;) {
      // exponent.wrapping_abs() as usize: i32::MIN stays negative, so it is never in the table.
      const pow = exponent === I32_MIN ? undefined : powerOfTen(Math.abs(exponent));
      if (pow !== undefined) {
        if (exponent >= 0) {
          f *= pow;
          if (f === Infinity) return undefined;
        } else f /= pow;
        break;
      }
      if (f === 0) break;
      if (exponent >= 0) return undefined;
      f /= 1e308;
      exponent += 308;
    }
    return this.positive ? f : -f;
  }
}

/** serde_json's `overflow!(significand * 10 + digit, u64::MAX)`. */
function overflowsU64(significand: bigint, digit: bigint): boolean {
  return significand >= U64_MAX_DIV_10 && (significand > U64_MAX_DIV_10 || digit > U64_MAX_MOD_10);
}
