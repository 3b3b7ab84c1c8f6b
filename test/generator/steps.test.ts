// The generator's small steps for the validators (scripts/generate/simplify.ts,
// validator-tables.ts, engine-json-fast.ts, strict-shapes.ts): each does what it expects and refuses anything else.
import { describe, expect, it } from "vitest";
import { planFastPath } from "../../scripts/generate/engine-json-fast.js";
import { collapseSubtypeAnyOf } from "../../scripts/generate/simplify.js";
import { loadEngineVersions } from "../../scripts/generate/engine-versions.js";
import { schemasOfFormats } from "../../scripts/generate/filter-format.js";
import { loadSchemas } from "../../scripts/generate/load-schemas.js";
import { strictShapes } from "../../scripts/generate/strict-shapes.js";
import { validatorTables } from "../../scripts/generate/validator-tables.js";
import { FLOAT_NEAR_LIMIT, nearLimit } from "../../src/rules/index.js";

describe("collapseSubtypeAnyOf", () => {
  const defs = {
    builtin: { type: "string", enum: ["shell", "http"] },
    kind: { anyOf: [{ $ref: "#/$defs/builtin" }, { type: "string" }] },
  };

  it("collapses an anyOf whose other branches all require the plain branch's type", () => {
    const out = collapseSubtypeAnyOf({ $defs: defs }) as { $defs: Record<string, unknown> };
    expect(out.$defs.kind).toEqual({ type: "string" });
    expect(out.$defs.builtin).toEqual(defs.builtin);
  });

  it("keeps an anyOf that accepts more than its plain branch", () => {
    const mixed = { anyOf: [{ type: "number" }, { type: "string" }] };
    const untyped = { anyOf: [{ enum: ["a", 1] }, { type: "string" }] };
    const withSibling = { anyOf: [{ $ref: "#/$defs/builtin" }, { type: "string" }], minLength: 1 };
    const out = collapseSubtypeAnyOf({ $defs: { ...defs, mixed, untyped, withSibling } }) as {
      $defs: Record<string, unknown>;
    };
    expect(out.$defs.mixed).toEqual(mixed);
    expect(out.$defs.untyped).toEqual(untyped);
    expect(out.$defs.withSibling).toEqual(withSibling);
  });

  it("refuses a $ref that points outside the bundle's $defs", () => {
    expect(() =>
      collapseSubtypeAnyOf({ $defs: { k: { anyOf: [{ $ref: "#/$defs/missing" }, { type: "string" }] } } }),
    ).toThrow(/does not name a definition/);
  });
});

describe("validatorTables", () => {
  /** A validation bundle of a small union: variants a and b, definitions int and s. */
  const bundle = (defs: Record<string, unknown> = {}) => ({
    $id: "https://example.test/u.json",
    type: "object",
    discriminator: { propertyName: "type" },
    oneOf: [{ $ref: "#/$defs/a" }, { $ref: "#/$defs/b" }],
    $defs: {
      a: { type: "object", required: ["type"], properties: { type: { const: "a" }, n: { $ref: "#/$defs/int" } } },
      b: { type: "object", required: ["type"], properties: { type: { const: "b" } } },
      int: { type: "integer" },
      ...defs,
    },
  });

  it("lists a definition two formats share once, and each format's table names it", () => {
    const data = validatorTables([
      { format: "1.0", bundle: bundle() },
      { format: "1.1", bundle: bundle({ int: { type: "integer", minimum: 0 } }) },
    ]);
    expect(data.definitions).toHaveLength(5); // a, b, the two ints, and one union (the same in both)
    const [older, newer] = [data.formats["1.0"]!, data.formats["1.1"]!];
    expect(older.union).toBe(newer.union);
    expect(older.names.a).toBe(newer.names.a);
    expect(older.names.int).not.toBe(newer.names.int);
    expect(data.definitions[newer.names.int!]).toEqual({ type: "integer", minimum: 0 });
  });

  it("writes each variant's walk plan in place of x-engine-json: true", () => {
    const plain = bundle({
      a: { "x-engine-json": true, type: "object", properties: { type: { const: "a" }, s: { type: "string" } } },
    });
    const data = validatorTables([{ format: "1.0", bundle: plain }]);
    expect(data.definitions[data.formats["1.0"]!.names.a!]!["x-engine-json"]).toEqual({
      keys: ["type", "s"],
      closed: false,
      optional: ["type", "s"],
      freeText: ["s"],
      members: {},
    });
  });

  it.each([
    ["a keyword the reader does not know", { int: { type: "integer", multipleOf: 2 } }, /unknown keyword multipleOf/],
    ["a $ref beside another keyword", { int: { $ref: "#/$defs/b", type: "object" } }, /\$ref beside other keywords/],
    ["a ref to nothing", { int: { $ref: "#/$defs/missing" } }, /a ref to nothing/],
    ["a const that is not a string", { int: { const: 1 } }, /const that is not a string/],
    ["an unknown format", { int: { type: "string", format: "email" } }, /unknown format email/],
    [
      "a map beside named properties",
      { int: { type: "object", properties: {}, additionalProperties: {} } },
      /additionalProperties beside properties/,
    ],
    ["an integer-like property name", { int: { type: "object", properties: { "1": {} } } }, /a property named 1/],
  ])("refuses %s", (_, defs, message) => {
    expect(() => validatorTables([{ format: "1.0", bundle: bundle(defs) }])).toThrow(message);
  });

  it("refuses a union whose variant has no string tag", () => {
    const untagged = bundle({ b: { type: "object", properties: {} } });
    expect(() => validatorTables([{ format: "1.0", bundle: untagged }])).toThrow(/no string const at type/);
  });
});

