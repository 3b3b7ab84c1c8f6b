// The arbitraries: every valid event parses, each near miss gives exactly its issue code.
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Event, parseEvent } from "../../src/index.js";
import { arbitraryEvent, arbitraryNearMiss, NEAR_MISS_CODES, type NearMiss } from "../../src/testing/arbitraries.js";
import { issuesThrownBy } from "../support/thrown.js";

const RUNS = 300;

/** The codes parseEvent gives for a near miss; fails the property when it accepts the input. */
function codesOf({ input, options }: NearMiss): string[] {
  return [...new Set(issuesThrownBy(() => parseEvent(input, options)).map((issue) => issue.code))];
}

describe("arbitraryEvent", () => {
  for (const type of Event.ALL)
    it(`gives valid ${type} events, which survive JSON`, () => {
      fc.assert(
        fc.property(arbitraryEvent(type), (event) => {
          expect(event.type).toBe(type);
          expect(parseEvent(event)).toEqual(event);
          expect(parseEvent(JSON.stringify(event))).toEqual(event);
        }),
        { numRuns: RUNS, seed: 17 },
      );
    });

  it("gives every type when no type is asked for", () => {
    const types = new Set(fc.sample(arbitraryEvent(), { numRuns: 600, seed: 3 }).map((event) => event.type));
    expect([...types].sort()).toEqual([...Event.ALL].sort());
  });

  it("refuses a name that is not an event type", () => {
    expect(() => arbitraryEvent("run_paused" as never)).toThrow(/"run_paused" is not an event type/);
  });
});

describe("arbitraryNearMiss", () => {
  for (const code of NEAR_MISS_CODES)
    it(`each ${code} near miss gives exactly ${code}`, () => {
      fc.assert(
        fc.property(arbitraryNearMiss(code), (miss) => {
          expect(miss.code).toBe(code);
          expect(codesOf(miss), miss.change).toEqual([code]);
        }),
        { numRuns: RUNS, seed: 17 },
      );
    });

  it("gives every code when no code is asked for", () => {
    const codes = new Set(fc.sample(arbitraryNearMiss(), { numRuns: 600, seed: 5 }).map((miss) => miss.code));
    expect([...codes].sort()).toEqual([...NEAR_MISS_CODES].sort());
  });
});
