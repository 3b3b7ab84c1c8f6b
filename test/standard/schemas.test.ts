// eventSchema and eventSchemas as Standard Schemas: what `~standard.validate` returns for the
// engine's events and for broken ones (paths from our JSON Pointers, our codes kept), and the
// exact types a consumer infers from them.
import type { StandardSchemaV1 as SpecSchema, StandardJSONSchemaV1 as SpecJSONSchema } from "@standard-schema/spec";
import { describe, expect, expectTypeOf, it } from "vitest";
import { EVENT_TYPES } from "../../generated/constants.js";
import { parseEvent, validateEvent, type Event, type Labels, type RunFailed } from "../../src/index.js";
import { eventSchema, eventSchemas, type EventInput } from "../../src/standard/index.js";
import { engineEventLines } from "../support/vectors.js";
import { WIRE_RUN_FAILED } from "../support/sample-events.js";

const LINES = engineEventLines();
const RUN_FAILED = WIRE_RUN_FAILED satisfies EventInput<"run_failed">; // the wire shape: no error

/** validate, whose result the spec allows to be a promise; ours never is. */
function validate(schema: SpecSchema, value: unknown): SpecSchema.Result<unknown> {
  const result = schema["~standard"].validate(value);
  expect(result).not.toBeInstanceOf(Promise);
  return result as SpecSchema.Result<unknown>;
}

describe("eventSchema['~standard'].validate", () => {
  it("is version 1 of vendor ironflow-events", () => {
    expect(eventSchema["~standard"].version).toBe(1);
    expect(eventSchema["~standard"].vendor).toBe("ironflow-events");
  });

  it(`returns every engine event as parseEvent does (${LINES.length} events)`, () => {
    for (const line of LINES) {
      const result = validate(eventSchema, JSON.parse(line));
      expect(result.issues).toBeUndefined();
      expect((result as SpecSchema.SuccessResult<unknown>).value).toEqual(parseEvent(line));
    }
  });

  it("fills in error: null where the wire leaves it out, without changing the input", () => {
    const input = { ...RUN_FAILED };
    const result = validate(eventSchema, input) as SpecSchema.SuccessResult<RunFailed>;
    expect(result.value.error).toBeNull();
    expect("error" in input).toBe(false);
  });

  it("reports our issues with their codes and Standard paths", () => {
    const result = validate(eventSchema, { ...RUN_FAILED, duration_ms: -1, run_id: undefined });
    const ours = validateEvent({ ...RUN_FAILED, duration_ms: -1, run_id: undefined });
    expect(ours.ok).toBe(false);
    expect(result.issues).toEqual(
      (ours as { issues: { path: string; code: string; message: string }[] }).issues.map((issue) => ({
        message: issue.message,
        code: issue.code,
        path: [issue.path.slice(1)],
      })),
    );
    expect(result.issues!.map((issue) => issue.path)).toEqual(expect.arrayContaining([["duration_ms"], ["run_id"]]));
    expect(validate(eventSchema, "text").issues).toEqual([
      { message: expect.stringContaining("must be a JSON object"), code: "type", path: [] },
    ]);
  });

  it("decodes ~1 and ~0, and gives array indexes as numbers (and only those)", () => {
    const lone = "\ud800";
    const result = validate(eventSchema, {
      ...RUN_FAILED,
      "a/b~c": lone,
      list: [0, { "0": lone, "~1": [lone] }],
    });
    expect(result.issues!.map((issue) => [issue.path, (issue as { code?: string }).code])).toEqual([
      [["a/b~c"], "invalid_unicode"],
      [["list", 1, "0"], "invalid_unicode"],
      [["list", 1, "~1", 0], "invalid_unicode"],
    ]);
  });

  it("refuses an unknown type with unknown_event_type, so a consumer can tell events of a newer engine", () => {
    const result = validate(eventSchema, { type: "run_paused" });
    expect(result.issues).toEqual([expect.objectContaining({ path: ["type"], code: "unknown_event_type" })]);
  });
});

describe("eventSchemas", () => {
  it("has one schema per event type, each accepting its own type only", () => {
    expect(Object.keys(eventSchemas)).toEqual([...EVENT_TYPES]);
    const byType = new Map(LINES.map((line) => [JSON.parse(line).type as string, JSON.parse(line)]));
    for (const type of EVENT_TYPES) {
      for (const [other, event] of byType) {
        const result = validate(eventSchemas[type], event);
        if (other === type) expect(result.issues, type).toBeUndefined();
        else
          expect(result.issues, `${type} given ${other}`).toEqual([
            {
              message: `must be "${type}" (this schema takes ${type} events only), got "${other}"`,
              path: ["type"],
              code: "type",
            },
          ]);
      }
    }
  });

  it("reports the issues of an invalid event of its own type as eventSchema does", () => {
    const broken = { ...RUN_FAILED, at: "yesterday" };
    expect(validate(eventSchemas.run_failed, broken).issues).toEqual(validate(eventSchema, broken).issues);
  });
});

describe("types a consumer infers", () => {
  it("output: exactly Event and RunFailed; input: the wire shape, error optional only where the engine defaults it", () => {
    expectTypeOf<SpecSchema.InferOutput<typeof eventSchema>>().toEqualTypeOf<Event>();
    expectTypeOf<SpecSchema.InferOutput<typeof eventSchemas.run_failed>>().toEqualTypeOf<RunFailed>();
    expectTypeOf<SpecJSONSchema.InferOutput<typeof eventSchemas.run_failed>>().toEqualTypeOf<RunFailed>();
    expectTypeOf<SpecSchema.InferInput<typeof eventSchemas.run_failed>>().toEqualTypeOf<{
      type: "run_failed";
      run_id: string;
      workflow_name: string;
      error?: string | null;
      cost_usd: number;
      duration_ms: number;
      labels?: Labels;
      at: string;
    }>();
    expectTypeOf<SpecSchema.InferInput<typeof eventSchema>>().toEqualTypeOf<EventInput>();
    expectTypeOf<Omit<EventInput<"step_failed">, "error">>().not.toMatchTypeOf<EventInput<"step_failed">>(); // step_failed's error is required
    expectTypeOf(eventSchema).toMatchTypeOf<SpecSchema<EventInput, Event>>();
    expectTypeOf(eventSchema).toMatchTypeOf<SpecJSONSchema<EventInput, Event>>();
  });
});
