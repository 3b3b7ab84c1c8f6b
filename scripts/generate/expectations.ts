// What each property must be, in words, derived from its schema: the generated table that
// error messages quote ("/duration_ms: must be an integer from 0 to 18446744073709551615").
import type { Json, SchemaObject } from "./load-schemas.js";

const FORMAT_NAMES: Record<string, string> = {
  uuid: "a hyphenated UUID",
  "date-time": "an RFC 3339 timestamp",
  assignee: 'a string "user:<name>" or "group:<name>" with a non-empty name',
};

export function expectation(property: SchemaObject, $defs: Record<string, SchemaObject>): string {
  const schema = resolve(property, $defs);
  if ("const" in schema) return `the string ${JSON.stringify(schema.const)}`;
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  if (Array.isArray(schema.anyOf)) {
    const branches = schema.anyOf.map((branch) => resolve(branch as SchemaObject, $defs));
    if (branches.some((b) => b.type === "string" && !b.enum && !b.format)) return "a string";
    return branches.map((b) => expectation(b, $defs)).join(" or ");
  }
  const format = typeof schema.format === "string" ? FORMAT_NAMES[schema.format] : undefined;
  if (format) {
    const example = Array.isArray(schema.examples) ? ` such as ${schema.examples[0]}` : "";
    return `${format}${example}`;
  }
  if (schema.type === "integer") return `an integer from ${text(schema.minimum)} to ${text(schema.maximum)}`;
  if (schema.type === "object" && schema.properties && typeof schema.properties === "object")
    return `an object (${Object.keys(schema.properties).join(", ")})`;
  if (schema.type === "object" && schema.additionalProperties && typeof schema.additionalProperties === "object")
    return `an object whose every value is ${expectation(schema.additionalProperties as SchemaObject, $defs)}`;
  if (schema.type === "array" && schema.items && typeof schema.items === "object")
    return `an array whose every item is ${expectation(schema.items as SchemaObject, $defs)}`;
  if (schema.type === "number") {
    const max = schema.exclusiveMaximum;
    const min = schema.exclusiveMinimum;
    if (max !== undefined && min !== undefined && `-${text(max)}` === text(min))
      return `a finite number of magnitude below ${bound(max)}`;
    return "a finite number";
  }
  if (Array.isArray(schema.type)) return schema.type.map((t) => article(t as string)).join(" or ");
  if (typeof schema.type === "string") return article(schema.type);
  throw new Error(`no words for the schema ${JSON.stringify(schema)}: teach scripts/generate/expectations.ts`);
}

function resolve(schema: SchemaObject, $defs: Record<string, SchemaObject>): SchemaObject {
  if (typeof schema.$ref !== "string") return schema;
  const target = $defs[schema.$ref.replace("#/$defs/", "")];
  if (target === undefined) throw new Error(`$ref "${schema.$ref}" names no definition of the bundle`);
  return resolve(target, $defs);
}

function article(type: string): string {
  return (
    {
      string: "a string",
      null: "null",
      integer: "an integer",
      number: "a number",
      boolean: "a boolean",
      object: "an object",
      array: "an array",
    }[type] ?? type
  );
}

/** The exact text of a schema number, big ones included. */
function text(value: Json | undefined): string {
  return value && typeof value === "object" && "isLosslessNumber" in value
    ? (value as { value: string }).value
    : String(value);
}

/**
 * An exclusive bound in words. A bound that rounds to a power of two beyond 2^53 is named
 * as one (2^96): to a JavaScript number, which is all a caller holds, that is the bound.
 */
function bound(value: Json): string {
  const n = Number(text(value));
  const exponent = Math.log2(n);
  return Number.isInteger(exponent) && exponent > 53 ? `2^${exponent}` : text(value);
}
