// Every event in test/vectors/engine-events.ndjson is real output of the engine's serde
// code (engine 2.14.1, the seed): each must parse as that engine reads it, in default and
// strict mode, to exactly what JSON.parse reads, with left-out optional fields filled in with
// their schema default (`error: null`), the defaults of the seed's bundle.
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import schema from "../../generated/formats/2.14/schema.json" with { type: "json" };
import { eventType, parseEvent } from "../../src/index.js";
import { vectorPath, VECTORS_ENGINE } from "../support/vectors.js";

const VECTORS = vectorPath("engine-events.ndjson");

interface VariantSchema {
  required: string[];
  properties: Record<string, { default?: unknown }>;
}

const variants = schema.$defs as unknown as Record<string, VariantSchema>;

/** The properties a variant may leave out and that then read as a default, from the schema. */
function defaultsOf(type: string): Record<string, unknown> {
  const variant = variants[type];
  const out: Record<string, unknown> = {};
  if (variant === undefined) return out;
  for (const [name, property] of Object.entries(variant.properties))
    if (!variant.required.includes(name) && "default" in property) out[name] = property.default;
  return out;
}

/** What parseEvent must return for a line: its JSON with absent defaulted fields added. */
function expectedEvent(line: string): Record<string, unknown> {
  const raw = JSON.parse(line) as Record<string, unknown>;
  return { ...defaultsOf(raw.type as string), ...raw };
}

function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

test("the defaults derived from the schema are the engine's (error reads as null)", () => {
  expect(defaultsOf("run_failed")).toStrictEqual({ error: null });
  expect(defaultsOf("run_status_changed")).toStrictEqual({ error: null });
  expect(defaultsOf("step_failed")).toStrictEqual({});
});

test("every engine event parses to what it says, in default and strict mode", () => {
  const lines = readFileSync(VECTORS, "utf8")
    .split("\n")
    .filter((line) => line !== "");
  expect(lines).toHaveLength(1200);

  const failures: string[] = [];
  const seenTypes = new Set<string>();
  lines.forEach((line, index) => {
    const where = `line ${index + 1}`;
    const expected = expectedEvent(line);
    seenTypes.add(expected.type as string);
    for (const strict of [false, true]) {
      const mode = strict ? "strict" : "default";
      try {
        const event = parseEvent(line, { strict, engine: VECTORS_ENGINE });
        if (eventType(event) !== expected.type)
          failures.push(`${where} (${mode}): eventType ${eventType(event)}, want ${String(expected.type)}`);
        try {
          expect(event).toStrictEqual(expected);
        } catch {
          failures.push(`${where} (${mode}): parsed event differs from the line's JSON`);
        }
      } catch (error) {
        failures.push(`${where} (${mode}): ${describeFailure(error).slice(0, 300)}`);
      }
    }
  });

  expect(failures).toStrictEqual([]);
  expect(seenTypes.size).toBe(12);
});
