// The look at an event's only integer field where the engine writes it (src/rules/integer-at-end.ts):
// it must find every integer the engine writes, and never vouch for a spelling the search of
// the text (integer-spelling.ts) would send to the full read.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { integerAtEnd, integerSpelledAtEnd, type FieldAfter } from "../../src/rules/integer-at-end.js";
import { integerSearchStart, integerSpellingsAt } from "../../src/rules/integer-spelling.js";

const KEY = '"duration_ms"';
const U64 = "18446744073709551615";
const AFTER: FieldAfter[] = [
  { name: "cost_usd", kind: "number" },
  { name: "labels", kind: "record" },
  { name: "at", kind: "text" },
];
const look = integerAtEnd(KEY, U64, AFTER);
const AT = "2024-04-19T05:23:13.255Z";
const HEAD = '{"type":"run_failed","run_id":"0245a5ce-05e1-752c-8a5a-76bb45b1a834","error":null';

/** The look on a text, with its value as JSON.parse reads it. */
function atEnd(text: string): boolean {
  const event = JSON.parse(text) as { duration_ms: number };
  return integerSpelledAtEnd(text, event, event.duration_ms, look);
}

/** The search's verdict: true when it finds the integer written plainly (no full read needed). */
function searched(text: string): boolean {
  return integerSpellingsAt(text, KEY, U64, false, true, integerSearchStart(text, 1)) >= 0;
}

describe("integerSpelledAtEnd", () => {
  it.each([
    ["a small integer", `${HEAD},"duration_ms":1500,"at":"${AT}"}`],
    ["zero", `${HEAD},"duration_ms":0,"at":"${AT}"}`],
    ["u64::MAX", `${HEAD},"duration_ms":${U64},"at":"${AT}"}`],
    ["19 digits", `${HEAD},"duration_ms":1234567890123456789,"at":"${AT}"}`],
    ["a float after it", `${HEAD},"duration_ms":7,"cost_usd":-1.5e-7,"at":"${AT}"}`],
    ["empty labels and null after it", `${HEAD},"duration_ms":7,"cost_usd":null,"labels":{},"at":"${AT}"}`],
    ["the key first", `{"duration_ms":12,"at":"${AT}"}`],
  ])("finds the integer where the engine writes it: %s", (_name, text) => {
    expect(atEnd(text)).toBe(true);
  });

  it.each([
    ["a fraction", `${HEAD},"duration_ms":1.0,"at":"${AT}"}`],
    ["an exponent", `${HEAD},"duration_ms":1E2,"at":"${AT}"}`],
    ["an exponent as long as the digits", `${HEAD},"duration_ms":1.23e5,"at":"${AT}"}`],
    ["minus zero", `${HEAD},"duration_ms":-0,"at":"${AT}"}`],
    ["past u64::MAX", `${HEAD},"duration_ms":18446744073709551616,"at":"${AT}"}`],
    ["20 digits below u64::MAX (left to the search)", `${HEAD},"duration_ms":18446744073709551000,"at":"${AT}"}`],
    ["19 nines, which JSON.parse reads as 1e19 (20 digits)", `${HEAD},"duration_ms":9999999999999999999,"at":"${AT}"}`],
    ["an escaped key", `${HEAD},"duration\\u005fms":5,"at":"${AT}"}`],
    ["spaces", `${HEAD},"duration_ms": 5,"at":"${AT}"}`],
    ["labels with a key", `${HEAD},"duration_ms":5,"labels":{"a":"b"},"at":"${AT}"}`],
    ["another field last", `${HEAD},"duration_ms":5,"at":"${AT}","x":1}`],
  ])("leaves the rest to the search: %s", (_name, text) => {
    expect(atEnd(text)).toBe(false);
  });

  it("answers false where the fields after the integer do not fit in the text", () => {
    const text = `{"duration_ms":5,"at":"${AT}"}`;
    const longer = { duration_ms: 5, at: `${AT}${"0".repeat(40)}` };
    expect(integerSpelledAtEnd(text, longer, 5, look)).toBe(false);
    expect(integerSpelledAtEnd(text, { duration_ms: 5, at: AT }, 5, look)).toBe(true);
  });

  it("never vouches for a text the search would read in full (one key, any spelling and layout)", () => {
    const number = fc.oneof(
      fc.bigInt({ min: 0n, max: 2n ** 65n }).map(String),
      fc.constantFrom("1.0", "1E2", "1e2", "-0", "0.0", "1.23e5", "100e0", "18446744073709551616", "1e-400"),
    );
    const space = fc.constantFrom("", " ", "\n");
    const field = fc.constantFrom(
      ',"cost_usd":0.5',
      ',"cost_usd":12',
      ',"labels":{}',
      ',"labels":{"k":"v"}',
      ',"cost_usd":null',
      "",
    );
    const text = fc
      .tuple(number, space, field, field, space)
      .map(([n, s1, f1, f2, s2]) => `${HEAD},"duration_ms":${s1}${n}${f1}${f2},"at":"${AT}"${s2}}`)
      .filter((t) => {
        try {
          return Number.isFinite((JSON.parse(t) as { duration_ms: number }).duration_ms);
        } catch {
          return false;
        }
      });
    fc.assert(
      fc.property(text, (t) => !atEnd(t) || searched(t)),
      { seed: 0x1ea7e9d, numRuns: 3000 },
    );
  });
});
