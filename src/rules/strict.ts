/**
 * Strict mode as a check after the default validators, instead of a second copy of every
 * validator with `additionalProperties: false` (half of the validators' code): the generated
 * strict validators are `strictValidator(defaultValidator, shapes)`. A shape lists the fields of
 * an object of an event (the event itself, an approval's requirement, each usage window), as
 * the schemas name them.
 *
 * The errors are the ones Ajv gives for the schema with `additionalProperties: false` on those
 * objects, in the same order (test/generator/validators-fast-path.test.ts holds them to Ajv's):
 * each object's `required` errors, then one `additionalProperties` error per unknown key in
 * `for…in` order, then its fields' errors; an unknown key inside an object that may also be null
 * (`anyOf`) makes that alternative fail, and so the null one and the `anyOf` too.
 */
import { escapePointer } from "./engine-json.js";
import type { SchemaError } from "./schema-validator.js";

/** An error as the generated validators report it (Ajv's, without a message). */
export type StrictError = SchemaError;

/** A generated validator: true when `data` is valid; otherwise `errors` holds why. */
export interface StrictCheckable {
  (data: unknown): boolean;
  errors?: StrictError[] | null;
}

/** The fields of one object, and how to read the objects its fields hold. */
export interface StrictShape {
  readonly keys: readonly string[];
  readonly nested?: Readonly<Record<string, NestedShape>>;
}

/** An object a field holds: directly, as each item of an array, or as one alternative of an `anyOf` (or null). */
export interface NestedShape {
  readonly shape: StrictShape;
  /** The field is an array of such objects. */
  readonly items?: true;
  /** The field is `anyOf: [the object, null]`: the schema path of the `anyOf`, from the holder's schema. */
  readonly anyOf?: string;
}

/** How many times the full walk of the rules beyond the schema ran: an unchanged count means no unknown key. */
type WalkCounter = () => number;

/**
 * The strict flavour of `validate`. `shapes`: the shape of its variant, or (for a union) the
 * shape of each variant by its type string. `walks`: the full walk's counter (fullWalks): when
 * the default validator accepts without walking, its fast path has found no unknown key, and
 * strict mode has nothing to add.
 * @example
 * const strict = strictValidator(validateRunCreated, { keys: ["type", "run_id", "workflow_name", "at"] }, fullWalks);
 */
export function strictValidator(
  validate: StrictCheckable,
  shapes: StrictShape | Readonly<Record<string, StrictShape>>,
  walks: WalkCounter,
): StrictCheckable {
  const byType = !Array.isArray((shapes as StrictShape).keys);
  const strict: StrictCheckable = (data) => {
    const before = walks();
    const ok = validate(data);
    const errors = ok ? null : (validate.errors ?? null);
    if ((ok && walks() === before) || !isObject(data)) {
      strict.errors = errors;
      return ok;
    }
    const shape = byType ? shapeOfType(shapes as Readonly<Record<string, StrictShape>>, data) : (shapes as StrictShape);
    if (shape === undefined || (ok && !hasUnknownKey(data, shape))) {
      strict.errors = errors;
      return ok;
    }
    // The event's own rules beyond the schema (x-engine-json) stay first, as Ajv moves them.
    const list = errors ?? [];
    let first = 0;
    while (first < list.length && list[first]!.keyword === "x-engine-json") first++;
    const out = [...list.slice(0, first), ...strictBlock(list.slice(first), data, "", shape)];
    strict.errors = out.length > 0 ? out : null;
    return out.length === 0;
  };
  return strict;
}

function shapeOfType(
  shapes: Readonly<Record<string, StrictShape>>,
  data: Record<string, unknown>,
): StrictShape | undefined {
  const type = data.type;
  return typeof type === "string" && Object.prototype.hasOwnProperty.call(shapes, type) ? shapes[type] : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** True when `data` or an object it holds has a key its shape does not name (as `for…in` lists them). */
function hasUnknownKey(data: Record<string, unknown>, shape: StrictShape): boolean {
  for (const key in data) if (!shape.keys.includes(key)) return true;
  const nested = shape.nested;
  if (nested === undefined) return false;
  for (const name in nested) {
    const { shape: inner, items } = nested[name]!;
    const value = data[name];
    if (items === true && Array.isArray(value)) {
      for (const item of value) if (isObject(item) && hasUnknownKey(item, inner)) return true;
    } else if (isObject(value) && hasUnknownKey(value, inner)) return true;
  }
  return false;
}

/**
 * The strict errors of the object `data` at `path`, from `block`, the default validator's
 * errors of that object (in Ajv's order: its `required` errors, then its fields', field by field).
 */
function strictBlock(block: StrictError[], data: unknown, path: string, shape: StrictShape): StrictError[] {
  if (!isObject(data)) return block; // a type error: strict mode has nothing to add
  const out: StrictError[] = [];
  let i = 0;
  while (i < block.length && block[i]!.instancePath === path && block[i]!.keyword === "required") out.push(block[i++]!);
  for (const key in data)
    if (!shape.keys.includes(key))
      out.push({
        instancePath: path,
        schemaPath: "#/additionalProperties",
        keyword: "additionalProperties",
        params: { additionalProperty: key },
      });
  // The fields' errors come field by field, in the schema's order: a nested object's are rebuilt.
  for (const name of shape.keys) {
    const at = `${path}/${escapePointer(name)}`;
    const start = i;
    while (i < block.length && isUnder(block[i]!.instancePath, at)) i++;
    const own = block.slice(start, i);
    const nested = shape.nested?.[name];
    out.push(...(nested === undefined ? own : nestedBlock(own, data[name], at, nested)));
  }
  out.push(...block.slice(i)); // anything else the object's schema reported, after its fields
  return out;
}

/** The strict errors of a field that holds objects, from its default errors `own`. */
function nestedBlock(own: StrictError[], value: unknown, at: string, nested: NestedShape): StrictError[] {
  if (nested.items === true) {
    if (!Array.isArray(value)) return own;
    const out: StrictError[] = [];
    let i = 0;
    while (i < own.length && own[i]!.instancePath === at) out.push(own[i++]!); // the array's own
    for (let index = 0; index < value.length; index++) {
      const itemAt = `${at}/${index}`;
      const start = i;
      while (i < own.length && isUnder(own[i]!.instancePath, itemAt)) i++;
      out.push(...strictBlock(own.slice(start, i), value[index], itemAt, nested.shape));
    }
    out.push(...own.slice(i));
    return out;
  }
  if (nested.anyOf === undefined) return strictBlock(own, value, at, nested.shape);
  if (!isObject(value)) return own;
  // anyOf [the object, null]: the object's errors, then (when it fails) the null alternative's and the anyOf's.
  const isAlternative = (e: StrictError) => e.instancePath === at && e.schemaPath.startsWith(nested.anyOf!);
  const object = strictBlock(
    own.filter((e) => !isAlternative(e)),
    value,
    at,
    nested.shape,
  );
  if (object.length === 0) return object;
  const alternatives = own.filter(isAlternative);
  return [
    ...object,
    ...(alternatives.length > 0
      ? alternatives
      : [
          { instancePath: at, schemaPath: `${nested.anyOf}/1/type`, keyword: "type", params: { type: "null" } },
          { instancePath: at, schemaPath: nested.anyOf, keyword: "anyOf", params: {} },
        ]),
  ];
}

/** `path` is `at` or a path inside it. */
function isUnder(path: string, at: string): boolean {
  return path === at || (path.length > at.length && path.startsWith(at) && path.charCodeAt(at.length) === 47) /* / */;
}
