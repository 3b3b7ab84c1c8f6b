// Property tests (fast-check) with fixed seeds: valid events of every variant, derived
// from the bundled schema, round-trip; hostile text and hostile values are refused with
// EventValidationError alone, and the package accepts exactly what an independent check
// accepts (Ajv compiled at run time from generated/schema.json, plus the rules beyond the
// schema written again in test/fuzz/independent.ts). 120,000 cases in all; `npm run fuzz`
// runs the same properties by the million with a random seed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { independentVerdict, MAX_DEPTH, VARIANT_NAMES } from "../fuzz/independent.js";
import { hostileTextProperty, hostileValueProperty, sameJson, validEventsProperty } from "../fuzz/properties.js";
import { arbitraryFor, timestamp, uuid } from "../fuzz/valid-events.js";
import { yieldingProperty } from "../support/event-loop.js";

/** Cases per property; their sum is what the README's "Security and limits" reports. */
const CI_RUNS = { validEvents: 30_000, hostileText: 50_000, hostileValues: 40_000 };

const userSignedOut = (fields: Record<string, unknown> = {}) => ({
  type: "user_signed_out",
  user_id: "460a7a4d-ab36-70a1-98a2-709815e295fd",
  at: "2054-04-07T21:24:08.379Z",
  ...fields,
});

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe("the independent check", () => {
  it("accepts the schema's examples and refuses what each rule beyond the schema forbids", () => {
    expect(independentVerdict(userSignedOut())).toBeNull();
    const bad: [string, unknown][] = [
      ["lone surrogate in a value", userSignedOut({ extra: "a\ud800" })],
      ["lone surrogate in a key", userSignedOut({ "\udc00": 1 })],
      ["Infinity (1e400 as JSON.parse reads it)", userSignedOut({ extra: JSON.parse("1e400") })],
      ["NaN", userSignedOut({ extra: Number.NaN })],
      ["128 levels", userSignedOut({ extra: nested(MAX_DEPTH) })],
      ["undefined", userSignedOut({ extra: undefined })],
      ["a Date", userSignedOut({ extra: new Date(0) })],
      ["an array hole", userSignedOut({ extra: [, 1] })],
      [
        "a class instance",
        new (class Signal {
          type = "user_signed_out";
          user_id = userSignedOut().user_id;
          at = userSignedOut().at;
        })(),
      ],
      ["a urn:uuid: id", userSignedOut({ user_id: `urn:uuid:${userSignedOut().user_id}` })],
      ["an upper-case uuid with braces", userSignedOut({ user_id: `{${userSignedOut().user_id}}` })],
      ["29 February 2023", userSignedOut({ at: "2023-02-29T00:00:00Z" })],
    ];
    for (const [what, value] of bad) expect(independentVerdict(value), what).not.toBeNull();
    expect(independentVerdict(userSignedOut({ extra: nested(MAX_DEPTH - 1) }))).toBeNull(); // 127 levels
    // ajv-formats' date-time would refuse a leap second outside 23:59 UTC; the engine takes it.
    expect(independentVerdict(userSignedOut({ at: "2054-04-07T21:24:60.5+02:00" }))).toBeNull();
  });

  it("refuses -0 as a u64 and takes 2^64 (what 18446744073709551615 reads as)", () => {
    const run = (duration_ms: number) => ({
      type: "run_failed",
      run_id: "7b064110-80cf-7bfc-917b-69eee67af422",
      workflow_name: "w",
      error: null,
      cost_usd: 0,
      duration_ms,
      at: "2028-03-20T08:25:05.127Z",
    });
    expect(independentVerdict(run(-0))).not.toBeNull();
    expect(independentVerdict(run(0))).toBeNull();
    expect(independentVerdict(run(JSON.parse("18446744073709551615")))).toBeNull();
    expect(independentVerdict(run(2 ** 64 + 4096))).not.toBeNull();
    expect(independentVerdict(run(1.5))).not.toBeNull();
  });

  it("strict mode refuses unknown keys, __proto__ included", () => {
    expect(independentVerdict(userSignedOut(), true)).toBeNull();
    expect(
      independentVerdict(JSON.parse(`{"__proto__":1,${JSON.stringify(userSignedOut()).slice(1)}`), true),
    ).not.toBeNull();
  });
});

describe("the arbitraries", () => {
  it("refuse a schema keyword they do not know, instead of ignoring it", () => {
    expect(() => arbitraryFor({ type: "string", minLength: 1 })).toThrow(/minLength/);
    expect(() => arbitraryFor({ type: "string", format: "email" })).toThrow(/email/);
    expect(() => arbitraryFor({ type: "string", pattern: "^a$" })).toThrow(/pattern/);
    expect(() => arbitraryFor({ type: "string", not: { minLength: 3 } })).toThrow(/not/);
    const noX = arbitraryFor({ type: "string", not: { pattern: "x" } });
    for (const s of fc.sample(noX, { numRuns: 300, seed: 3 })) expect(s).not.toContain("x");
  });

  it("make uuids and timestamps that the schema's patterns accept", () => {
    const uuidPattern = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
    for (const id of fc.sample(uuid, { numRuns: 500, seed: 1 })) expect(id).toMatch(uuidPattern);
    for (const at of fc.sample(timestamp, { numRuns: 2000, seed: 1 }))
      expect(independentVerdict(userSignedOut({ at })), at).toBeNull();
  });

  it("compares JSON data as JSON does: 0 equals -0, key order does not matter", () => {
    expect(sameJson({ a: 0, b: [1] }, { b: [1], a: -0 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
  });
});

describe("properties (fixed seeds)", () => {
  it(`valid events of every variant validate and round-trip through JSON text (${CI_RUNS.validEvents} cases)`, async () => {
    const seen = new Map<string, number>();
    await fc.assert(yieldingProperty(validEventsProperty(undefined, seen)), {
      seed: 0x1f2e3d4c,
      numRuns: CI_RUNS.validEvents,
    });
    expect([...seen.keys()].sort()).toEqual([...VARIANT_NAMES].sort());
    for (const [variant, runs] of seen) expect(runs, variant).toBeGreaterThan(CI_RUNS.validEvents / 24);
  });

  it(`hostile JSON text: only EventValidationError, and the same verdict as the independent check (${CI_RUNS.hostileText} cases)`, async () => {
    await fc.assert(yieldingProperty(hostileTextProperty()), { seed: 0x5eed0008, numRuns: CI_RUNS.hostileText });
  });

  it(`hostile parsed values: never a crash, input unchanged, the same verdict as the independent check (${CI_RUNS.hostileValues} cases)`, async () => {
    await fc.assert(yieldingProperty(hostileValueProperty()), { seed: 0x0dd5eed, numRuns: CI_RUNS.hostileValues });
  });
});
