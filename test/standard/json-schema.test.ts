// The Standard JSON Schema side: `~standard.jsonSchema.input/output({ target })`. draft-2020-12
// is the bundled schema (per variant: the variant with the definitions it uses), draft-07 the
// same schema converted, which Ajv's draft-07 validator must read with the same verdicts on the
// engine's near-miss inputs; other targets throw, as the spec asks.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import AjvImport from "ajv";
import Ajv2020Import from "ajv/dist/2020.js";
import addFormatsImport from "ajv-formats";
import type { StandardJSONSchemaV1 as SpecJSONSchema } from "@standard-schema/spec";
import { describe, expect, expectTypeOf, it } from "vitest";
import { EVENT_TYPES } from "../../generated/constants.js";
import { parseEvent } from "../../src/index.js";
import { isAssignee, isUint32, isUint64 } from "../../src/rules/index.js";
import { eventSchema, eventSchemas, type EventInput } from "../../src/standard/index.js";
import { refsOf } from "../support/json-schema-refs.js";
import { engineEventLines, VECTORS_DIR, verdictRows } from "../support/vectors.js";

// CommonJS packages: take the class and the plugin whichever way the loader hands them over.
const Ajv07 = ((AjvImport as any).default ?? AjvImport) as typeof import("ajv").default;
const Ajv2020 = ((Ajv2020Import as any).default ?? Ajv2020Import) as typeof import("ajv/dist/2020.js").default;
const addFormats = ((addFormatsImport as any).default ?? addFormatsImport) as typeof import("ajv-formats").default;

type Schema = Record<string, any>;
const BUNDLE = JSON.parse(
  readFileSync(join(resolve(import.meta.dirname, "../.."), "generated", "schema.json"), "utf8"),
) as Schema;
/**
 * Engine events of every type of the newest engine: the seed's vectors as written (wire shape:
 * no labels, no log line id) and as parsed (defaults filled in), and the 2.52 engine's own.
 */
const NEWEST_EVENTS = readFileSync(join(VECTORS_DIR, "2.52", "engine-events.ndjson"), "utf8")
  .split("\n")
  .filter(Boolean);
const EVENTS = [
  ...engineEventLines().flatMap((line) => [JSON.parse(line) as Schema, parseEvent(line) as Schema]),
  ...NEWEST_EVENTS.map((line) => JSON.parse(line) as Schema),
];
/** The engine's verdicts on near-miss inputs that are JSON objects. */
const ROWS = verdictRows()
  .map((row) => {
    try {
      return JSON.parse(row.json) as unknown;
    } catch {
      return undefined;
    }
  })
  .filter((value) => value !== null && typeof value === "object")
  .slice(0, 2000);

/** A validator for a schema in `draft`; the package's own keywords are annotations to it. */
function compile(schema: Schema, draft: "draft-07" | "draft-2020-12") {
  const ajv = draft === "draft-07" ? new Ajv07({ strict: false }) : new Ajv2020({ strict: false });
  addFormats(ajv);
  ajv.addFormat("uint64", { type: "number", validate: isUint64 });
  ajv.addFormat("uint32", { type: "number", validate: isUint32 });
  ajv.addFormat("assignee", isAssignee);
  return ajv.compile(schema);
}

