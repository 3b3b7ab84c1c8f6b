// The generated fast path (scripts/generate/fast-path.ts) must never disagree with the full
// path: for every input of every vector file, read with every engine format, in default and
// strict mode, as text and as a value, parseEvent, validateEvent and isEvent give the same
// outcome (the same event, or the same issues in the same order) with the fast path on as
// with it off. The fast path only ever answers "valid, nothing to report" or "I cannot say":
// this test is what holds it to that.
import { afterAll, describe, expect, it, vi } from "vitest";
import { ENGINE_FORMATS, isEvent, parseEvent, validateEvent } from "../../src/index.js";
import { FORMATS } from "../../src/engine/index.js";
import { nearLimit } from "../../src/rules/index.js";
import { useFastPath } from "../../src/validate.js";
import { turn } from "../support/event-loop.js";
import { issuesThrownBy } from "../support/thrown.js";
import { engineEventLines, everyVectorFile, formatEventLines, VECTOR_FORMATS } from "../support/vectors.js";

const FILES = everyVectorFile();

const MODES = [false, true] as const;

/** Every outcome of one text read with one format and mode, as data that toEqual compares in full. */
function outcomes(text: string, engine: string, strict: boolean): unknown[] {
  const options = { engine, strict };
  const fromText = attempt(() => parseEvent(text, options));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [fromText]; // not JSON: only the text path reads it
  }
  const parsed = () => JSON.parse(text) as unknown; // a fresh value per reader: none may see another's changes
  const validated = validateEvent(parsed(), options);
  return [
    fromText,
    attempt(() => parseEvent(parsed(), options)),
    validated.ok ? { ok: true, event: validated.event } : { ok: false, issues: validated.issues },
    isEvent(value, options),
  ];
}

function attempt(read: () => unknown): unknown {
  try {
    return { event: read() };
  } catch {
    return { issues: issuesThrownBy(read) };
  }
}

let compared = 0;
afterAll(() => useFastPath(true));

/** Lines per test: each test stays well inside the timeout on a busy machine. */
const CHUNK = 1000;

describe.each(FILES)("%s", (_, texts) => {
  const lines = texts();
  it("has lines", () => expect(lines.length).toBeGreaterThan(0));
  for (let first = 0; first < lines.length; first += CHUNK)
    it(`lines ${first + 1} to ${Math.min(first + CHUNK, lines.length)} read to the same outcome with the fast path as without it, with every format, default and strict`, async () => {
      for (let start = first; start < Math.min(first + CHUNK, lines.length); start += 250) {
        for (const text of lines.slice(start, Math.min(start + 250, first + CHUNK)))
          for (const { format } of ENGINE_FORMATS)
            for (const strict of MODES) {
              useFastPath(false);
              const full = outcomes(text, format, strict);
              useFastPath(true);
              const fast = outcomes(text, format, strict);
              // A second look, with the memos holding this event's IDs (in default mode: the memos
              // are the same in both modes, and strict mode's only extra check, unknown fields,
              // runs after them).
              const again = strict ? full : outcomes(text, format, strict);
              if (JSON.stringify(fast) !== JSON.stringify(full) || JSON.stringify(again) !== JSON.stringify(full)) {
                expect({ text, format, strict, fast }).toEqual({ text, format, strict, fast: full });
                expect({ text, format, strict, again }).toEqual({ text, format, strict, again: full });
              }
              compared += full.length;
            }
        await turn();
      }
    });
});

describe("the fast path", () => {
  it("vouches for every event each format's engine wrote, as text and as a value, but for a number near a limit", () => {
    for (const format of VECTOR_FORMATS) {
      const { fast } = FORMATS.find((f) => f.format === format)!;
      const lines = format === "2.14" ? engineEventLines() : formatEventLines(format);
      const refused = lines.filter((line) => !fast(JSON.parse(line)) || !fast(JSON.parse(line), line));
      expect(refused.filter((line) => !hasNumberNearALimit(JSON.parse(line)))).toEqual([]);
    }
  });

  it("refuses an empty ID as the first event a process reads, whose memos have looked at nothing yet", async () => {
    vi.resetModules();
    const fresh = (await import("../../src/index.js")) as typeof import("../../src/index.js");
    const empty = '{"type":"run_created","run_id":"","workflow_name":"deploy","at":"2024-04-19T05:23:13.255Z"}';
    expect(() => fresh.parseEvent(empty)).toThrow(fresh.EventValidationError);
    expect(fresh.isEvent(JSON.parse(empty))).toBe(false);
  });

  it("is compared over more than 1,000,000 outcomes", () => {
    expect(compared).toBeGreaterThan(1_000_000);
  });
});

/** A number whose magnitude is within 0.3% of a cost's limit or above, at any depth (src/rules/number-limits.ts). */
function hasNumberNearALimit(value: unknown): boolean {
  if (typeof value === "number") return Math.abs(value) > nearLimit(2 ** 96);
  if (value === null || typeof value !== "object") return false;
  return Object.values(value).some(hasNumberNearALimit);
}