describe("planFastPath", () => {
  const root = {
    $defs: {
      uuid: { type: "string", format: "uuid" },
      status: { type: "string", enum: ["pending", "running"] },
      free: { type: "string" },
      odd: { type: "string", enum: ["ok", "\ud800"] },
    },
  };

  it("needs no check for consts, enums, ASCII formats and numbers, and a well-formedness check for free text", () => {
    const plan = planFastPath(
      {
        properties: {
          type: { const: "x" },
          id: { $ref: "#/$defs/uuid" },
          status: { $ref: "#/$defs/status" },
          cost: { type: "number" },
          n: { type: "integer" },
          name: { $ref: "#/$defs/free" },
          error: { type: ["string", "null"] },
        },
      },
      root,
    );
    expect(plan).toEqual({
      keys: ["type", "id", "status", "cost", "n", "name", "error"],
      closed: false,
      optional: ["type", "id", "status", "cost", "n", "name", "error"],
      freeText: ["name", "error"],
      members: { cost: { check: "magnitude", above: FLOAT_NEAR_LIMIT } },
    });
  });

  it("sends a float near its limit (a cost near 2^96, any float near 1e308) to the full checks", () => {
    const plan = planFastPath(
      {
        properties: {
          cost: { type: "number", exclusiveMaximum: 2 ** 96 },
          share: { type: "number" },
          n: { type: "integer" },
        },
      },
      root,
    );
    expect(plan?.members).toEqual({
      cost: { check: "magnitude", above: nearLimit(2 ** 96) },
      share: { check: "magnitude", above: FLOAT_NEAR_LIMIT },
    });
  });

  it("plans the objects, maps and arrays a property holds, and what their keys and values need", () => {
    const plan = planFastPath(
      {
        required: ["labels"],
        additionalProperties: false,
        properties: {
          labels: { type: "object", additionalProperties: { type: "string" } },
          runs: { type: "array", items: { $ref: "#/$defs/uuid" } },
          groups: { type: "array", items: { type: "string" } },
          requirement: {
            anyOf: [
              {
                type: "object",
                required: ["n"],
                properties: { n: { type: "integer" }, reason: { type: ["string", "null"] } },
              },
              { type: "null" },
            ],
          },
        },
      },
      root,
    );
    expect(plan).toEqual({
      keys: ["labels", "runs", "groups", "requirement"],
      closed: true,
      optional: ["runs", "groups", "requirement"],
      freeText: [],
      members: {
        labels: { check: "map", values: { check: "wellFormed" } },
        runs: { check: "array", items: { check: "none" } },
        groups: { check: "array", items: { check: "wellFormed" } },
        requirement: {
          check: "object",
          plan: { keys: ["n", "reason"], closed: false, optional: ["reason"], freeText: ["reason"], members: {} },
        },
      },
    });
  });

  it("treats a format that may accept non-ASCII text, or an enum with a lone surrogate, as free text", () => {
    const plan = planFastPath(
      { properties: { email: { type: "string", format: "email" }, odd: { $ref: "#/$defs/odd" } } },
      root,
    );
    expect(plan?.freeText).toEqual(["email", "odd"]);
  });

  it("gives no plan when a property may hold any object, any array or anything", () => {
    expect(planFastPath({ properties: { meta: { type: "object" } } }, root)).toBeNull();
    expect(planFastPath({ properties: { list: { type: "array" } } }, root)).toBeNull();
    expect(planFastPath({ properties: { anything: {} } }, root)).toBeNull();
    expect(
      planFastPath(
        {
          properties: {
            either: {
              anyOf: [
                { type: "object", properties: {} },
                { type: "array", items: {} },
              ],
            },
          },
        },
        root,
      ),
    ).toBeNull();
  });
});

describe("strictShapes", () => {
  it("lists each variant's fields and the objects they hold, with the anyOf's schema path", async () => {
    const [, , newest] = schemasOfFormats(await loadSchemas("schemas"), loadEngineVersions("schemas"));
    const shapes = strictShapes(newest!.bundle);
    expect(shapes.run_created).toEqual({ keys: ["type", "run_id", "workflow_name", "at"] });
    expect(shapes.approval_granted!.nested).toEqual({
      requirement: {
        shape: { keys: ["reason", "required_approvers", "approver_groups"] },
        anyOf: "#/properties/requirement/anyOf",
      },
    });
    expect(shapes["provider_account.usage_updated"]!.nested!.windows).toMatchObject({
      items: true,
      shape: { keys: expect.arrayContaining(["utilization"]) },
    });
    expect(shapes.run_failed!.nested).toBeUndefined(); // labels is a map: any key is a label
  });
});
