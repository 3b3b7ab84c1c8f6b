// Step 3: the schemas of one engine format, made from schemas/ by its version marks. Every
// later step works on this result and knows nothing of marks: a format's bundle, validators,
// types, constants and AsyncAPI document are generated from its own schema set.
import { dirname, posix } from "node:path";
import { bundleSchemas, formatBundleId } from "./bundle.js";
import { refsOf } from "./check-invariants.js";
import { rangeText, type EngineVersions } from "./engine-versions.js";
import { LIFECYCLE_KEYWORDS, lifecycleFile, lifecycleOf, type Lifecycle } from "./lifecycle.js";
import { isSchemaObject, type Json, type LoadedSchemas, type SchemaFile, type SchemaObject } from "./load-schemas.js";
import { DEFAULT_SINCE, enumIn, ENUM_SINCE, isIn, MARKS, SINCE } from "./version-marks.js";

/** One engine format's schemas, as the emit steps take them. */
export interface FormatSchemas {
  /** Its id: `"2.14"`. */
  format: string;
  loaded: LoadedSchemas;
  /** Its bundle, with the `$id` it is published under (formatBundleId). */
  bundle: SchemaObject;
  /** Its run lifecycle (the moves of run statuses the engine's store allows). */
  lifecycle: Lifecycle;
}

/**
 * Every format's schemas and bundle, in the table's order (the newest last).
 * @example
 * schemasOfFormats(loaded, versions).map((f) => f.loaded.variants.length); // [12, 14, 20]
 */
export function schemasOfFormats(loaded: LoadedSchemas, versions: EngineVersions): FormatSchemas[] {
  const runStatus = lifecycleFile(loaded).schema;
  return versions.formats.map((entry) => {
    const schemas = schemasOfFormat(loaded, versions, entry.format);
    return {
      format: entry.format,
      loaded: schemas,
      bundle: bundleSchemas(schemas, formatBundleId(entry.format), rangeText(entry)),
      lifecycle: lifecycleOf(runStatus, versions, entry.format),
    };
  });
}

/**
 * The schema set of `format`: the variants it has, each with the properties, required names,
 * enum values and defaults of that format, its examples cut to those properties, no version
 * marks left, and only the definitions its variants reach.
 * @example
 * const seed = schemasOfFormat(loaded, versions, "2.14"); // 12 variants, no `labels`
 */
export function schemasOfFormat(loaded: LoadedSchemas, versions: EngineVersions, format: string): LoadedSchemas {
  const keep = (file: SchemaFile): SchemaFile => ({
    ...file,
    schema: filterNode(file.schema, versions, format) as SchemaObject,
  });
  const variants = loaded.variants.filter((file) => isIn(versions, file.schema[SINCE], format)).map(keep);
  for (const variant of variants) variant.schema.examples = examplesOf(variant.schema);
  const defs = reachableDefs(variants, loaded.defs.map(keep));
  return { variants, defs };
}

/**
 * A schema node as `format` reads it. Properties the format lacks leave `properties` and
 * `required`; a default the format lacks makes its property required; enum values (and
 * examples of an enum) the format lacks go; the marks themselves go, and so does the run
 * lifecycle (FormatSchemas.lifecycle has it: it is the store's, not the wire's).
 */
export function filterNode(node: Json, versions: EngineVersions, format: string): Json {
  if (Array.isArray(node)) return node.map((item) => filterNode(item, versions, format));
  if (!isSchemaObject(node)) return node;
  const out: SchemaObject = {};
  for (const [key, value] of Object.entries(node)) {
    if ((MARKS as readonly string[]).includes(key) || (LIFECYCLE_KEYWORDS as readonly string[]).includes(key)) continue;
    out[key] = key === "examples" || key === "default" ? value : filterNode(value, versions, format);
  }
  if (ENUM_SINCE in node) {
    out.enum = enumIn(versions, node, format);
    if (Array.isArray(out.examples))
      out.examples = out.examples.filter((value) => (out.enum as Json[]).includes(value));
  }
  if (isSchemaObject(out.properties)) {
    const properties: SchemaObject = {};
    const required = new Set((node.required ?? []) as string[]);
    for (const [name, property] of Object.entries(node.properties as Record<string, SchemaObject>)) {
      if (!isIn(versions, property[SINCE], format)) {
        required.delete(name);
        continue;
      }
      const filtered = out.properties[name] as SchemaObject;
      if (!isIn(versions, property[DEFAULT_SINCE], format)) {
        delete filtered.default;
        required.add(name);
      }
      properties[name] = filtered;
    }
    out.properties = properties;
    if ("required" in node) out.required = Object.keys(properties).filter((name) => required.has(name));
  }
  return out;
}

/**
 * A filtered variant's examples, cut to the properties the format has: an event written by a
 * newer engine, as this format's engine writes it (the formats differ only by addition).
 * Examples that become equal are kept once.
 */
function examplesOf(variant: SchemaObject): Json[] {
  const names = Object.keys(variant.properties as SchemaObject);
  const seen = new Set<string>();
  const out: Json[] = [];
  for (const example of variant.examples as SchemaObject[]) {
    const cut = Object.fromEntries(Object.entries(example).filter(([key]) => names.includes(key))) as SchemaObject;
    const key = JSON.stringify(cut);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(cut);
  }
  return out;
}

/** The definitions that `variants` reference, directly or through other definitions, in their given order. */
function reachableDefs(variants: SchemaFile[], defs: SchemaFile[]): SchemaFile[] {
  const byPath = new Map(defs.map((file) => [file.relative, file]));
  const reached = new Set<string>();
  const visit = (file: SchemaFile) => {
    for (const ref of refsOf(file.schema)) {
      const target = posix.normalize(posix.join(dirname(file.relative), ref));
      const def = byPath.get(target);
      if (def === undefined || reached.has(target)) continue;
      reached.add(target);
      visit(def);
    }
  };
  variants.forEach(visit);
  return defs.filter((file) => reached.has(file.relative));
}
