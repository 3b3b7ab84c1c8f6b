// eventSchemaFor and eventSchemasFor: the Standard Schemas of another engine version read as
// validateEvent with that `engine` reads (its types, its defaults, its enums), give that
// version's bundle as their JSON Schema, and carry that version's types.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { StandardSchemaV1 as SpecSchema, StandardJSONSchemaV1 as SpecJSONSchema } from "@standard-schema/spec";
import { describe, expect, expectTypeOf, it } from "vitest";
import { ENGINE_FORMATS, ENGINE_VERSION, validateEvent, type EventAt, type EventOf } from "../../src/index.js";
import {
  eventSchema,
  eventSchemaFor,
  eventSchemas,
  eventSchemasFor,
  type EventInputAt,
} from "../../src/standard/index.js";
import { formatEventLines, formatVerdictRows, VECTOR_FORMATS } from "../support/vectors.js";

function validate(schema: SpecSchema, value: unknown): SpecSchema.Result<unknown> {
  const result = schema["~standard"].validate(value);
  expect(result).not.toBeInstanceOf(Promise);
  return result as SpecSchema.Result<unknown>;
}

const bundle = (format: string) =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../generated/formats/${format}/schema.json`, import.meta.url)), "utf8"),
  ) as { $id: string; $defs: Record<string, { required: string[] }> };

describe.each(VECTOR_FORMATS)("eventSchemaFor(%s)", (format) => {
  const schema = eventSchemaFor(format);
  const lines = formatEventLines(format);

  it("returns every event its engine wrote as validateEvent with that engine does", () => {
    for (const line of lines) {
      const value = JSON.parse(line) as unknown;
      const expected = validateEvent(value, { engine: format });
      expect(expected.ok, line).toBe(true);
      expect(validate(schema, value), line).toEqual({ value: expected.ok && expected.event });
    }
  });

  it("agrees with the engine's verdicts on near misses (as validateEvent reads them)", () => {
    const rows = formatVerdictRows(format)
      .filter((row) => !row.same_after_json_parse)
      .slice(0, 1500);
    let rejected = 0;
    for (const row of rows) {
      let value: unknown;
      try {
        value = JSON.parse(row.json);
      } catch {
        continue;
      }
      const expected = validateEvent(value, { engine: format });
      const result = validate(schema, value);
      expect(result.issues === undefined, row.json).toBe(expected.ok);
      if (result.issues) rejected++;
    }
    expect(rejected).toBeGreaterThan(100);
  });

  it("per type: eventSchemasFor has exactly that version's types, each taking its own only", () => {
    const schemas = eventSchemasFor(format) as Record<string, SpecSchema>;
    const info = ENGINE_FORMATS.find((entry) => entry.format === format)!;
    expect(Object.keys(schemas)).toEqual([...info.eventTypes]);
    const [line] = lines;
    const type = (JSON.parse(line!) as { type: string }).type;
    const other = info.eventTypes.find((name) => name !== type)!;
    expect(validate(schemas[type]!, JSON.parse(line!)).issues).toBeUndefined();
    expect(validate(schemas[other]!, JSON.parse(line!)).issues?.[0]).toMatchObject({ path: ["type"], code: "type" });
  });

  it("gives that version's bundle as its JSON Schema, the defaulted fields required in the output", () => {
    const input = schema["~standard"].jsonSchema.input({ target: "draft-2020-12" });
    expect(input).toEqual(format === ENGINE_FORMATS.at(-1)!.format ? expect.anything() : bundle(format));
    expect((input as { $defs: object }).$defs).toEqual(bundle(format).$defs);
    const output = schema["~standard"].jsonSchema.output({ target: "draft-2020-12" }) as ReturnType<typeof bundle>;
    const failed = output.$defs.run_failed!.required;
    expect(failed).toContain("error");
    expect(failed.includes("labels")).toBe(format !== "2.14");
    expect(bundle(format).$defs.run_failed!.required).not.toContain("error");
  });
});

describe("eventSchemaFor and eventSchemasFor: which version", () => {
  it("one object per format, whichever version names it; the newest's are eventSchema and eventSchemas", () => {
    expect(eventSchemaFor("2.31.4")).toBe(eventSchemaFor("v2.20"));
    expect(eventSchemasFor("2.31")).toBe(eventSchemasFor("2.40.9"));
    expect(eventSchemaFor("2.14.1")).not.toBe(eventSchemaFor("2.20"));
    expect(eventSchemaFor(ENGINE_VERSION)).toBe(eventSchema);
    expect(eventSchemasFor("2.52")).toBe(eventSchemas);
  });

  it("reads as that version: a newer type is unknown_event_type, a newer status refused, a newer field filled", () => {
    const budget = JSON.parse(formatEventLines("2.20").find((line) => line.includes('"run_budget_exceeded"'))!);
    expect(validate(eventSchemaFor("2.14"), budget).issues?.[0]).toMatchObject({ code: "unknown_event_type" });
    expect(validate(eventSchemaFor("2.31"), budget).issues).toBeUndefined();
    const status = JSON.parse(formatEventLines("2.52").find((line) => line.includes('"run_status_changed"'))!);
    const paused = { ...status, to: "paused" };
    expect(validate(eventSchemaFor("2.31"), paused).issues?.[0]).toMatchObject({ path: ["to"] });
    expect(validate(eventSchemaFor("2.52"), paused).issues).toBeUndefined();
    const { labels: _, ...unlabelled } = status;
    expect(
      (validate(eventSchemaFor("2.31"), { ...unlabelled, to: "failed" }) as { value: object }).value,
    ).toMatchObject({ labels: {} });
    expect(
      (validate(eventSchemaFor("2.14"), { ...unlabelled, to: "failed" }) as { value: object }).value,
    ).not.toHaveProperty("labels");
  });

  it("refuses a version it does not model with a TypeError naming the modelled ones", () => {
    const unmodelled = "2.45.0" as string;
    expect(() => eventSchemaFor(unmodelled)).toThrow(
      new TypeError('eventSchemaFor: engine "2.45.0" is not modelled; modelled: 2.14.x–2.19.x, 2.20.x–2.40.x, 2.52.x'),
    );
    expect(() => eventSchemasFor("latest" as string)).toThrow(/^eventSchemasFor: engine "latest"/);
  });
});

describe("the types of another version's schemas", () => {
  it("output: that version's Event and variant; input: its wire shape, defaulted fields optional", () => {
    const at14 = eventSchemaFor("2.14.1");
    const at31 = eventSchemasFor("2.31.4");
    expectTypeOf<SpecSchema.InferOutput<typeof at14>>().toEqualTypeOf<EventAt<"2.14">>();
    expectTypeOf<SpecJSONSchema.InferOutput<typeof at14>>().toEqualTypeOf<EventAt<"2.14">>();
    expectTypeOf<SpecSchema.InferOutput<typeof at31.run_failed>>().toEqualTypeOf<EventOf<"run_failed", "2.31">>();
    expectTypeOf<SpecSchema.InferInput<typeof at31.run_failed>>().toEqualTypeOf<{
      type: "run_failed";
      run_id: string;
      workflow_name: string;
      error?: string | null;
      cost_usd: number;
      duration_ms: number;
      labels?: { [key: string]: string };
      at: string;
    }>();
    expectTypeOf<SpecSchema.InferInput<typeof at14>>().toEqualTypeOf<EventInputAt<"2.14">>();
    expectTypeOf(eventSchemaFor("2.52")).toEqualTypeOf(eventSchema);
  });

  it("a version's fields compile where it has them, and only there", () => {
    const at14 = eventSchemasFor("2.14").run_failed;
    const at31 = eventSchemasFor("2.31").run_failed;
    type Out14 = SpecSchema.InferOutput<typeof at14>;
    type Out31 = SpecSchema.InferOutput<typeof at31>;
    expectTypeOf<Out31["labels"]>().toEqualTypeOf<Record<string, string>>();
    expectTypeOf<Out14>().not.toHaveProperty("labels");
    // @ts-expect-error 2.14 has no run_budget_exceeded
    void eventSchemasFor("2.14").run_budget_exceeded;
    void eventSchemasFor("2.31").run_budget_exceeded;
    // @ts-expect-error a literal version the package does not model does not compile
    expect(() => eventSchemaFor("2.45.0")).toThrow(TypeError);
  });
});
