// Step 3: one self-contained schema for every variant, for other languages and for Ajv.
// Variants go under $defs by wire type, shared definitions by file name; every $ref
// becomes "#/$defs/<name>". The root accepts any one variant, dispatched on "type".
import { basename, dirname, posix } from "node:path";
import {
  ID_BASE,
  isSchemaObject,
  type Json,
  type LoadedSchemas,
  type SchemaFile,
  type SchemaObject,
} from "./load-schemas.js";

export const BUNDLE_ID = `${ID_BASE}event.json`;

/**
 * The `$id` of the bundle of one engine format: where the package publishes it
 * (`ironflow-events/schemas/bundles/engine-2.20.json`).
 * @example
 * formatBundleId("2.20"); // "https://ironflow.dev/schemas/events/bundles/engine-2.20.json"
 */
export function formatBundleId(format: string): string {
  return `${ID_BASE}bundles/engine-${format}.json`;
}

export function defName(file: SchemaFile): string {
  return basename(file.relative, ".json");
}

/**
 * @param id the bundle's `$id`: BUNDLE_ID for generated/schema.json, formatBundleId for a format's.
 * @param engines the engine versions it describes, as people write them ("2.20.x–2.40.x").
 */
export function bundleSchemas({ variants, defs }: LoadedSchemas, id = BUNDLE_ID, engines?: string): SchemaObject {
  const names = new Map<string, string>(); // relative path -> $defs name
  for (const file of [...variants, ...defs]) {
    const name = defName(file);
    if ([...names.values()].includes(name))
      throw new Error(`schemas/${file.relative}: $defs name "${name}" is taken twice`);
    names.set(file.relative, name);
  }
  const $defs: SchemaObject = {};
  for (const file of [...variants, ...defs]) {
    const { $schema, $id, ...rest } = file.schema;
    $defs[names.get(file.relative)!] = rewriteRefs(rest, file, names) as SchemaObject;
  }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: id,
    title: "Event",
    description: `Any domain event of the ironflow engine${engines === undefined ? "" : ` ${engines}`}: a JSON object whose "type" names one of the variants under $defs. Self-contained: every definition is under $defs.`,
    type: "object",
    discriminator: { propertyName: "type" },
    oneOf: variants.map((file) => ({
      $ref: `#/$defs/${names.get(file.relative)}`,
    })),
    $defs,
  };
}

function rewriteRefs(node: Json, file: SchemaFile, names: Map<string, string>): Json {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, file, names));
  if (!node || typeof node !== "object" || "isLosslessNumber" in node) return node;
  const out: SchemaObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string") {
      const target = posix.normalize(posix.join(dirname(file.relative), value));
      const name = names.get(target);
      if (!name) throw new Error(`schemas/${file.relative}: $ref "${value}" must name another file of schemas/`);
      out[key] = `#/$defs/${name}`;
    } else {
      out[key] = rewriteRefs(value, file, names);
    }
  }
  return out;
}

/**
 * The strict flavour: every object with named properties (a variant, or an object nested in
 * one such as an approval's `requirement`) also refuses properties it does not name. A map
 * (labels: no named properties, any key) stays open.
 */
export function strictBundle(bundle: SchemaObject): SchemaObject {
  return {
    ...(closeObjects(bundle) as SchemaObject),
    $id: (bundle.$id as string).replace(/\.json$/, ".strict.json"),
  };
}

function closeObjects(node: Json): Json {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (!isSchemaObject(node)) return node;
  const out: SchemaObject = {};
  for (const [key, value] of Object.entries(node))
    out[key] = key === "examples" || key === "default" ? value : closeObjects(value);
  if (isSchemaObject(out.properties) && !("additionalProperties" in out)) out.additionalProperties = false;
  return out;
}

/** A deep copy with exact big numbers turned into plain (rounded) numbers, for Ajv and TypeScript. */
export function toPlainNumbers(node: Json): Json {
  if (Array.isArray(node)) return node.map(toPlainNumbers);
  if (node && typeof node === "object") {
    if ("isLosslessNumber" in node) return Number((node as { value: string }).value);
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, toPlainNumbers(v)]));
  }
  return node;
}
