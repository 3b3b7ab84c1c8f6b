// The arbitraries, per engine format: every valid event parses with that engine, each near miss
// gives exactly its issue code.
import * as fc from "fast-check";
import { describe, expect, expectTypeOf, it } from "vitest";
import { ENGINE_FORMATS, parseEvent, type EventOf } from "../../src/index.js";
import { arbitraryEvent, arbitraryNearMiss, NEAR_MISS_CODES, type NearMiss } from "../../src/testing/arbitraries.js";
import { issuesThrownBy } from "../support/thrown.js";

const RUNS = 120;

/** The codes parseEvent gives for a near miss; fails the property when it accepts the input. */
function codesOf({ input, options }: NearMiss): string[] {
  return [...new Set(issuesThrownBy(() => parseEvent(input, options)).map((issue) => issue.code))];
}

for (const { format, first, eventTypes } of ENGINE_FORMATS) {
  const at = { engine: first };

  describe(`arbitraryEvent, engine ${format}`, () => {
    for (const type of eventTypes)
      it(`gives valid ${type} events, which survive JSON`, () => {
        fc.assert(
          fc.property(arbitraryEvent(type as "run_created", at as { engine: string }), (event) => {
            expect(event.type).toBe(type);
            expect(parseEvent(event, { ...at, strict: true })).toEqual(event);
            expect(parseEvent(JSON.stringify(event), at)).toEqual(event);
          }),
          { numRuns: RUNS, seed: 17 },
        );
      });

    it("gives every type of the version when no type is asked for", () => {
      const types = new Set(fc.sample(arbitraryEvent(at), { numRuns: 800, seed: 3 }).map((event) => event.type));
      expect([...types].sort()).toEqual([...eventTypes].sort());
    });
  });

  describe(`arbitraryNearMiss, engine ${format}`, () => {
    for (const code of NEAR_MISS_CODES)
      it(`each ${code} near miss gives exactly ${code}`, () => {
        fc.assert(
          fc.property(arbitraryNearMiss(code, at), (miss) => {
            expect(miss.code).toBe(code);
            expect(miss.options?.engine).toBe(first);
            expect(codesOf(miss), miss.change).toEqual([code]);
          }),
          { numRuns: RUNS, seed: 17 },
        );
      });

    it("gives every code when no code is asked for", () => {
      const codes = new Set(fc.sample(arbitraryNearMiss(at), { numRuns: 600, seed: 5 }).map((miss) => miss.code));
      expect([...codes].sort()).toEqual([...NEAR_MISS_CODES].sort());
    });
  });
}

describe("arbitraryEvent", () => {
  it("draws the newest format without an engine, and a newer format's events are near misses of an older one", () => {
    const types = new Set(fc.sample(arbitraryEvent(), { numRuns: 800, seed: 3 }).map((event) => event.type));
    expect(types).toContain("provider_account.usage_updated");
    const laterTypes = fc
      .sample(arbitraryNearMiss("unknown_event_type", { engine: "2.14" }), { numRuns: 300, seed: 9 })
      .map((miss) => (miss.input as { type: string }).type);
    expect(laterTypes).toContain("retry_forced");
  });

  it("refuses a name that is not an event type of the version, and a version not modelled", () => {
    expect(() => arbitraryEvent("run_paused" as never)).toThrow(/"run_paused" is not an event type of engine 2\.52\.x/);
    expect(() => arbitraryEvent("signal_awaited" as never, { engine: "2.20" })).toThrow(
      /"signal_awaited" is not an event type of engine 2\.20\.x–2\.40\.x \(it is one of engine 2\.52\.x\)/,
    );
    expect(() => arbitraryEvent({ engine: "4.0" } as never)).toThrow(/^arbitraryEvent: engine "4\.0" is not modelled/);
  });

  it("is typed per version", () => {
    expectTypeOf(arbitraryEvent("run_failed", { engine: "2.14" })).toEqualTypeOf<
      fc.Arbitrary<EventOf<"run_failed", "2.14">>
    >();
    expectTypeOf(arbitraryEvent("run_failed")).toEqualTypeOf<fc.Arbitrary<EventOf<"run_failed">>>();
    // @ts-expect-error: engine 2.14 has no retry_forced
    expect(() => arbitraryEvent("retry_forced", { engine: "2.14" })).toThrow(TypeError);
  });
});
