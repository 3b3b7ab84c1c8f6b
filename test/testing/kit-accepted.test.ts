// Everything the kit makes for an engine format is read by that format's reader, as the engine
// wrote it: makeEvent, makeRun and arbitraryEvent, through toEngineJson, into parseEvent (strict,
// with the same engine) and back to the same event. Property-style over seeds, bounded runs.
// (By hand, the same output was checked against the engine's own reader, the oracle: see
// docs/testing.md.)
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ENGINE_FORMATS, parseEvent } from "../../src/index.js";
import { arbitraryEvent } from "../../src/testing/arbitraries.js";
import { makeEvent, makeRun, toEngineJson } from "../../src/testing/index.js";

const RUNS = 150;
const seed = fc.integer({ min: 0, max: 4294967295 });

for (const { format, first, eventTypes } of ENGINE_FORMATS) {
  const at = { engine: first } as { engine: string };
  const strict = { engine: first, strict: true };
  /** The event as the engine writes it, read back by the format's reader: the same event. */
  const readsBack = (event: object) => {
    const text = toEngineJson(event as never, at);
    expect(parseEvent(text, strict)).toEqual(event);
  };

  describe(`the kit's events of engine ${format}, read by its reader`, () => {
    it("makeEvent: any type of the version, any seed", () => {
      fc.assert(
        fc.property(fc.constantFrom(...eventTypes), seed, (type, s) => {
          readsBack(makeEvent(type as "run_created", {}, { seed: s, ...at }));
        }),
        { numRuns: RUNS, seed: 21 },
      );
    });

    it("makeRun: any seed, every event of the run", () => {
      fc.assert(
        fc.property(seed, (s) => {
          for (const event of makeRun({ seed: s, ...at })) readsBack(event);
        }),
        { numRuns: 40, seed: 21 },
      );
    });

    it("arbitraryEvent: any event of the version", () => {
      fc.assert(fc.property(arbitraryEvent(at), readsBack), { numRuns: RUNS, seed: 21 });
    });
  });
}
