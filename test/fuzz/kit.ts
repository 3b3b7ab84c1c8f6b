// The testing kit's properties, per engine format, for `npm run fuzz -- --engine V` (and each
// modelled format in turn without it): every event the kit draws for a format is read back by
// that format's reader from the engine's text, and every near miss gives exactly its code. The
// other properties fuzz the seed's format against an independent restatement of its rules;
// these hold the kit to the package's reader of each format (and the reader, through the
// vectors, is held to the engine's).
import fc from "fast-check";
import { EventValidationError, parseEvent } from "../../src/index.js";
import { arbitraryEvent, arbitraryNearMiss } from "../../src/testing/arbitraries.js";
import { toEngineJson } from "../../src/testing/index.js";
import type { Counter } from "./properties.js";

function fail(message: string): never {
  throw new Error(message);
}

/** The kit's valid events of `engine`, as the engine writes them: read back strictly, the same event. */
export function kitEventsProperty(engine: string, counter?: Counter) {
  const at = { engine } as { engine: string };
  return fc.property(arbitraryEvent(at), (event) => {
    if (counter !== undefined) counter.onRun?.(++counter.runs);
    const text = toEngineJson(event, at);
    let read: unknown;
    try {
      read = parseEvent(text, { engine, strict: true });
    } catch (error) {
      fail(`engine ${engine} refused the kit's event: ${String(error)}\n${text.slice(0, 2000)}`);
    }
    if (JSON.stringify(read) !== JSON.stringify(event)) fail(`read back otherwise: ${text.slice(0, 2000)}`);
  });
}

/** The kit's near misses of `engine`: each refused with exactly its code. */
export function kitNearMissesProperty(engine: string, counter?: Counter) {
  return fc.property(arbitraryNearMiss({ engine } as { engine: string }), (miss) => {
    if (counter !== undefined) counter.onRun?.(++counter.runs);
    let codes: string[];
    try {
      parseEvent(miss.input, miss.options);
      codes = [];
    } catch (error) {
      if (!(error instanceof EventValidationError)) fail(`threw ${String(error)} for ${miss.change}`);
      codes = [...new Set(error.issues.map((issue) => issue.code))];
    }
    if (codes.length !== 1 || codes[0] !== miss.code)
      fail(`engine ${engine}, ${miss.change}: expected ${miss.code}, got ${codes.join(", ") || "accepted"}`);
  });
}
