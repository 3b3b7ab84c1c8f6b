/**
 * The validators of the full path, read from the schemas themselves: generated/validators.js
 * holds each engine format's definitions (the bundle's `$defs`, only what validation reads) as
 * data, and this module walks them. It answers exactly as Ajv's code compiled from the same
 * schemas (allErrors, strictNumbers, the project's formats and x-engine-json keyword): the same
 * verdict and the same errors in the same order, with the same schema paths and parameters
 * (test/generator/validators-fast-path.test.ts holds it to Ajv on every vector file). A table
 * is a small fraction of the bytes of the code Ajv writes for it, and formats share the
 * definitions they have in common.
 *
 * The order is Ajv's: a type check first when no keyword of the type's group would make it
 * (or the value may be of several types); then the keywords that apply to any value (the
 * engine's JSON rules, const, enum, anyOf); then those of numbers, strings, arrays and objects,
 * each only for a value of that type, and the type error in that group's place otherwise.
 * A `$ref` to a definition without references of its own is read in place, and its errors
 * carry the definition's schema path; any other is read as Ajv's separate function is, with
 * schema paths from `#`.
 */
import { engineJsonViolations, escapePointer } from "./engine-json.js";
import { formats } from "./formats.js";
import { passesWalkPlan, type WalkPlan } from "./walk-plan.js";

/** An error as Ajv reports it (without a message); src/issues/from-errors.ts turns these into issues. */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** A validator of the full path: true when `data` is valid; otherwise `errors` holds why. */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors: SchemaError[] | null;
}

/**
 * A schema node as the generator writes it: the keywords below and nothing else (the
 * generator refuses a schema with any other, see scripts/generate/validator-tables.ts).
 */
export interface SchemaNode {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly const?: string;
  readonly enum?: readonly string[];
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: SchemaNode;
  readonly items?: SchemaNode;
  readonly anyOf?: readonly SchemaNode[];
  readonly discriminator?: { readonly propertyName: string };
  readonly oneOf?: readonly SchemaNode[];
  /**
   * The engine's JSON rules (engine-json.ts) for the whole value: `true` walks it always; a
   * plan (walk-plan.ts) walks it only when the value's other keywords have failed or the plan
   * does not pass.
   */
  readonly "x-engine-json"?: true | WalkPlan;
}

/**
 * The keywords a definition may hold: the ones this reader follows (the union's discriminator
 * and oneOf apart). The generator refuses a definition with any other.
 */
export const DEFINITION_KEYWORDS = [
  "$ref",
  "type",
  "const",
  "enum",
  "format",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "required",
  "properties",
  "additionalProperties",
  "items",
  "anyOf",
  "x-engine-json",
] as const satisfies readonly (keyof SchemaNode)[];

/** A format's definitions by name, as `#/$defs/<name>` refers to them. */
export type SchemaDefinitions = Readonly<Record<string, SchemaNode>>;

/**
 * The tables of every format, as the generator writes them (scripts/generate/validator-tables.ts):
 * each distinct definition once, and per format its union and its definitions by name, as indexes.
 */
export interface SchemaTablesData {
  readonly definitions: readonly SchemaNode[];
  readonly formats: Readonly<
    Record<string, { readonly union: number; readonly names: Readonly<Record<string, number>> }>
  >;
}

/** The function that makes the tables, called on first use; and each format's reader once made. */
export interface SchemaTables {
  readonly make: () => SchemaTablesData;
  data?: SchemaTablesData;
  readonly readers: Map<string, Reader>;
}

/**
 * The tables of the generated module, made by `make` (their JSON text inside a function:
 * loading the package only scans a string) when a validator made of them is first called.
 * @example
 * const tables = schemaTables(() => ({ definitions: [{ type: "string" }], formats: { "1.0": { union: 0, names: { s: 0 } } } }));
 */
export function schemaTables(make: () => SchemaTablesData): SchemaTables {
  return { make, readers: new Map() };
}

