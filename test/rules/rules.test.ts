// The hand-written checks of src/rules that the generated validators call instead of
// regexes: each must be exactly equivalent to the pattern the schemas carry.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  engineJsonViolations,
  isTimestamp,
  isUint64,
  isUuid,
  MAX_VIOLATIONS,
  TIMESTAMP_PATTERN,
  UUID_PATTERN,
} from "../../src/rules/index.js";
import { seededRandom } from "../support/seeded-random.js";

const root = new URL("../../", import.meta.url);
const readSchema = (relative: string) =>
  JSON.parse(readFileSync(new URL(`schemas/${relative}`, root), "utf8")) as { pattern?: string };

/**
 * Strings made from valid ones by replacing, inserting or deleting one character (and
 * sometimes a second), with characters that are likely to matter for the grammar.
 */
function mutations(valid: string[], alphabet: string[], count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    let s = pick(valid);
    const edits = random() < 0.8 ? 1 : 2;
    for (let e = 0; e < edits; e++) {
      const chars = [...s];
      const at = Math.floor(random() * (chars.length + 1));
      const op = random();
      if (op < 0.5 && at < chars.length) chars[at] = pick(alphabet);
      else if (op < 0.8) chars.splice(at, 0, pick(alphabet));
      else chars.splice(Math.min(at, chars.length - 1), 1);
      s = chars.join("");
    }
    out.push(s);
  }
  return out;
}

/** Non-ASCII look-alikes: Arabic-Indic and full-width digits, full-width letters and signs, a lone surrogate. */
const LOOKALIKES = ["٢", "۳", "０", "９", "Ｔ", "Ｚ", "－", "：", "．", "＋", "\u00a0", "\ud800", "😀", "ß", "İ"];

describe("isUuid is UUID_PATTERN", () => {
  const regex = new RegExp(UUID_PATTERN, "u");
  const valid = [
    "61644a25-da5a-7317-94e2-3bc1eca8c766",
    "00000000-0000-0000-0000-000000000000",
    "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
    "0190a6b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b",
    "AbCdEf01-2345-6789-aBcD-eF0123456789",
  ];
  const handPicked = [
    ...valid,
    "",
    "-",
    "61644a25da5a731794e23bc1eca8c766", // unhyphenated
    "{61644a25-da5a-7317-94e2-3bc1eca8c766}", // braced
    "urn:uuid:61644a25-da5a-7317-94e2-3bc1eca8c766",
    "61644a25-da5a-7317-94e2-3bc1eca8c76", // too short
    "61644a25-da5a-7317-94e2-3bc1eca8c7666", // too long
    "61644a25-da5a-7317-94e2-3bc1eca8c766\n",
    " 61644a25-da5a-7317-94e2-3bc1eca8c766",
    "61644a25_da5a_7317_94e2_3bc1eca8c766",
    "61644a25-da5a-7317-94e23-bc1eca8c766", // hyphen in the wrong place
    "61644a2-5da5a-7317-94e2-3bc1eca8c766",
    "g1644a25-da5a-7317-94e2-3bc1eca8c766",
    "G1644a25-da5a-7317-94e2-3bc1eca8c766",
    "@1644a25-da5a-7317-94e2-3bc1eca8c766", // "@" is "`" | 32's neighbour: 0x40
    "`1644a25-da5a-7317-94e2-3bc1eca8c766", // 0x60
    "61644a25-da5a-7317-94e2-3bc1eca8c7٢6",
    "６1644a25-da5a-7317-94e2-3bc1eca8c766",
    "Ａ1644a25-da5a-7317-94e2-3bc1eca8c766",
    "61644a25-da5a-7317-94e2-3bc1eca8c7\u0101", // 0x101 | 32 is not a hex letter either
    "61644a25－da5a-7317-94e2-3bc1eca8c766",
    "61644a25-da5a-7317-94e2-3bc1eca8c7😀",
  ];
  // Every single character at one position, and a few non-ASCII ones.
  const everyChar: string[] = [];
  for (let c = 0; c < 0x180; c++) everyChar.push(`6164${String.fromCharCode(c)}a25-da5a-7317-94e2-3bc1eca8c766`);
  for (let c = 0; c < 0x80; c++) everyChar.push(`61644a25${String.fromCharCode(c)}da5a-7317-94e2-3bc1eca8c766`);
  const alphabet = [..."0123456789abcdefABCDEFgGzZ-_ {}:", ...LOOKALIKES];
  const fuzzed = mutations(valid, alphabet, 4000, 0x5eed1);

  it("agrees with the pattern on hand-picked strings", () => {
    for (const s of handPicked) expect([s, isUuid(s)]).toEqual([s, regex.test(s)]);
  });
  it("agrees with the pattern on every character at a hex position and a hyphen position", () => {
    for (const s of everyChar) expect([s, isUuid(s)]).toEqual([s, regex.test(s)]);
  });
  it("agrees with the pattern on 4000 mutated UUIDs", () => {
    const disagreements = fuzzed.filter((s) => isUuid(s) !== regex.test(s));
    expect(disagreements).toEqual([]);
    // The mutations must exercise both answers, or the comparison proves little.
    expect(fuzzed.filter((s) => regex.test(s)).length).toBeGreaterThan(100);
    expect(fuzzed.filter((s) => !regex.test(s)).length).toBeGreaterThan(1000);
  });
  it("accepts the valid ones", () => {
    for (const s of valid) expect(isUuid(s)).toBe(true);
  });
  it("is the pattern schemas/defs/uuid.json carries", () => {
    expect(readSchema("defs/uuid.json").pattern).toBe(UUID_PATTERN);
  });
});