describe("jsonSchema, draft-2020-12", () => {
  it("of eventSchema's input is the bundled schema, a fresh copy each time", () => {
    const schema = eventSchema["~standard"].jsonSchema.input({ target: "draft-2020-12" });
    expect(schema).toEqual(BUNDLE);
    schema.title = "changed";
    expect(eventSchema["~standard"].jsonSchema.input({ target: "draft-2020-12" }).title).toBe("Event");
  });

  it("of a variant is its definition with the definitions it refers to, and nothing else", () => {
    const schema = eventSchemas.run_failed["~standard"].jsonSchema.input({ target: "draft-2020-12" });
    const { $defs, $schema, ...variant } = schema as Schema;
    expect($schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(variant).toEqual(BUNDLE.$defs.run_failed);
    expect(Object.keys($defs).sort()).toEqual(["duration-ms", "labels", "timestamp", "usd-cost", "uuid"]);
    for (const ref of refsOf(schema)) expect(Object.keys($defs)).toContain(ref.replace("#/$defs/", ""));
  });

  it("input accepts the wire shape, output requires the defaulted error and labels", () => {
    const {
      error: _,
      labels: __,
      ...withoutDefaults
    } = NEWEST_EVENTS.map((line) => JSON.parse(line) as Schema).find((event) => event.type === "run_failed")!;
    for (const schema of [eventSchema, eventSchemas.run_failed]) {
      const input = compile(schema["~standard"].jsonSchema.input({ target: "draft-2020-12" }), "draft-2020-12");
      const output = compile(schema["~standard"].jsonSchema.output({ target: "draft-2020-12" }), "draft-2020-12");
      expect(input(withoutDefaults)).toBe(true);
      expect(output(withoutDefaults)).toBe(false);
      expect(output({ ...withoutDefaults, error: null })).toBe(false);
      expect(output({ ...withoutDefaults, error: null, labels: {} })).toBe(true);
    }
    const statusChanged = eventSchemas.run_status_changed["~standard"].jsonSchema.output({ target: "draft-2020-12" });
    expect(statusChanged.required).toContain("error");
    expect(statusChanged.required).toContain("labels");
    const stepFailed = eventSchemas.step_failed["~standard"].jsonSchema;
    expect(stepFailed.output({ target: "draft-2020-12" })).toEqual(stepFailed.input({ target: "draft-2020-12" }));
  });
});

describe("jsonSchema, draft-07", () => {
  it("has no $defs left: definitions, references to them, and $ref alone beside its siblings", () => {
    const schema = eventSchema["~standard"].jsonSchema.output({ target: "draft-07" });
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(JSON.stringify(schema)).not.toMatch(/"\$defs":|#\/\$defs\//);
    expect(schema.$id).toBeUndefined(); // a converted document is not the resource the bundle's $id names
    for (const ref of refsOf(schema)) expect(ref).toMatch(/^#\/definitions\/[a-z][a-z0-9_-]*(\.[a-z_]+)?$/); // u32, provider_account.updated
    expect((schema.definitions as Schema).run_failed.properties.run_id).toMatchObject({
      allOf: [{ $ref: "#/definitions/uuid" }],
      title: "Run ID",
    });
    expect((schema.definitions as Schema).run_failed.required).toContain("error");
  });

  it(`gives the verdicts of the 2020-12 schema on engine events and ${ROWS.length} near misses, for every schema`, () => {
    const all: [string, SpecJSONSchema][] = [
      ["eventSchema", eventSchema],
      ...EVENT_TYPES.map((type) => [type, eventSchemas[type]] as [string, SpecJSONSchema]),
    ];
    for (const [name, schema] of all) {
      for (const side of ["input", "output"] as const) {
        const modern = compile(schema["~standard"].jsonSchema[side]({ target: "draft-2020-12" }), "draft-2020-12");
        const old = compile(schema["~standard"].jsonSchema[side]({ target: "draft-07" }), "draft-07");
        let accepted = 0;
        for (const value of [...EVENTS, ...ROWS]) {
          const verdict = modern(value);
          if (verdict) accepted++;
          if (old(value) !== verdict)
            expect.fail(`${name} ${side}: draft-07 says ${!verdict} for ${JSON.stringify(value)}`);
        }
        expect(accepted, `${name} ${side}`).toBeGreaterThan(0);
      }
    }
  });
});

describe("jsonSchema, other targets", () => {
  it("throws, naming the target and the ones there are", () => {
    for (const target of ["openapi-3.0", "draft-04", "", undefined]) {
      for (const side of ["input", "output"] as const)
        expect(() => eventSchemas.log_line["~standard"].jsonSchema[side]({ target } as never)).toThrow(
          /no JSON Schema for target .*"draft-2020-12" and "draft-07"/,
        );
    }
    expect(() => eventSchema["~standard"].jsonSchema.input(undefined as never)).toThrow(
      /no JSON Schema for target undefined/,
    );
  });
});

describe("the fields EventInput leaves optional", () => {
  // EventInput (generated/types.ts, EventInputMap) leaves out of its required keys the fields
  // the schema does not require, which are the ones the engine defaults. Checked by the compiler.
  type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];
  it("are exactly those the schema does not require, and each has a default", () => {
    expectTypeOf<OptionalKeys<EventInput<"run_failed">>>().toEqualTypeOf<"error" | "labels">();
    expectTypeOf<OptionalKeys<EventInput<"log_line">>>().toEqualTypeOf<"id">();
    expectTypeOf<OptionalKeys<EventInput<"approval_granted">>>().toEqualTypeOf<
      "step_id" | "approvals_received" | "approvals_required" | "requirement"
    >();
    expectTypeOf<OptionalKeys<EventInput<"step_failed">>>().toEqualTypeOf<never>();
    for (const type of EVENT_TYPES) {
      const variant = BUNDLE.$defs[type] as Schema;
      for (const name of Object.keys(variant.properties).filter((n) => !(variant.required as string[]).includes(n)))
        expect("default" in variant.properties[name], `${type}.${name}`).toBe(true);
    }
  });
});
