// The arbitraries: every valid event parses, each near miss gives exactly its issue code.
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseEvent } from "../../src/index.js";
import { arbitraryEvent, arbitraryNearMiss, NEAR_MISS_CODES, type NearMiss } from "../../src/testing/arbitraries.js";
import { KIT_ENGINE, KIT_EVENT_TYPES } from "../../src/testing/kit-format.js";
import { issuesThrownBy } from "../support/thrown.js";

/** The kit's events are its engine format's (the seed's): read them as that engine does. */
const KIT = { engine: KIT_ENGINE } as const;

const RUNS = 300;

/** The codes parseEvent gives for a near miss; fails the property when it accepts the input. */
function codesOf({ input, options }: NearMiss): string[] {
  return [...new Set(issuesThrownBy(() => parseEvent(input, options)).map((issue) => issue.code))];
}

describe("arbitraryEvent", () => {
  for (const type of KIT_EVENT_TYPES)
    it(`gives valid ${type} events, which survive JSON`, () => {
      fc.assert(
        fc.property(arbitraryEvent(type), (event) => {
          expect(event.type).toBe(type);
          expect(parseEvent(event, KIT)).toEqual(event);
          expect(parseEvent(JSON.stringify(event), KIT)).toEqual(event);
        }),
        { numRuns: RUNS, seed: 17 },
      );
    });

  it("gives every type when no type is asked for", () => {
    const types = new Set(fc.sample(arbitraryEvent(), { numRuns: 600, seed: 3 }).map((event) => event.type));
    expect([...types].sort()).toEqual([...KIT_EVENT_TYPES].sort());
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