describe("isTimestamp is TIMESTAMP_PATTERN", () => {
  const regex = new RegExp(TIMESTAMP_PATTERN, "u");
  const valid = [
    "2026-11-25T22:24:21.123456789Z",
    "2026-11-25T22:24:21Z",
    "2026-11-25T22:24:21.123Z",
    "2026-11-25T22:24:21.123456Z",
    "1997-03-22T04:04:25.881Z",
    "2024-02-29T23:59:60Z",
    "2000-02-29T00:00:00+23:59",
    "0000-02-29T12:30:45.5-00:00",
    "1970-01-01T00:00:00.000000000Z",
    "9999-12-31T23:59:59.999999999+01:00",
    "2023-04-30T10:20:30-05:30",
  ];

  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  const handPicked: string[] = [...valid];
  // Every month's last days (and the days around them) in common, leap and century years.
  for (const year of ["0000", "0004", "0100", "1900", "2000", "2023", "2024", "2100", "2400", "9996", "9999"])
    for (let month = 0; month <= 13; month++)
      for (const day of [0, 1, 28, 29, 30, 31, 32])
        handPicked.push(`${year}-${pad(month, 2)}-${pad(day, 2)}T12:00:00Z`);
  // Every hour, minute and second boundary.
  for (const hour of [0, 9, 10, 19, 20, 23, 24, 29, 30, 99]) handPicked.push(`2024-01-01T${pad(hour, 2)}:00:00Z`);
  for (const minute of [0, 9, 59, 60, 61, 99]) handPicked.push(`2024-01-01T00:${pad(minute, 2)}:00Z`);
  for (const second of [0, 59, 60, 61, 69, 70, 99]) handPicked.push(`2024-12-31T23:59:${pad(second, 2)}Z`);
  // Fractions of 1 to 12 digits, and broken fractions.
  for (let n = 1; n <= 12; n++) {
    handPicked.push(`2024-01-01T00:00:00.${"123456789012".slice(0, n)}Z`);
    handPicked.push(`2024-01-01T00:00:00.${"9".repeat(n)}+05:45`);
  }
  handPicked.push(
    "2024-01-01T00:00:00.Z",
    "2024-01-01T00:00:00.",
    "2024-01-01T00:00:00..1Z",
    "2024-01-01T00:00:00.1.2Z",
    "2024-01-01T00:00:00,123Z",
    "2024-01-01T00:00:00.1a3Z",
    "2024-01-01T00:00:00.١Z",
  );
  // Offsets.
  for (const offset of [
    "+00:00",
    "-00:00",
    "+23:59",
    "-23:59",
    "+24:00",
    "+23:60",
    "+19:30",
    "+20:00",
    "+29:00",
    "+0100",
    "+01",
    "+1:00",
    "+01:0",
    "+01:000",
    "+01:00Z",
    "Z+01:00",
    "ZZ",
    "z",
    "",
    "UTC",
    " +01:00",
    "+01-00",
    "−01:00",
    "＋01:00",
    "+٠١:00",
  ])
    handPicked.push(`2024-06-15T08:30:00${offset}`, `2024-06-15T08:30:00.25${offset}`);
  // Separators, case, length and non-ASCII characters.
  handPicked.push(
    "2024-06-15t08:30:00Z",
    "2024-06-15T08:30:00z",
    "2024-06-15 08:30:00Z",
    "2024-06-15_08:30:00Z",
    "2024/06/15T08:30:00Z",
    "2024-06-15T08.30.00Z",
    "2024-06-15T08:30Z",
    "2024-06-15T08:30:0Z",
    "2024-06-15T8:30:00Z",
    "2024-6-15T08:30:00Z",
    "2024-06-5T08:30:00Z",
    "24-06-15T08:30:00Z",
    "+2024-06-15T08:30:00Z",
    "12024-06-15T08:30:00Z",
    "-2024-06-15T08:30:00Z",
    "2024-06-15",
    "2024-06-15T",
    "",
    "Z",
    "2024-06-15T08:30:00Z\n",
    "\n2024-06-15T08:30:00Z",
    " 2024-06-15T08:30:00Z",
    "2024-06-15T08:30:00Z ",
    "2024-06-15T08:30:00ZZ",
    "٢٠٢٤-06-15T08:30:00Z",
    "2024-06-15T08:30:0٢Z",
    "２０２４-06-15T08:30:00Z",
    "2024－06-15T08:30:00Z",
    "2024-06-15Ｔ08:30:00Z",
    "2024-06-15T08：30:00Z",
    "2024-06-15T08:30:00Ｚ",
    "2024-06-15T08:30:00\ud800",
    "2024-06-15T08:30:00😀",
    "2024-06-15T08:30:00.😀Z",
  );
  const alphabet = [..."0123456789012345678901234-:.+TtZz ,/_", ...LOOKALIKES];
  const fuzzed = mutations(valid, alphabet, 6000, 0xc0ffee);

  it("agrees with the pattern on hand-picked strings", () => {
    expect(handPicked.length).toBeGreaterThan(1000);
    const disagreements = handPicked.filter((s) => isTimestamp(s) !== regex.test(s));
    expect(disagreements).toEqual([]);
  });
  it("agrees with the pattern on 6000 mutated timestamps", () => {
    const disagreements = fuzzed.filter((s) => isTimestamp(s) !== regex.test(s));
    expect(disagreements).toEqual([]);
    expect(fuzzed.filter((s) => regex.test(s)).length).toBeGreaterThan(300);
    expect(fuzzed.filter((s) => !regex.test(s)).length).toBeGreaterThan(1000);
  });
  it("knows the calendar", () => {
    expect(isTimestamp("2024-02-29T00:00:00Z")).toBe(true);
    expect(isTimestamp("2000-02-29T00:00:00Z")).toBe(true);
    expect(isTimestamp("2400-02-29T00:00:00Z")).toBe(true);
    expect(isTimestamp("0000-02-29T00:00:00Z")).toBe(true); // proleptic Gregorian: year 0 is a leap year
    expect(isTimestamp("2023-02-29T00:00:00Z")).toBe(false);
    expect(isTimestamp("1900-02-29T00:00:00Z")).toBe(false);
    expect(isTimestamp("2100-02-29T00:00:00Z")).toBe(false);
    expect(isTimestamp("2024-04-31T00:00:00Z")).toBe(false);
    expect(isTimestamp("2024-12-31T23:59:60Z")).toBe(true);
    expect(isTimestamp("2024-12-31T23:59:61Z")).toBe(false);
  });
  it("accepts the valid ones and rejects lower-case t and z", () => {
    for (const s of valid) expect(isTimestamp(s)).toBe(true);
    expect(isTimestamp("2024-06-15t08:30:00Z")).toBe(false);
    expect(isTimestamp("2024-06-15T08:30:00z")).toBe(false);
  });
  it("is the pattern schemas/defs/timestamp.json carries", () => {
    expect(readSchema("defs/timestamp.json").pattern).toBe(TIMESTAMP_PATTERN);
  });
});

