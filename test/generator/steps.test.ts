// The generator's small steps for fast validators (scripts/generate/post-process.ts,
// simplify.ts, engine-json-fast.ts): each rewrites what it expects and refuses anything else.
import standalone from "ajv/dist/standalone/index.js";
import { describe, expect, it } from "vitest";
import { createAjv } from "../../scripts/generate/ajv.js";
import { planFastPath } from "../../scripts/generate/engine-json-fast.js";
import {
  plainParameters,
  variantExports,
} from "../../scripts/generate/post-process.js";
import { collapseSubtypeAnyOf } from "../../scripts/generate/simplify.js";

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

  it("refuses a validator that is called at another path (it would need the other fields)", () => {
    const code = smallUnion().replace(
      /(validate\d+)\(data, \{instancePath,parentData,parentDataProperty,rootData\}\)/,
      '$1(data.x, {instancePath: instancePath + "/x", parentData: data, parentDataProperty: "x", rootData})',
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
    expect(plan).toEqual({ keys: ["type", "id", "status", "cost", "n", "name", "error"], freeText: ["name", "error"] });
  });

  it("treats a format that may accept non-ASCII text, or an enum with a lone surrogate, as free text", () => {
    const plan = planFastPath(
      { properties: { email: { type: "string", format: "email" }, odd: { $ref: "#/$defs/odd" } } },
      root,
    );
    expect(plan?.freeText).toEqual(["email", "odd"]);
  });

  it("gives no plan when a property may hold an object or an array", () => {
    expect(planFastPath({ properties: { meta: { type: "object" } } }, root)).toBeNull();
    expect(planFastPath({ properties: { anything: {} } }, root)).toBeNull();
  });
});
