// The straight-line format checks (src/rules/uuid.ts, timestamp.ts) classify characters
// through one table (src/rules/char-class.ts). Every UTF-16 code unit, put at every kind of
// position, must get the same answer from them as from the schema's pattern.
import { describe, expect, it } from "vitest";
import { CHAR_CLASS, NOT_DECIMAL, NOT_HEX } from "../../src/rules/char-class.js";
import { isTimestamp, isUuid, TIMESTAMP_PATTERN, UUID_PATTERN } from "../../src/rules/index.js";

const uuidRegex = new RegExp(UUID_PATTERN);
const timestampRegex = new RegExp(TIMESTAMP_PATTERN);

/** `s` with the code unit at `at` replaced by `unit`. */
const replaced = (s: string, at: number, unit: number) => s.slice(0, at) + String.fromCharCode(unit) + s.slice(at + 1);

/** Every position whose answer differs between check and pattern, for every code unit. */
function disagreements(valid: string, positions: number[], check: (s: string) => boolean, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const at of positions)
    for (let unit = 0; unit <= 0xffff; unit++) {
      const s = replaced(valid, at, unit);
      if (check(s) !== pattern.test(s)) out.push(`position ${at}, U+${unit.toString(16).padStart(4, "0")}`);
    }
  return out;
}

describe("CHAR_CLASS", () => {
  it("marks exactly 0-9, a-f and A-F as hex digits, and exactly 0-9 as decimal digits", () => {
    expect(CHAR_CLASS.length).toBe(0x10000);
    for (let unit = 0; unit <= 0xffff; unit++) {
      const c = String.fromCharCode(unit);
      expect((CHAR_CLASS[unit]! & NOT_HEX) === 0, c).toBe(/^[0-9a-fA-F]$/.test(c));
      expect((CHAR_CLASS[unit]! & NOT_DECIMAL) === 0, c).toBe(/^[0-9]$/.test(c));
      if (/^[0-9]$/.test(c)) expect(CHAR_CLASS[unit]).toBe(unit - 48);
    }
  });
});

describe("isUuid", () => {
  const valid = "61644a25-da5a-7317-94e2-3bc1eca8c766";

  it("agrees with UUID_PATTERN for every code unit at a hex position and at a hyphen", () => {
    // first and last hex digit, one in the middle, and the hyphens
    expect(disagreements(valid, [0, 8, 13, 17, 18, 23, 35], isUuid, uuidRegex)).toEqual([]);
  });

  it("agrees with UUID_PATTERN on lengths and cases", () => {
    for (const s of [valid, valid.toUpperCase(), valid.slice(1), `${valid}0`, "", valid.replace(/-/g, "")])
      expect([s, isUuid(s)]).toEqual([s, uuidRegex.test(s)]);
  });
});

describe("isTimestamp", () => {
  const valid = "2024-02-29T23:59:60.123456789+23:59";

  it("agrees with TIMESTAMP_PATTERN for every code unit at each kind of position", () => {
    // year, month, day, T, hour, colon, second, the dot, a fraction digit, the sign, offset hours, offset colon, offset minutes
    const positions = [0, 3, 5, 6, 9, 10, 11, 13, 18, 19, 20, 28, 29, 30, 32, 34];
    expect(disagreements(valid, positions, isTimestamp, timestampRegex)).toEqual([]);
  });

  it("agrees with TIMESTAMP_PATTERN at the Z of a UTC timestamp", () => {
    expect(disagreements("1997-03-22T04:04:25.881Z", [23], isTimestamp, timestampRegex)).toEqual([]);
  });
});
