// Part of step 5: the shapes the strict validators check after the default ones
// (src/rules/strict.ts): for each variant, its fields, and the objects its fields hold (an
// approval's requirement, each usage window), with the schema paths Ajv gives the errors of an
// `anyOf` around one. Made from a format's bundle; a schema of another form is refused.
import { isSchemaObject, type SchemaObject } from "./load-schemas.js";

/** What src/rules/strict.ts reads: an object's fields, and the objects they hold. */
export interface Shape {
  keys: string[];
  nested?: Record<string, { shape: Shape; items?: true; anyOf?: string }>;
}

/**
 * The shape of each variant of `bundle`, by wire type.
 * @example
 * strictShapes(bundle).run_created; // { keys: ["type", "run_id", "workflow_name", "at"] }
 */
export function strictShapes(bundle: SchemaObject): Record<string, Shape> {
  const $defs = bundle.$defs as Record<string, SchemaObject>;
  const out: Record<string, Shape> = {};
  for (const branch of bundle.oneOf as SchemaObject[]) {
    const name = (branch.$ref as string).replace("#/$defs/", "");
    out[name] = shapeOf($defs[name]!, $defs, `#/$defs/${name}`);
  }
  return out;
}

function shapeOf(schema: SchemaObject, $defs: Record<string, SchemaObject>, where: string): Shape {
  const properties = schema.properties as Record<string, SchemaObject>;
  const shape: Shape = { keys: Object.keys(properties) };
  for (const [name, property] of Object.entries(properties)) {
    const at = `${where}/properties/${name}`;
    const held = heldObject(property, $defs, at);
    if (held !== undefined) (shape.nested ??= {})[name] = held;
  }
  return shape;
}

/** The object a field holds, if any: `{ $ref: object }`, `anyOf: [{ $ref: object }, { type: "null" }]`, or an array of objects. */
function heldObject(
  property: SchemaObject,
  $defs: Record<string, SchemaObject>,
  where: string,
): { shape: Shape; items?: true; anyOf?: string } | undefined {
  if (Array.isArray(property.anyOf)) {
    const [first, second] = property.anyOf as SchemaObject[];
    const object = first === undefined ? undefined : structOf(first, $defs);
    if (object === undefined) return undefined; // an assignee or a UUID, or null: no object
    if ((property.anyOf as SchemaObject[]).length !== 2 || second?.type !== "null")
      throw new Error(
        `${where}: an object in an anyOf is supported as [the object, null] only; teach strict-shapes.ts`,
      );
    const name = where.slice(where.lastIndexOf("/") + 1);
    return { shape: shapeOf(object, $defs, where), anyOf: `#/properties/${name}/anyOf` };
  }
  const object = structOf(property, $defs);
  if (object !== undefined) return { shape: shapeOf(object, $defs, where) };
  const target = resolve(property, $defs);
  if (target.type === "array" && isSchemaObject(target.items)) {
    const item = structOf(target.items as SchemaObject, $defs);
    if (item !== undefined) return { shape: shapeOf(item, $defs, `${where}/items`), items: true };
  }
  return undefined;
}

/** The object schema (with named properties) `schema` is or refers to, if it is one. */
function structOf(schema: SchemaObject, $defs: Record<string, SchemaObject>): SchemaObject | undefined {
  const target = resolve(schema, $defs);
  return target.type === "object" && isSchemaObject(target.properties) ? target : undefined;
}

function resolve(schema: SchemaObject, $defs: Record<string, SchemaObject>): SchemaObject {
  return typeof schema.$ref === "string" ? resolve($defs[schema.$ref.replace("#/$defs/", "")]!, $defs) : schema;
}
