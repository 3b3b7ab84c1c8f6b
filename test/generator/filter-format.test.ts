// scripts/generate/filter-format.ts: one engine format's schemas, made from schemas/ by the
// version marks. On the real schemas, each format has what its engine writes and nothing else;
// on small made-up schemas, each kind of mark does what CONTRIBUTING says.
import { beforeAll, describe, expect, it } from "vitest";
import type { EngineVersions } from "../../scripts/generate/engine-versions.js";
import { loadEngineVersions } from "../../scripts/generate/engine-versions.js";
import { filterNode, schemasOfFormat, schemasOfFormats } from "../../scripts/generate/filter-format.js";
import { loadSchemas, type LoadedSchemas, type SchemaObject } from "../../scripts/generate/load-schemas.js";

let versions: EngineVersions;
let loaded: LoadedSchemas;

beforeAll(async () => {
  versions = loadEngineVersions("schemas");
  loaded = await loadSchemas("schemas");
});

const types = (set: LoadedSchemas) =>
  set.variants.map((file) => (file.schema.properties as SchemaObject).type as SchemaObject).map((t) => t.const);
const variant = (set: LoadedSchemas, type: string) =>
  set.variants.find((file) => ((file.schema.properties as SchemaObject).type as SchemaObject).const === type)!.schema;
const property = (set: LoadedSchemas, type: string, name: string) =>
  (variant(set, type).properties as Record<string, SchemaObject>)[name];

describe("the formats of schemas/", () => {
  it("2.14 is the seed: 12 variants, 7 statuses, no labels, no marks left", () => {
    const seed = schemasOfFormat(loaded, versions, "2.14");
    expect(types(seed)).toEqual([
      "run_created",
      "run_status_changed",
      "run_failed",
      "step_completed",
      "step_failed",
      "approval_requested",
      "approval_granted",
      "approval_rejected",
      "log_line",
      "user_signed_in",
      "user_signed_up",
      "user_signed_out",
    ]);
    expect(property(seed, "run_failed", "labels")).toBeUndefined();
    expect(property(seed, "log_line", "id")).toBeUndefined();
    expect(seed.defs.find((f) => f.relative === "defs/run-status.json")!.schema.enum).toEqual([
      "pending",
      "running",
      "completed",
      "failed",
      "retrying",
      "cancelled",
      "awaiting_approval",
    ]);
    expect(JSON.stringify(seed)).not.toMatch(/x-since|x-enum-since|x-default-since/);
    // Only what the seed's variants reach: no labels, u32 or assignee definitions.
    expect(seed.defs.map((f) => f.relative)).not.toContain("defs/labels.json");
    expect(seed.defs.map((f) => f.relative)).not.toContain("defs/assignee.json");
  });

  it("2.20 adds labels (optional, default {}) and two variants, and keeps 7 statuses", () => {
    const format = schemasOfFormat(loaded, versions, "2.20");
    expect(types(format)).toHaveLength(14);
    expect(types(format)).toContain("run_budget_exceeded");
    expect(types(format)).toContain("retry_forced");
    expect(property(format, "run_failed", "labels")).toMatchObject({ default: {} });
    expect(variant(format, "run_failed").required).not.toContain("labels");
    expect(format.defs.find((f) => f.relative === "defs/run-status.json")!.schema.enum).toHaveLength(7);
  });

  it("2.52, the newest, has all 20 variants and 10 statuses", () => {
    const formats = schemasOfFormats(loaded, versions);
    expect(formats.map((f) => f.format)).toEqual(["2.14", "2.20", "2.52"]);
    const newest = formats.at(-1)!.loaded;
    expect(types(newest)).toHaveLength(20);
    expect(newest.defs.find((f) => f.relative === "defs/run-status.json")!.schema.enum).toHaveLength(10);
    expect(formats.at(-1)!.bundle.$id).toBe("https://ironflow.dev/schemas/events/bundles/engine-2.52.json");
  });

  it("an example written by a newer engine is cut to the fields of the older format", () => {
    const seed = schemasOfFormat(loaded, versions, "2.14");
    for (const file of seed.variants)
      for (const example of file.schema.examples as SchemaObject[])
        expect(Object.keys(example).filter((key) => !(key in (file.schema.properties as SchemaObject)))).toEqual([]);
  });
});

describe("filterNode, mark by mark", () => {
  const table: EngineVersions = {
    engineVersion: "3.1.0",
    formats: [
      { format: "1.0", first: "1.0", last: "1.9", confirmed: "made up for the test" },
      { format: "2.0", first: "2.0", last: "2.9", confirmed: "made up for the test" },
      { format: "3.0", first: "3.0", last: "3.9", confirmed: "made up for the test" },
    ],
  };
  const schema = {
    type: "object",
    required: ["a", "b", "late"],
    properties: {
      a: { type: "string" },
      b: { type: "integer", default: 1, "x-default-since": "2.0" },
      late: { type: "string", "x-since": "3.0" },
      nested: {
        type: "object",
        default: null,
        properties: { inner: { type: "string", "x-since": "2.0", default: "" } },
      },
      status: { enum: ["x", "y", "z"], "x-enum-since": { y: "2.0", z: "3.0" }, examples: ["x", "z"], default: "x" },
    },
  };

  it("x-since: the property is in the format from then on, required where the schema says", () => {
    expect(Object.keys((filterNode(schema, table, "2.0") as SchemaObject).properties as SchemaObject)).not.toContain(
      "late",
    );
    const three = filterNode(schema, table, "3.0") as SchemaObject;
    expect(three.required).toEqual(["a", "b", "late"]);
  });

  it("x-since at any depth", () => {
    const one = filterNode(schema, table, "1.0") as any;
    expect(one.properties.nested.properties).toEqual({});
    const two = filterNode(schema, table, "2.0") as any;
    expect(two.properties.nested.properties.inner).toEqual({ type: "string", default: "" });
  });

  it("x-default-since: before it, the property has no default and is required", () => {
    const one = filterNode(schema, table, "1.0") as any;
    expect(one.properties.b).toEqual({ type: "integer" });
    expect(one.required).toEqual(["a", "b"]);
    const two = filterNode(schema, table, "2.0") as any;
    expect(two.properties.b).toEqual({ type: "integer", default: 1 });
  });

  it("x-enum-since: the values (and their examples) of later formats go", () => {
    expect((filterNode(schema, table, "1.0") as any).properties.status).toEqual({
      enum: ["x"],
      examples: ["x"],
      default: "x",
    });
    expect((filterNode(schema, table, "2.0") as any).properties.status.enum).toEqual(["x", "y"]);
    expect((filterNode(schema, table, "3.0") as any).properties.status).toEqual({
      enum: ["x", "y", "z"],
      examples: ["x", "z"],
      default: "x",
    });
  });

  it("a format the table does not have is an error naming the ones it has", () => {
    expect(() => filterNode(schema, table, "2.5")).toThrow(
      /"2.5" is not a format of engine-versions.json \(1.0, 2.0, 3.0\)/,
    );
  });
});
