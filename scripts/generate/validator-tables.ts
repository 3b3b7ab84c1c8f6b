// Part of step 5: each format's validators of the full path as data. The definitions of a
// format's validation bundle (only what validation reads: emit-validators.ts, validatorSchemas)
// are listed once each across all formats, so that a format costs only the definitions it
// changes; src/rules/schema-validator.ts reads them. The step refuses a keyword that reader does
// not know, so a schema change it cannot follow stops the generator instead of being ignored.
import { DEFINITION_KEYWORDS, formats, type SchemaNode, type SchemaTablesData } from "../../src/rules/index.js";
import { planFastPath } from "./engine-json-fast.js";
import type { SchemaObject } from "./load-schemas.js";

/** The keywords the reader follows; a definition with any other is refused. */
const READ = new Set<string>(DEFINITION_KEYWORDS);

/** What the union at the top of a bundle may hold beside `$defs`. */
const UNION_KEYWORDS = ["$id", "type", "discriminator", "oneOf"];

/**
 * The validators' tables of every format, from its validation bundle: each distinct definition
 * once (compared as JSON), and per format its union and its definitions by name, as indexes into
 * that list. The generated module makes them in a function called when a validator is first
 * called (src/rules/schema-validator.ts, SchemaTablesData): as top-level object literals they
 * would be built at import, for the few events the fast path gives way on.
 * @example
 * const data = validatorTables([{ format: "2.14", bundle }]); // data.formats["2.14"].names.run_created
 */
export function validatorTables(formats: readonly { format: string; bundle: SchemaObject }[]): SchemaTablesData {
  const index = new Map<string, number>(); // definition as JSON -> its index
  const definitions: SchemaNode[] = [];
  const indexOf = (node: SchemaObject) => {
    const json = JSON.stringify(node);
    if (!index.has(json)) {
      index.set(json, definitions.length);
      definitions.push(node as unknown as SchemaNode);
    }
    return index.get(json)!;
  };
  const tables: Record<string, { union: number; names: Record<string, number> }> = {};
  for (const { format, bundle } of formats) {
    const defs = bundle.$defs as Record<string, SchemaObject>;
    const { $defs, ...top } = bundle;
    checkUnion(top, defs, format);
    const { $id, ...union } = top;
    for (const [name, node] of Object.entries(defs)) checkNode(node, defs, `${format} #/$defs/${name}`);
    const names = Object.fromEntries(
      Object.entries(defs).map(([name, node]) => [name, indexOf(withWalkPlan(node, bundle))]),
    );
    tables[format] = { union: indexOf(union), names };
  }
  return { definitions, formats: tables };
}

/**
 * The definition with its x-engine-json keyword's value replaced by the variant's walk plan
 * (engine-json-fast.ts): what the validator checks before it decides to walk the whole event.
 * `true` stays where no plan can be made (a property that may hold any JSON value): always walk.
 */
function withWalkPlan(node: SchemaObject, bundle: SchemaObject): SchemaObject {
  if (node["x-engine-json"] !== true) return node;
  const plan = planFastPath(node, bundle);
  return plan === null ? node : { ...node, "x-engine-json": plan as unknown as SchemaObject };
}

/** The union: an object, its variants by the discriminator's property, each a ref to a definition whose tag is a const. */
function checkUnion(top: SchemaObject, defs: Record<string, SchemaObject>, format: string): void {
  const extra = Object.keys(top).filter((key) => !UNION_KEYWORDS.includes(key));
  if (extra.length > 0) throw new Error(`validator tables: format ${format}'s union has ${extra.join(", ")}`);
  const tag = (top.discriminator as { propertyName: string }).propertyName;
  for (const alternative of top.oneOf as SchemaObject[]) {
    const variant = defs[(alternative.$ref as string).replace("#/$defs/", "")];
    const constant = (
      (variant?.properties as Record<string, SchemaObject> | undefined)?.[tag] as SchemaObject | undefined
    )?.const;
    if (typeof constant !== "string")
      throw new Error(`validator tables: format ${format}: ${String(alternative.$ref)} has no string const at ${tag}`);
  }
}

/** A node the reader follows exactly: known keywords only, and each in the one shape it reads. */
function checkNode(node: SchemaObject, defs: Record<string, SchemaObject>, where: string): void {
  const refuse = (what: string) => {
    throw new Error(`validator tables: ${where}: ${what}; src/rules/schema-validator.ts would not read it as Ajv does`);
  };
  for (const key of Object.keys(node)) if (!READ.has(key)) refuse(`unknown keyword ${key}`);
  if (node.$ref !== undefined) {
    if (Object.keys(node).length !== 1) refuse("$ref beside other keywords");
    const ref = node.$ref as string;
    if (!ref.startsWith("#/$defs/") || defs[ref.slice("#/$defs/".length)] === undefined)
      refuse(`a ref to nothing: ${ref}`);
  }
  if (node.format !== undefined && !Object.hasOwn(formats, node.format as string))
    refuse(`an unknown format ${String(node.format)}`);
  if (node["x-engine-json"] !== undefined && node["x-engine-json"] !== true) refuse("x-engine-json other than true");
  if (node.const !== undefined && typeof node.const !== "string") refuse("a const that is not a string");
  if (node.enum !== undefined && !(node.enum as unknown[]).every((value) => typeof value === "string"))
    refuse("an enum with a value that is not a string");
  if (
    node.additionalProperties !== undefined &&
    (node.properties !== undefined || typeof node.additionalProperties !== "object")
  )
    refuse("additionalProperties beside properties, or not a schema");
  const properties = (node.properties ?? {}) as Record<string, SchemaObject>;
  for (const [name, child] of Object.entries(properties)) {
    // Integer-like keys would come first in for…in, out of the schema's order.
    if (/^(0|[1-9]\d*)$/.test(name)) refuse(`a property named ${name}`);
    checkNode(child, defs, `${where}/properties/${name}`);
  }
  for (const key of ["additionalProperties", "items"] as const)
    if (node[key] !== undefined) checkNode(node[key] as SchemaObject, defs, `${where}/${key}`);
  ((node.anyOf ?? []) as SchemaObject[]).forEach((child, i) => checkNode(child, defs, `${where}/anyOf/${i}`));
}
