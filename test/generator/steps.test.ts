// The generator's small steps for fast validators (scripts/generate/post-process.ts,
// simplify.ts, engine-json-fast.ts, dedupe.ts): each rewrites what it expects and refuses anything else.
import standalone from "ajv/dist/standalone/index.js";
import { describe, expect, it } from "vitest";
import { createAjv } from "../../scripts/generate/ajv.js";
import { mergeDuplicates } from "../../scripts/generate/dedupe.js";
import { planFastPath } from "../../scripts/generate/engine-json-fast.js";
import {
  errorCalls,
  plainParameters,
  pointerEscapes,
  PUSH_ERROR,
  variantExports,
} from "../../scripts/generate/post-process.js";
import { collapseSubtypeAnyOf } from "../../scripts/generate/simplify.js";
import { loadEngineVersions } from "../../scripts/generate/engine-versions.js";
import { schemasOfFormats } from "../../scripts/generate/filter-format.js";
import { loadSchemas } from "../../scripts/generate/load-schemas.js";
import { strictShapes } from "../../scripts/generate/strict-shapes.js";
import { FLOAT_NEAR_LIMIT, nearLimit } from "../../src/rules/index.js";

/**
 * Ajv standalone code for a small discriminated union, as the generator gets it. Each variant
 * refers to a definition, as the real ones do, so Ajv compiles it as a function of its own
 * (a variant without a $ref may be inlined into the union).
 */
function smallUnion({ inlineA = false } = {}): string {
  const ajv = createAjv();
  ajv.addSchema({
    $id: "https://example.test/u.json",
    type: "object",
    discriminator: { propertyName: "type" },
    oneOf: [{ $ref: "#/$defs/a" }, { $ref: "#/$defs/bb" }],
    $defs: {
      a: {
        type: "object",
        required: ["type", "n"],
        properties: { type: { const: "a" }, n: inlineA ? { type: "integer" } : { $ref: "#/$defs/int" } },
      },
      bb: { type: "object", required: ["type"], properties: { type: { const: "bb" }, s: { $ref: "#/$defs/s" } } },
      s: { type: "object", properties: { x: { type: "string" } } },
      int: { type: "integer" },
    },
  });
  return standalone.default(ajv, { validateU: "https://example.test/u.json" });
}