/** The keywords of each type's group, as Ajv groups them. */
const NUMBER_KEYWORDS = ["maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum"] as const;
const COMPARISONS = { maximum: "<=", minimum: ">=", exclusiveMaximum: "<", exclusiveMinimum: ">" } as const;

/** The type a format applies to: Ajv checks a format only in that type's group. */
function formatType(name: string): "number" | "string" {
  const format = formats[name as keyof typeof formats];
  return typeof format === "object" ? format.type : "string";
}

function checkFormat(name: string, data: unknown): boolean {
  const format = formats[name as keyof typeof formats];
  return typeof format === "object" ? format.validate(data as number) : format(data as string);
}

/**
 * The validator of `format`'s definition named `definition` in `tables`, or of the format's
 * union of every variant without one.
 * @example
 * const validate = schemaValidator(tables, "2.14", "run_created");
 * if (!validate(value)) console.log(validate.errors);
 */
export function schemaValidator(tables: SchemaTables, format: string, definition?: string): SchemaValidator {
  let reader: Reader | undefined;
  let root: SchemaNode | undefined;
  const validate = ((data: unknown) => {
    if (reader === undefined) {
      reader = readerOf(tables, format);
      root = definition === undefined ? reader.union : reader.definition(definition);
    }
    const errors: SchemaError[] = [];
    reader.visit(root!, data, "", "#", errors);
    validate.errors = errors.length > 0 ? errors : null;
    return errors.length === 0;
  }) as SchemaValidator;
  validate.errors = null;
  return validate;
}

/** The reader of one format, made on first use: the tables made once for every format. */
function readerOf(tables: SchemaTables, format: string): Reader {
  let reader = tables.readers.get(format);
  if (reader === undefined) {
    const data = (tables.data ??= tables.make());
    const table = data.formats[format];
    if (table === undefined) throw new Error(`no validator tables for engine format ${format}`); // the generator writes every format's
    const defs: Record<string, SchemaNode> = {};
    for (const name in table.names) defs[name] = data.definitions[table.names[name]!]!;
    reader = new Reader(defs, data.definitions[table.union]!);
    tables.readers.set(format, reader);
  }
  return reader;
}

/** One format's definitions (internal: exported for SchemaTables' type), with what is worked out of them once: which refs are read in place, the variants by tag. */
export class Reader {
  private readonly inPlace = new Map<SchemaNode, boolean>();
  private variants: Map<string, SchemaNode> | undefined;

  constructor(
    private readonly defs: SchemaDefinitions,
    readonly union: SchemaNode,
  ) {}

  private readonly shapes = new Map<SchemaNode, Shape>();

  /** What Ajv's code for `node` would look like, worked out once per node. */
  private shapeOf(node: SchemaNode): Shape {
    let shape = this.shapes.get(node);
    if (shape === undefined) {
      const types = node.type === undefined ? [] : typeof node.type === "string" ? [node.type] : [...node.type];
      const only = types.length === 1 ? types[0] : undefined;
      shape = {
        types,
        only,
        // Ajv checks the type first unless a keyword of the one type's group checks it in its place.
        typeFirst: types.length > 0 && !(only !== undefined && hasGroupKeywords(node, only)),
        number: hasGroupKeywords(node, "number"),
        string: hasGroupKeywords(node, "string"),
        object: hasGroupKeywords(node, "object"),
      };
      this.shapes.set(node, shape);
    }
    return shape;
  }

  definition(name: string): SchemaNode {
    return this.resolve(`#/$defs/${name}`);
  }

