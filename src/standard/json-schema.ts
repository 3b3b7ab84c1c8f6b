// The Standard JSON Schema side of eventSchema and eventSchemas (and of eventSchemaFor and
// eventSchemasFor): an engine format's bundled schema (draft 2020-12), or one variant of it with
// the definitions it uses, for the input (the wire shape) or the output (defaults filled in, so
// those fields are required), in draft 2020-12 or converted to draft-07.
import { formatBundle, type BundleFormat } from "../../generated/bundles.js";
import type { Format } from "../engine/index.js";
import type { StandardJSONSchemaV1 } from "./spec.js";

type JsonObject = Record<string, unknown>;

const DRAFT_07 = "http://json-schema.org/draft-07/schema#";
const DEFS = "#/$defs/";
/** Keywords whose values are JSON data, not schemas: copied as they are. */
const DATA_KEYWORDS = new Set(["const", "enum", "default", "examples"]);

/**
 * The schema of `type`'s variant in `format`, or of any event of the format when `type` is
 * undefined, as `options.target` asks.
 */
export function jsonSchemaOf(
  format: Format,
  type: string | undefined,
  side: "input" | "output",
  options: StandardJSONSchemaV1.Options,
): JsonObject {
  const target = (options as Partial<StandardJSONSchemaV1.Options> | undefined)?.target;
  if (target !== "draft-2020-12" && target !== "draft-07")
    // The spec: "If a given version is not supported, the library should throw."
    throw new Error(
      `ironflow-events: no JSON Schema for target ${JSON.stringify(target)}; the targets are "draft-2020-12" and "draft-07"`,
    );
  const bundled = formatBundle(format.format as BundleFormat);
  const schema = type === undefined ? structuredClone(bundled) : variantSchema(bundled, type);
  if (side === "output") requireDefaults(schema, type, format);
  return target === "draft-07" ? toDraft07(schema) : schema;
}

/** One variant as a schema of its own: its definition, with the shared definitions it refers to under $defs. */
function variantSchema(bundled: JsonObject, type: string): JsonObject {
  const all = bundled.$defs as Record<string, JsonObject>;
  const variant = structuredClone(all[type]!);
  const defs: Record<string, unknown> = {};
  const pending = referencedDefs(variant);
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (name in defs) continue;
    defs[name] = structuredClone(all[name]);
    pending.push(...referencedDefs(all[name]));
  }
  return { $schema: bundled.$schema, ...variant, $defs: defs };
}

function referencedDefs(value: unknown): string[] {
  const found: string[] = [];
  (function walk(node: unknown) {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === "object")
      for (const [key, child] of Object.entries(node)) {
        if (key === "$ref" && typeof child === "string" && child.startsWith(DEFS)) found.push(child.slice(DEFS.length));
        else walk(child);
      }
  })(value);
  return found;
}

/** The output of a parse always has the fields the engine defaults (run_failed's `error`): they become required. */
function requireDefaults(schema: JsonObject, type: string | undefined, format: Format): void {
  for (const [variant, plan] of Object.entries(format.defaults)) {
    const defaults = plan?.fields;
    if (defaults === undefined) continue;
    // The union holds the variants under $defs; a variant's own schema is the variant.
    const target =
      type === undefined
        ? (schema.$defs as Record<string, JsonObject>)[variant]
        : variant === type
          ? schema
          : undefined;
    if (target === undefined) continue;
    const required = (target.required ?? []) as string[];
    target.required = [...required, ...Object.keys(defaults).filter((field) => !required.includes(field))];
  }
}

/**
 * Draft 2020-12 to draft-07: `$defs` becomes `definitions` (and the references follow), a `$ref`
 * with keywords beside it moves into `allOf`, since draft-07 ignores a `$ref`'s siblings, and the
 * `$id` is left out.
 * Every other keyword the schemas use means the same in both drafts.
 */
function toDraft07(schema: JsonObject): JsonObject {
  const convert = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(convert);
    if (node === null || typeof node !== "object") return node;
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") continue;
      out[key === "$defs" ? "definitions" : key] = DATA_KEYWORDS.has(key) ? value : convert(value);
    }
    const ref = (node as JsonObject).$ref;
    if (typeof ref !== "string") return out;
    const target = ref.startsWith(DEFS) ? `#/definitions/${ref.slice(DEFS.length)}` : ref;
    return Object.keys(out).length === 0 ? { $ref: target } : { allOf: [{ $ref: target }], ...out };
  };
  // The $id names the 2020-12 document; a converted copy under the same id would clash with it.
  const { $id: _, ...converted } = convert(schema) as JsonObject;
  return { ...converted, $schema: DRAFT_07 };
}
