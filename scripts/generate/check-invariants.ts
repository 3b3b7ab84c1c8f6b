// Step 2: refuse schemas that would generate something wrong, with a message that names
// the file and says what to fix. These are the rules of schemas/ that JSON Schema itself
// does not enforce.
import { basename } from "node:path";
import type { EngineVersions } from "./engine-versions.js";
import {
  ID_BASE,
  isSchemaObject,
  type Json,
  type LoadedSchemas,
  type SchemaFile,
  type SchemaObject,
} from "./load-schemas.js";
import { LIFECYCLE_KEYWORDS, lifecycleFile, lifecycleProblems, TRANSITIONS } from "./lifecycle.js";
import { DEFAULT_SINCE, ENUM_SINCE, SINCE } from "./version-marks.js";

/**
 * A wire type as the engine names its variants: snake_case, with at most one dot
 * (`provider_account.updated`). The file of a variant is named by it.
 */
const WIRE_TYPE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$/;

export function checkInvariants({ variants, defs }: LoadedSchemas, versions: EngineVersions): void {
  const problems: string[] = [];
  const fail = (file: SchemaFile, message: string) => problems.push(`schemas/${file.relative}: ${message}`);
  const orders = new Map<number, string>();
  const formats = new Set(versions.formats.map((entry) => entry.format));

  for (const file of [...variants, ...defs]) {
    const { schema } = file;
    if (schema.$schema !== "https://json-schema.org/draft/2020-12/schema") fail(file, "$schema must be draft 2020-12");
    if (schema.$id !== ID_BASE + file.relative) fail(file, `$id must be ${ID_BASE + file.relative}`);
    if (typeof schema.title !== "string" || !/^[A-Z][A-Za-z0-9]*$/.test(schema.title))
      fail(file, "title must be a PascalCase name: it names the TypeScript type");
    if (typeof schema.description !== "string" || schema.description.length < 10) fail(file, "needs a description");
    if (!Array.isArray(schema.examples) || schema.examples.length === 0) fail(file, "needs examples");
    for (const message of markProblems(schema, "", formats, variants.includes(file))) fail(file, message);
    for (const message of objectProblems(schema, "")) fail(file, message);
    if (TRANSITIONS in schema) for (const message of lifecycleProblems(schema, versions)) fail(file, message);
    else
      for (const keyword of LIFECYCLE_KEYWORDS.filter((k) => k in schema))
        fail(file, `${keyword} stands beside ${TRANSITIONS}, in the schema of run statuses`);
  }
  try {
    lifecycleFile({ variants, defs });
  } catch (error) {
    problems.push(`schemas/: ${(error as Error).message}`);
  }

  for (const file of variants) {
    const { schema } = file;
    const wireType = basename(file.relative, ".json");
    if (!WIRE_TYPE.test(wireType))
      fail(file, "a variant file is named by its wire type: snake_case, with at most one dot");
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
    if (SINCE in (properties.type ?? {})) fail(file, '"type" is in every format of its variant: no x-since on it');
  }
  if (problems.length > 0)
    throw new Error(`schemas/ is not valid input for the generator:\n  ${problems.join("\n  ")}`);
}

/**
 * The rules of every object schema with `properties` (variants and nested objects alike):
 * `required` names defined properties, each property has a title and a description, and an
 * optional one has a default, because a parsed event always carries every field.
 */
function objectProblems(node: Json, where: string): string[] {
  if (Array.isArray(node))
    return node.flatMap((item, i) => objectProblems(item, where === "" ? `${i}` : `${where}/${i}`));
  if (!isSchemaObject(node)) return [];
  const problems: string[] = [];
  const properties = node.properties as Record<string, SchemaObject> | undefined;
  if (properties && typeof properties === "object") {
    const required = (node.required ?? []) as string[];
    for (const name of required)
      if (!(name in properties)) problems.push(`${where || "root"}: required names an undefined property "${name}"`);
    for (const [name, property] of Object.entries(properties)) {
      const at = where === "" ? `properties/${name}` : `${where}/properties/${name}`;
      if (typeof property.title !== "string" || typeof property.description !== "string")
        problems.push(`property "${at}" needs a title and a description`);
      if (!required.includes(name) && !("default" in property))
        problems.push(`optional property "${at}" needs a default: parsed events always carry every field`);
    }
  }
  for (const [key, value] of Object.entries(node))
    if (key !== "examples" && key !== "default")
      problems.push(...objectProblems(value, where === "" ? key : `${where}/${key}`));
  return problems;
}

/**
 * The version marks of one schema file, checked: each names a format of the table, and sits
 * where it means something. `x-since` marks a variant's root or a property; `x-enum-since`
 * marks values of the `enum` beside it; `x-default-since` the `default` beside it.
 */
function markProblems(root: SchemaObject, where: string, formats: Set<string>, isVariant: boolean): string[] {
  const problems: string[] = [];
  const format = (mark: Json, at: string) => {
    if (typeof mark !== "string" || !formats.has(mark))
      problems.push(
        `${at}: ${JSON.stringify(mark)} names no format of engine-versions.json (${[...formats].join(", ")})`,
      );
  };
  const visit = (node: Json, at: string, isProperty: boolean, isRoot: boolean) => {
    if (Array.isArray(node)) return node.forEach((item, i) => visit(item, `${at}/${i}`, false, false));
    if (!isSchemaObject(node)) return;
    if (SINCE in node) {
      format(node[SINCE]!, `${at}/${SINCE}`);
      if (!isProperty && !(isRoot && isVariant))
        problems.push(`${at}: ${SINCE} marks a variant or a property, nothing else`);
    }
    if (ENUM_SINCE in node) {
      const marks = node[ENUM_SINCE];
      const values = Array.isArray(node.enum) ? node.enum.map(String) : [];
      if (!isSchemaObject(marks) || values.length === 0)
        problems.push(`${at}: ${ENUM_SINCE} is an object beside an enum`);
      else
        for (const [value, mark] of Object.entries(marks)) {
          if (!values.includes(value)) problems.push(`${at}/${ENUM_SINCE}: "${value}" is not a value of the enum`);
          format(mark, `${at}/${ENUM_SINCE}/${value}`);
        }
    }
    if (DEFAULT_SINCE in node) {
      format(node[DEFAULT_SINCE]!, `${at}/${DEFAULT_SINCE}`);
      if (!("default" in node)) problems.push(`${at}: ${DEFAULT_SINCE} sits beside a default`);
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === "examples" || key === "default") continue;
      if (key === "properties" && isSchemaObject(value))
        for (const [name, property] of Object.entries(value)) visit(property, `${at}/properties/${name}`, true, false);
      else visit(value, `${at}/${key}`, false, false);
    }
  };
  visit(root, where || "", false, true);
  return problems.map((problem) => problem.replace(/^: /, "root: ").replace(/^\//, ""));
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