describe("isUint64", () => {
  it("accepts the integers a u64 can hold", () => {
    for (const n of [0, 1, 2 ** 53, 2 ** 53 + 2, 2 ** 63, 2 ** 64, 18446744073709551615])
      expect([n, isUint64(n)]).toEqual([n, true]);
  });
  it("rejects -0, negatives, fractions, non-finite numbers and values beyond 2^64", () => {
    for (const n of [
      -0,
      -1,
      0.5,
      1.5,
      Number.EPSILON,
      NaN,
      Infinity,
      -Infinity,
      2 ** 64 * 2,
      2 ** 65,
      Number.MAX_VALUE,
    ])
      expect([n, isUint64(n)]).toEqual([n, false]);
  });
});

describe("engineJsonViolations", () => {
  /** `n` containers nested in each other; the innermost is at `"/a"` repeated n - 1 times. */
  function nested(n: number, kind: "object" | "array"): unknown {
    let value: unknown = kind === "object" ? {} : [];
    for (let i = 1; i < n; i++) value = kind === "object" ? { a: value } : [value];
    return value;
  }

  it("is null for plain JSON data", () => {
    const values: unknown[] = [
      {},
      [],
      null,
      0,
      -0,
      1.5e300,
      "",
      "日本語 😀",
      true,
      {
        type: "run_created",
        run_id: "61644a25-da5a-7317-94e2-3bc1eca8c766",
        nested: { list: [1, "two", null, false, { "a/b~c": "😀" }], empty: {} },
      },
      Object.assign(Object.create(null), { a: 1 }),
      JSON.parse('{"a":[1,2,{"b":"\\ud83d\\ude00"}]}'),
    ];
    for (const value of values) expect(engineJsonViolations(value)).toBeNull();
  });

  it("finds a lone surrogate in a nested value, with a JSON Pointer that escapes ~ and /", () => {
    const violations = engineJsonViolations({ ok: "x", "a/b": { "c~d": ["fine", "bad \ud800"] } });
    expect(violations).toEqual([{ path: "/a~1b/c~0d/1", rule: "invalid_unicode", found: "bad \ud800" }]);
  });

  it("finds a lone surrogate in a key, at the path of the property it names", () => {
    const violations = engineJsonViolations({ outer: { "k\udc00/~": 1 } });
    expect(violations).toHaveLength(1);
    expect(violations![0]).toMatchObject({ path: "/outer/k\udc00~1~0", rule: "invalid_unicode" });
  });

  it("finds a lone surrogate parsed from JSON escapes", () => {
    const violations = engineJsonViolations(JSON.parse('{"type":"log_line","line":"\\ud800"}'));
    expect(violations).toEqual([{ path: "/line", rule: "invalid_unicode", found: "\ud800" }]);
  });

  it("finds NaN and Infinity", () => {
    expect(engineJsonViolations({ a: NaN, b: [1, Infinity], c: -Infinity })).toEqual([
      { path: "/a", rule: "non_finite", found: NaN },
      { path: "/b/1", rule: "non_finite", found: Infinity },
      { path: "/c", rule: "non_finite", found: -Infinity },
    ]);
    expect(engineJsonViolations(NaN)).toEqual([{ path: "", rule: "non_finite", found: NaN }]);
  });

  it("allows 127 levels of nesting, the root included, and not 128", () => {
    for (const kind of ["object", "array"] as const) {
      expect(engineJsonViolations(nested(127, kind))).toBeNull();
      const violations = engineJsonViolations(nested(128, kind));
      const path = (kind === "object" ? "/a" : "/0").repeat(127);
      expect(violations).toHaveLength(1);
      expect(violations![0]).toMatchObject({ path, rule: "too_deep" });
    }
    // Mixed: an event object holding 126 levels of arrays is 127 deep.
    expect(engineJsonViolations({ type: "log_line", extra: nested(126, "array") })).toBeNull();
    expect(engineJsonViolations({ type: "log_line", extra: nested(127, "array") })).toMatchObject([
      { path: "/extra" + "/0".repeat(126), rule: "too_deep" },
    ]);
  });

  it("rejects values that are not JSON data", () => {
    const fn = () => 1;
    const sym = Symbol("s");
    const map = new Map([["a", 1]]);
    const cases: [unknown, string][] = [
      [{ a: undefined }, "/a"],
      [{ a: { b: fn } }, "/a/b"],
      [{ a: [sym] }, "/a/0"],
      [{ a: 1n }, "/a"],
      [{ a: map }, "/a"],
      [{ a: new Set([1]) }, "/a"],
      [[1, , 3], "/1"], // a hole reads as undefined
      [undefined, ""],
      [fn, ""],
    ];
    for (const [value, path] of cases) {
      const violations = engineJsonViolations(value);
      expect(violations).toHaveLength(1);
      expect(violations![0]).toMatchObject({ path, rule: "not_json" });
    }
  });

  it("reports violations in document order", () => {
    expect(engineJsonViolations({ a: "\ud800", b: NaN, c: undefined })?.map((v) => [v.path, v.rule])).toEqual([
      ["/a", "invalid_unicode"],
      ["/b", "non_finite"],
      ["/c", "not_json"],
    ]);
  });

  describe("stops after exactly MAX_VIOLATIONS violations on a huge bad input", () => {
    it("bad values in an array", () => {
      const violations = engineJsonViolations(new Array(100_000).fill("\ud800"));
      expect(violations!.length).toBe(MAX_VIOLATIONS);
    });
    it("bad values in an object", () => {
      const object: Record<string, unknown> = {};
      for (let i = 0; i < 50_000; i++) object[`k${i}`] = i % 2 ? NaN : undefined;
      const violations = engineJsonViolations(object);
      expect(violations!.length).toBe(MAX_VIOLATIONS);
    });
    it("bad keys in an object", () => {
      const object: Record<string, unknown> = {};
      for (let i = 0; i < 50_000; i++) object[`\ud800${i}`] = i;
      const violations = engineJsonViolations(object);
      expect(violations!.length).toBe(MAX_VIOLATIONS);
    });
    it("many too-deep branches", () => {
      const branches = Array.from({ length: 5_000 }, () => nested(130, "array"));
      const violations = engineJsonViolations(branches);
      expect(violations!.length).toBe(MAX_VIOLATIONS);
    });
  });
});