  visit(node: SchemaNode, data: unknown, path: string, at: string, errors: SchemaError[]): void {
    if (node.$ref !== undefined) {
      const target = this.resolve(node.$ref);
      this.visit(target, data, path, this.readInPlace(target) ? node.$ref : "#", errors);
      return;
    }
    const shape = this.shapeOf(node);
    const start = errors.length; // this value's errors start here
    if (shape.typeFirst && !shape.types.some((t) => isType(t, data)))
      fail(errors, path, at, "type", { type: node.type });
    // The keywords of any value.
    if (node.const !== undefined && node.const !== data) fail(errors, path, at, "const", { allowedValue: node.const });
    if (node.enum !== undefined && !node.enum.includes(data as string))
      fail(errors, path, at, "enum", { allowedValues: node.enum });
    if (node.anyOf !== undefined) this.anyOf(node.anyOf, data, path, at, errors);
    // Each type's group, in Ajv's order.
    if (shape.number) {
      if (isType("number", data)) {
        for (const keyword of NUMBER_KEYWORDS) {
          const limit = node[keyword];
          if (limit !== undefined && !within(keyword, data as number, limit))
            fail(errors, path, at, keyword, { comparison: COMPARISONS[keyword], limit });
        }
        if (node.format !== undefined && !checkFormat(node.format, data))
          fail(errors, path, at, "format", { format: node.format });
      } else if (shape.only === "number") fail(errors, path, at, "type", { type: node.type });
    }
    if (shape.string) {
      if (typeof data === "string") {
        if (!checkFormat(node.format!, data)) fail(errors, path, at, "format", { format: node.format });
      } else if (shape.only === "string") fail(errors, path, at, "type", { type: node.type });
    }
    if (node.items !== undefined) {
      if (Array.isArray(data)) {
        for (let i = 0; i < data.length; i++) this.visit(node.items, data[i], `${path}/${i}`, `${at}/items`, errors);
      } else if (shape.only === "array") fail(errors, path, at, "type", { type: node.type });
    }
    if (shape.object) {
      if (isType("object", data)) this.object(node, data as Record<string, unknown>, path, at, errors);
      else if (shape.only === "object") fail(errors, path, at, "type", { type: node.type });
    }
    const rules = node["x-engine-json"];
    if (rules !== undefined && (rules === true || errors.length > start || !passesWalkPlan(rules, data as object))) {
      const violations = engineJsonViolations(data);
      // First among the value's errors, where Ajv's keyword (one of any value) reports it.
      if (violations !== null)
        errors.splice(start, 0, {
          instancePath: path,
          schemaPath: `${at}/x-engine-json`,
          keyword: "x-engine-json",
          params: { violations },
        });
    }
  }

  /** The object group: required, additionalProperties (a map's values), properties; or the discriminator. */
  private object(node: SchemaNode, data: Record<string, unknown>, path: string, at: string, errors: SchemaError[]) {
    for (const name of node.required ?? [])
      if (data[name] === undefined)
        errors.push({
          instancePath: path,
          schemaPath: `${at}/required`,
          keyword: "required",
          params: { missingProperty: name },
        });
    if (node.additionalProperties !== undefined)
      for (const key in data)
        this.visit(
          node.additionalProperties,
          data[key],
          `${path}/${escapePointer(key)}`,
          `${at}/additionalProperties`,
          errors,
        );
    if (node.properties !== undefined)
      for (const name in node.properties) {
        const value = data[name];
        if (value !== undefined)
          this.visit(
            node.properties[name]!,
            value,
            `${path}/${escapePointer(name)}`,
            `${at}/properties/${name}`,
            errors,
          );
      }
    if (node.discriminator !== undefined) this.discriminator(node, data, path, errors);
  }

  /** Ajv's discriminator: the variant the tag names, read as a function of its own. */
  private discriminator(node: SchemaNode, data: Record<string, unknown>, path: string, errors: SchemaError[]) {
    const tag = node.discriminator!.propertyName;
    const value = data[tag];
    const variant = typeof value === "string" ? this.variantsOf(node).get(value) : undefined;
    if (variant !== undefined) this.visit(variant, data, path, "#", errors);
    else
      errors.push({
        instancePath: path,
        schemaPath: "#/discriminator",
        keyword: "discriminator",
        params: { error: typeof value === "string" ? "mapping" : "tag", tag, tagValue: value },
      });
  }

