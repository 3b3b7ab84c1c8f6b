// Step 3: one self-contained schema for every variant, for other languages and for Ajv.
// Variants go under $defs by wire type, shared definitions by file name; every $ref
// becomes "#/$defs/<name>". The root accepts any one variant, dispatched on "type".
import { basename, dirname, posix } from "node:path";
import { ID_BASE, type Json, type LoadedSchemas, type SchemaFile, type SchemaObject } from "./load-schemas.js";

export const BUNDLE_ID = `${ID_BASE}event.json`;

export function defName(file: SchemaFile): string {
  return basename(file.relative, ".json");
}

export function bundleSchemas({ variants, defs }: LoadedSchemas): SchemaObject {
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
    $id: BUNDLE_ID,
    title: "Event",
    description:
      'Any domain event of the ironflow engine: a JSON object whose "type" names one of the variants under $defs. Self-contained: every definition is under $defs.',
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

/** The strict flavour: every variant also refuses properties it does not name. */
export function strictBundle(bundle: SchemaObject): SchemaObject {
  const $defs = { ...(bundle.$defs as SchemaObject) };
  for (const [name, def] of Object.entries($defs)) {
    if (def && typeof def === "object" && "x-order" in def) $defs[name] = { ...def, additionalProperties: false };
  }
  return {
    ...bundle,
    $id: BUNDLE_ID.replace(/\.json$/, ".strict.json"),
    $defs,
  };
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