describe("plainParameters", () => {
  it("turns Ajv's options object into a plain instancePath parameter, in signatures and calls", () => {
    const code = plainParameters(smallUnion());
    expect(code).not.toMatch(/parentData|rootData|=\{\}\)/);
    expect(code).toMatch(/function validate\d+\(data, instancePath = ""\)\{/);
    expect(code).toMatch(/validate\d+\(data, instancePath\)/);
  });

  it("passes only the path to a validator called for a value inside the data (a nested object, an item)", () => {
    const code = plainParameters(
      smallUnion().replace(
        /(validate\d+)\(data, \{instancePath,parentData,parentDataProperty,rootData\}\)/,
        '$1(data.x, {instancePath: instancePath + "/x", parentData: data, parentDataProperty: "x", rootData})',
      ),
    );
    expect(code).not.toMatch(/parentData|rootData/);
    expect(code).toMatch(/validate\d+\(data\.x, instancePath \+ "\/x"\)/);
  });

  it("refuses a validator that reads the other fields (it would need them)", () => {
    const code = smallUnion().replace(/let vErrors = null;/, "let vErrors = null; parentData;");
    expect(() => plainParameters(code)).toThrow(/still use `parentData`/);
  });

  it("refuses a call whose options are not Ajv's four fields (another root, a changed parent)", () => {
    const code = smallUnion().replace(
      /(validate\d+)\(data, \{instancePath,parentData,parentDataProperty,rootData\}\)/,
      '$1(data.x, {instancePath: instancePath + "/x", parentData: data, parentDataProperty: "x", rootData: data.x})',
    );
    expect(() => plainParameters(code)).toThrow(/still use `parentData`/);
  });

  it("refuses a validator with another signature", () => {
    const code = `${smallUnion()}\nfunction validate99(data, options){return true;}`;
    expect(() => plainParameters(code)).toThrow(/validate99 does not have Ajv's signature/);
  });
});

describe("variantExports", () => {
  it("names the union's own function for each variant", () => {
    const code = plainParameters(smallUnion());
    const lines = variantExports(code, "validateU", [
      { tag: "a", name: "validateA" },
      { tag: "bb", name: "validateB" },
    ]);
    expect(lines).toHaveLength(2);
    const [a, b] = lines.map((line) => /^export const validate[AB] = (validate\d+);$/.exec(line)?.[1]);
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(a).not.toBe(b);
    expect(code).toContain(`function ${a}(data, instancePath = "")`);
  });

  it("refuses a union that checks a variant inline instead of calling a function for it", () => {
    const code = plainParameters(smallUnion({ inlineA: true }));
    expect(() => variantExports(code, "validateU", [{ tag: "a", name: "validateA" }])).toThrow(/does not dispatch "a"/);
  });

  it("refuses a variant that the union does not dispatch to", () => {
    const code = plainParameters(smallUnion());
    expect(() => variantExports(code, "validateU", [{ tag: "c", name: "validateC" }])).toThrow(/does not dispatch "c"/);
    expect(() => variantExports(code, "validateNope", [])).toThrow(/no `export const validateNope/);
  });
});

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
      { properties: { cost: { type: "number", exclusiveMaximum: 2 ** 96 }, share: { type: "number" }, n: { type: "integer" } } },
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
    expect(planFastPath({ properties: { either: { anyOf: [{ type: "object", properties: {} }, { type: "array", items: {} }] } } }, root)).toBeNull();
  });
});

describe("mergeDuplicates", () => {
  /** Ajv standalone code for two formats of a small union: `a` is the same in both, `bb` differs. */
  function twoFormats(): string {
    const ajv = createAjv();
    for (const [id, values] of [
      ["https://example.test/f1.json", ["x"]],
      ["https://example.test/f2.json", ["x", "y"]],
    ] as const)
      ajv.addSchema({
        $id: id,
        type: "object",
        discriminator: { propertyName: "type" },
        oneOf: [{ $ref: "#/$defs/a" }, { $ref: "#/$defs/bb" }],
        $defs: {
          a: { type: "object", required: ["type", "n"], properties: { type: { const: "a" }, n: { $ref: "#/$defs/int" } } },
          bb: { type: "object", required: ["type"], properties: { type: { const: "bb" }, s: { $ref: "#/$defs/s" } } },
          s: { type: "string", enum: [...values] },
          int: { type: "integer" },
        },
      });
    return plainParameters(
      standalone.default(ajv, { validate1: "https://example.test/f1.json", validate2: "https://example.test/f2.json" }),
    );
  }

  const functions = (code: string) => [...code.matchAll(/^function (validate\d+)\(/gm)].map((m) => m[1]);

  it("keeps one function for a variant two formats share, and both unions call it", () => {
    const code = twoFormats();
    const merged = mergeDuplicates(code);
    expect(functions(merged).length).toBeLessThan(functions(code).length);
    const targets = (union: string) =>
      variantExports(merged, union, [
        { tag: "a", name: "a" },
        { tag: "bb", name: "b" },
      ]).map((line) => line.replace(/^export const \w+ = /, ""));
    const [a1, b1] = targets("validate1");
    const [a2, b2] = targets("validate2");
    expect(a1).toBe(a2);
    expect(b1).not.toEqual(b2); // the enum differs: two functions
  });

  it("answers as the code before the merge does", async () => {
    const load = async (code: string) =>
      (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as Record<string, (d: unknown) => boolean>;
    const [before, after] = await Promise.all([load(twoFormats()), load(mergeDuplicates(twoFormats()))]);
    for (const value of [{ type: "a", n: 1 }, { type: "a", n: 1.5 }, { type: "bb", s: "y" }, { type: "bb", s: "x" }, { type: "c" }])
      for (const name of ["validate1", "validate2"]) expect(after[name]!(value), name).toBe(before[name]!(value));
  });

  it("leaves no constant that nothing reads, and nothing left to merge", () => {
    const merged = mergeDuplicates(twoFormats());
    for (const [, name] of merged.matchAll(/^const ([a-z]+\d+) =/gm))
      expect(merged.split(new RegExp(`\\b${name}\\b`)).length, name).toBeGreaterThan(2);
    expect(mergeDuplicates(merged)).toBe(merged);
  });
});

describe("pointerEscapes", () => {
  it("writes escapePointer for the escape Ajv inlines into the error path of a map's entry", () => {
    const code = 'const p = instancePath + "/labels/" + key0.replace(/~/g, "~0").replace(/\\//g, "~1");';
    expect(pointerEscapes(code)).toBe('const p = instancePath + "/labels/" + escapePointer(key0);');
  });

  it("refuses a regular expression it does not know", () => {
    expect(() => pointerEscapes('const p = key0.replace(/\\//g, "~1");')).toThrow(/without the `~` escape/);
    expect(() => pointerEscapes("const r = /a+/;")).toThrow(/a regular expression is left/);
  });
});

describe("errorCalls", () => {
  it("writes each error site as one call of pushError, which makes the same error objects", async () => {
    const code = plainParameters(smallUnion());
    const rewritten = errorCalls(code);
    expect(rewritten).not.toMatch(/vErrors\.push|const err\d+ =/);
    expect(rewritten).toMatch(/vErrors = pushError\(vErrors, instancePath, "#\/required", "required", \{ ?missingProperty: "n" ?\}\);/);
    const load = async (js: string) =>
      (await import(`data:text/javascript,${encodeURIComponent(js)}`)) as Record<string, ((d: unknown) => boolean) & { errors?: unknown }>;
    const [before, after] = await Promise.all([load(code), load(`${PUSH_ERROR}\n${rewritten}`)]);
    for (const value of [{ type: "a" }, { type: "a", n: "x" }, { type: "bb", s: { x: 1 } }, { type: "zz" }, 5]) {
      expect(after.validateU!(value)).toBe(before.validateU!(value));
      expect(after.validateU!.errors).toEqual(before.validateU!.errors);
    }
  });

  it("refuses a module where an error is still recorded another way", () => {
    const code = `${plainParameters(smallUnion())}\nfunction validate99(data){const e = {}; vErrors.push(e);}`;
    expect(() => errorCalls(code)).toThrow(/still recorded with vErrors\.push/);
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
    expect(shapes["provider_account.usage_updated"]!.nested!.windows).toMatchObject({ items: true, shape: { keys: expect.arrayContaining(["utilization"]) } });
    expect(shapes.run_failed!.nested).toBeUndefined(); // labels is a map: any key is a label
  });
});
