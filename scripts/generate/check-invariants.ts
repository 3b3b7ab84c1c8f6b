// Step 2: refuse schemas that would generate something wrong, with a message that names
// the file and says what to fix. These are the rules of schemas/ that JSON Schema itself
// does not enforce.
import { basename } from "node:path";
import { ID_BASE, type Json, type LoadedSchemas, type SchemaFile, type SchemaObject } from "./load-schemas.js";

export function checkInvariants({ variants, defs }: LoadedSchemas): void {
  const problems: string[] = [];
  const fail = (file: SchemaFile, message: string) => problems.push(`schemas/${file.relative}: ${message}`);
  const orders = new Map<number, string>();

  for (const file of [...variants, ...defs]) {
    const { schema } = file;
    if (schema.$schema !== "https://json-schema.org/draft/2020-12/schema") fail(file, "$schema must be draft 2020-12");
    if (schema.$id !== ID_BASE + file.relative) fail(file, `$id must be ${ID_BASE + file.relative}`);
    if (typeof schema.title !== "string" || !/^[A-Z][A-Za-z0-9]*$/.test(schema.title))
      fail(file, "title must be a PascalCase name: it names the TypeScript type");
    if (typeof schema.description !== "string" || schema.description.length < 10) fail(file, "needs a description");
    if (!Array.isArray(schema.examples) || schema.examples.length === 0) fail(file, "needs examples");
  }

  for (const file of variants) {
    const { schema } = file;
    const wireType = basename(file.relative, ".json");
    if (!/^[a-z][a-z0-9_]*$/.test(wireType)) fail(file, "a variant file is named by its snake_case wire type");
    const order = schema["x-order"];
    if (typeof order !== "number" || !Number.isInteger(order))
      fail(file, "x-order must be an integer (its place in Event.ALL)");
    else if (orders.has(order)) fail(file, `x-order ${order} is already taken by ${orders.get(order)}`);
    else orders.set(order, file.relative);
    if (schema["x-engine-json"] !== true) fail(file, 'needs "x-engine-json": true (the rules beyond the schema)');
    if (schema.type !== "object") fail(file, 'a variant is "type": "object"');
    if ("additionalProperties" in schema)
      fail(file, "leave additionalProperties out: the generator makes the strict flavour");
    const properties = schema.properties as Record<string, SchemaObject> | undefined;
    const required = schema.required as string[] | undefined;
    if (!properties || !required) {
      fail(file, "needs properties and required");
      continue;
    }
    if (properties.type?.const !== wireType) fail(file, `properties.type must be { "const": "${wireType}" }`);
    if (!required.includes("type")) fail(file, '"type" must be required');
    for (const name of required)
      if (!(name in properties)) fail(file, `required names an undefined property "${name}"`);
    for (const [name, property] of Object.entries(properties)) {
      if (typeof property.title !== "string" || typeof property.description !== "string")
        fail(file, `property "${name}" needs a title and a description`);
      if (!required.includes(name) && !("default" in property))
        fail(file, `optional property "${name}" needs a default: parsed events always carry every field`);
    }
  }
  if (problems.length > 0)
    throw new Error(`schemas/ is not valid input for the generator:\n  ${problems.join("\n  ")}`);
}

/** Every `$ref` string in a schema, depth first. */
export function* refsOf(node: Json): Generator<string> {
  if (Array.isArray(node)) for (const item of node) yield* refsOf(item);
  else if (node && typeof node === "object" && !("isLosslessNumber" in node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") yield value;
      else yield* refsOf(value);
    }
  }
}
