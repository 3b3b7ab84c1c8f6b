// Every field of a variant at any depth, with the schema written for it: what the constants
// derive their per-field tables from (expectations, defaults, number fields). A field inside
// an array item or a map value has `*` for the index or key: windows/*/utilization, labels/*.
import { isSchemaObject, type SchemaObject } from "./load-schemas.js";

export interface FieldPath {
  /** Property names from the event down, `*` for any array index or map key. */
  path: string[];
  /** The schema written for the field (it may be a `$ref` or an `anyOf`). */
  schema: SchemaObject;
}

/**
 * The fields of `variant` (a bundle definition whose `$ref`s point into `$defs`), parents before
 * their children, in schema order.
 * @example
 * [...fieldPaths(bundle.$defs.approval_granted, bundle.$defs)].map((f) => f.path.join("/"));
 * // [..., "requirement", "requirement/reason", "requirement/required_approvers", ...]
 */
export function* fieldPaths(variant: SchemaObject, $defs: Record<string, SchemaObject>): Generator<FieldPath> {
  yield* walk(variant, [], $defs, 0);
}

function* walk(
  node: SchemaObject,
  path: string[],
  $defs: Record<string, SchemaObject>,
  depth: number,
): Generator<FieldPath> {
  if (depth > 32) throw new Error(`${path.join("/")}: the schemas nest too deep (a $ref cycle?)`);
  if (typeof node.$ref === "string") yield* walk(resolveRef(node.$ref, $defs), path, $defs, depth + 1);
  for (const branch of (node.anyOf ?? []) as SchemaObject[]) yield* walk(branch, path, $defs, depth + 1);
  if (isSchemaObject(node.properties))
    for (const [name, property] of Object.entries(node.properties as Record<string, SchemaObject>)) {
      yield { path: [...path, name], schema: property };
      yield* walk(property, [...path, name], $defs, depth + 1);
    }
  for (const key of ["items", "additionalProperties"])
    if (isSchemaObject(node[key])) {
      yield { path: [...path, "*"], schema: node[key] as SchemaObject };
      yield* walk(node[key] as SchemaObject, [...path, "*"], $defs, depth + 1);
    }
}

/** The definition a `#/$defs/<name>` reference names. */
export function resolveRef(ref: string, $defs: Record<string, SchemaObject>): SchemaObject {
  const target = $defs[ref.replace("#/$defs/", "")];
  if (target === undefined) throw new Error(`$ref "${ref}" names no definition of the bundle`);
  return target;
}

/**
 * The schemas a value of `schema` may match, `$ref`s followed and `anyOf` branches listed:
 * `{ anyOf: [{ $ref: uuid }, { type: "null" }] }` is the uuid definition and `{ type: "null" }`.
 */
export function alternatives(schema: SchemaObject, $defs: Record<string, SchemaObject>): SchemaObject[] {
  if (typeof schema.$ref === "string") return alternatives(resolveRef(schema.$ref, $defs), $defs);
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as SchemaObject[]).flatMap((b) => alternatives(b, $defs));
  return [schema];
}