  /** Each alternative until one passes (its errors then taken back), else an `anyOf` error after theirs. */
  private anyOf(alternatives: readonly SchemaNode[], data: unknown, path: string, at: string, errors: SchemaError[]) {
    const before = errors.length;
    for (let i = 0; i < alternatives.length; i++) {
      const start = errors.length;
      this.visit(alternatives[i]!, data, path, `${at}/anyOf/${i}`, errors);
      if (errors.length === start) {
        errors.length = before;
        return;
      }
    }
    errors.push({ instancePath: path, schemaPath: `${at}/anyOf`, keyword: "anyOf", params: {} });
  }

  private resolve(ref: string): SchemaNode {
    const target = this.defs[ref.slice("#/$defs/".length)];
    if (target === undefined) throw new Error(`no definition for ${ref}`); // the generator checks every ref
    return target;
  }

  /** Ajv reads a definition in place when it refers to nothing else (inlineRefs). */
  private readInPlace(node: SchemaNode): boolean {
    let known = this.inPlace.get(node);
    if (known === undefined) this.inPlace.set(node, (known = !hasRef(node)));
    return known;
  }

  private variantsOf(node: SchemaNode): Map<string, SchemaNode> {
    if (this.variants === undefined) {
      const tag = node.discriminator!.propertyName;
      this.variants = new Map(
        node.oneOf!.map((ref) => {
          const variant = this.resolve(ref.$ref!);
          return [variant.properties![tag]!.const!, variant];
        }),
      );
    }
    return this.variants;
  }
}

/** A node's type keyword and groups, as Ajv's code for it checks them. */
interface Shape {
  readonly types: readonly string[];
  readonly only: string | undefined;
  readonly typeFirst: boolean;
  readonly number: boolean;
  readonly string: boolean;
  readonly object: boolean;
}

function fail(errors: SchemaError[], path: string, at: string, keyword: string, params: Record<string, unknown>): void {
  errors.push({ instancePath: path, schemaPath: `${at}/${keyword}`, keyword, params });
}

function hasRef(node: unknown): boolean {
  if (node === null || typeof node !== "object") return false;
  for (const key in node) {
    if (key === "$ref") return true;
    if (hasRef((node as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/** True when `node` has a keyword of `type`'s group (Ajv then checks the type in the group's place). */
function hasGroupKeywords(node: SchemaNode, type: string): boolean {
  switch (type) {
    case "number":
      return (
        NUMBER_KEYWORDS.some((keyword) => node[keyword] !== undefined) ||
        (node.format !== undefined && formatType(node.format) === "number")
      );
    case "string":
      return node.format !== undefined && formatType(node.format) === "string";
    case "array":
      return node.items !== undefined;
    case "object":
      return (
        node.required !== undefined ||
        node.properties !== undefined ||
        node.additionalProperties !== undefined ||
        node.discriminator !== undefined
      );
    default:
      return false; // integer, null, boolean: Ajv has no group for them
  }
}

/** Ajv's type checks, with strictNumbers (NaN and the infinities are not numbers). */
function isType(type: string, data: unknown): boolean {
  switch (type) {
    case "string":
      return typeof data === "string";
    case "number":
      return typeof data === "number" && isFinite(data);
    case "integer":
      return typeof data === "number" && !(data % 1) && !isNaN(data) && isFinite(data);
    case "null":
      return data === null;
    case "boolean":
      return typeof data === "boolean";
    case "object":
      return typeof data === "object" && data !== null && !Array.isArray(data);
    case "array":
      return Array.isArray(data);
    default:
      return false;
  }
}

function within(keyword: (typeof NUMBER_KEYWORDS)[number], value: number, limit: number): boolean {
  switch (keyword) {
    case "maximum":
      return value <= limit;
    case "minimum":
      return value >= limit;
    case "exclusiveMaximum":
      return value < limit;
    case "exclusiveMinimum":
      return value > limit;
  }
}
