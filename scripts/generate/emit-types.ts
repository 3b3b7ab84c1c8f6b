// Step 6: TypeScript types with json-schema-to-typescript, for every engine format: an interface
// per variant, the Event union, the shared types, a map from wire type to variant, and the
// wire input types (fields the engine defaults may be left out). The types describe an event
// after parsing, so a property with a default (run_failed's `error`) is required there.
// The newest format's types are declared by their plain names, as before there were formats;
// each older format's in a namespace of its own (Engine2_14.RunFailed). EngineFormats maps
// each format to its types, and EngineFormatOf<V> an engine version string to its format.
import { compile } from "json-schema-to-typescript";
import { toPlainNumbers } from "./bundle.js";
import { formatSuffix } from "./emit-validators.js";
import type { FormatSchemas } from "./filter-format.js";
import { minorsOf, rangeText, type EngineVersions } from "./engine-versions.js";
import { isSchemaObject, type Json, type SchemaObject } from "./load-schemas.js";
import { firstSentence } from "./text.js";

const OPTIONS = {
  bannerComment: "",
  additionalProperties: false, // no index signatures: unknown properties are not part of the type
  format: false, // the output step formats the whole file
  declareExternallyReferenced: true,
};

/** The suffix of a variant's (or nested object's) wire input type: RunFailedInput. */
const INPUT = "Input";

/**
 * The namespace of an older format's types: `Engine2_14`. The newest format has none.
 * @example
 * formatNamespace("2.14"); // "Engine2_14"
 */
export function formatNamespace(format: string): string {
  return `Engine${formatSuffix(format).slice(1)}`;
}

/**
 * The TypeScript name of type `name` of `format`, from outside any namespace: `RunFailed` for
 * the newest format, `Engine2_14.RunFailed` for an older one.
 */
export function typeNameIn(formats: readonly FormatSchemas[], format: string, name: string): string {
  return format === formats.at(-1)!.format ? name : `${formatNamespace(format)}.${name}`;
}

export async function emitTypes(formats: readonly FormatSchemas[], versions: EngineVersions): Promise<string> {
  const newest = formats.at(-1)!;
  const parts = [await formatTypes(newest)];
  for (const format of formats.slice(0, -1)) {
    const body = await formatTypes(format);
    const namespace = formatNamespace(format.format);
    const doc = [
      `The types of engine format ${format.format} (${rangeText(versions.formats.find((f) => f.format === format.format)!)}), by the same names as the newest format's.`,
      "",
      tsExample(
        `function onFailure(event: ${namespace}.RunFailed) {\n  console.log(event.error ?? "no reason given");\n}`,
      ),
    ];
    parts.push(`/**\n${docLines(doc.join("\n"))}\n */\nexport declare namespace ${namespace} {\n${body}\n}\n`);
  }
  parts.push(engineFormatsType(formats, versions), versionTypes(versions));
  return parts.join("\n");
}

/** Every declaration of one format: what `export *` of its types would hold. */
async function formatTypes({ loaded, bundle }: FormatSchemas): Promise<string> {
  const schema = toPlainNumbers(bundle) as SchemaObject;
  const $defs = schema.$defs as Record<string, SchemaObject>;
  const withInput = inputTypes($defs);
  const inputs: SchemaObject[] = [];
  for (const [name, def] of Object.entries($defs)) if (withInput.has(name)) inputs.push(inputOf(def, $defs, withInput));
  for (const def of Object.values($defs)) {
    shapeAfterParsing(def, $defs);
    openEnum(def, $defs);
    mapType(def);
    def.description = withExample(def);
  }
  // Each definition is compiled on its own: properties name shared types through tsType
  // (see shapeAfterParsing), so no declaration is repeated and none is numbered.
  const root = {
    title: schema.title,
    description: `Any event of the ironflow engine: the union of the variants, told apart by \`type\`.\n\n${tsExample('const event: Event = parseEvent(body);\nif (event.type === "log_line") console.log(event.line); // event: LogLine')}`,
    oneOf: loaded.variants.map((file) => ({ tsType: file.schema.title })),
  };
  const declarations = [];
  for (const def of [root, ...Object.values($defs), ...inputs])
    declarations.push(await compile(def as never, def.title as string, OPTIONS));
  const types = declarations.join("\n");
  const wire = (variant: SchemaObject) => JSON.stringify(wireType(variant));
  const map = loaded.variants.map(
    (file) =>
      `  /** ${firstSentence(file.schema.description as string)} */\n  ${wire(file.schema)}: ${file.schema.title};`,
  );
  const inputMap = loaded.variants.map((file) => {
    const title = file.schema.title as string;
    return `  ${wire(file.schema)}: ${withInput.has(wireType(file.schema)) ? `${title}${INPUT}` : title};`;
  });
  return `${types}
/**
 * Each event type string mapped to the interface of its variant.
${docLines(tsExample('type Failure = EventTypeMap["run_failed"]; // RunFailed'))}
 */
export interface EventTypeMap {
${map.join("\n")}
}

/**
 * Each event type string mapped to the event as it may arrive on the wire: the fields the
 * engine reads with a default when they are absent (run_failed's \`error\`) may be left out.
${docLines(tsExample('const wire: EventInputMap["run_created"] = { type: "run_created", run_id: "…", workflow_name: "deploy", at: "…" };'))}
 */
export interface EventInputMap {
${inputMap.join("\n")}
}
`;
}

function wireType(variant: SchemaObject): string {
  return ((variant.properties as Record<string, SchemaObject> | undefined)?.type?.const as string | undefined) ?? "";
}

/**
 * The definitions whose wire input differs from their parsed type: an object with a property
 * that has a default, or that holds (at any depth) such an object.
 */
function inputTypes($defs: Record<string, SchemaObject>): Set<string> {
  const out = new Set<string>();
  for (let grown = true; grown;) {
    grown = false;
    for (const [name, def] of Object.entries($defs)) {
      if (out.has(name) || !isSchemaObject(def.properties)) continue;
      const properties = Object.values(def.properties as Record<string, SchemaObject>);
      if (properties.some((p) => "default" in p || refNames(p).some((ref) => out.has(ref)))) {
        out.add(name);
        grown = true;
      }
    }
  }
  return out;
}

/** The definition names a schema refers to, at any depth. */
function refNames(node: Json): string[] {
  if (Array.isArray(node)) return node.flatMap(refNames);
  if (!isSchemaObject(node)) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === "$ref" && typeof value === "string" ? [value.replace("#/$defs/", "")] : refNames(value),
  );
}

/**
 * The wire input type of an object definition: its properties as the engine reads them (the
 * defaulted ones optional), referring to the input types of the objects it holds. Named by
 * the definition's title and `Input`, with a doc comment whose example is the definition's
 * first without its defaulted fields.
 */
function inputOf(def: SchemaObject, $defs: Record<string, SchemaObject>, withInput: Set<string>): SchemaObject {
  const copy = structuredClone(def);
  const toTsType = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(toTsType);
    if (!isSchemaObject(node)) return node;
    const out: SchemaObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") {
        const name = value.replace("#/$defs/", "");
        out.tsType = withInput.has(name) ? `${$defs[name]!.title as string}${INPUT}` : ($defs[name]!.title as string);
      } else if (key !== "title" && key !== "examples" && key !== "default") out[key] = toTsType(value);
    }
    return out;
  };
  const properties = toTsType(copy.properties!) as SchemaObject;
  const title = def.title as string;
  // Its first example without the fields that have a default: what the engine reads as the same.
  const own = def.properties as Record<string, SchemaObject>;
  const [first] = def.examples as SchemaObject[];
  const leftOut = Object.keys(own).filter((name) => "default" in own[name]!);
  const wire = Object.fromEntries(Object.entries(first ?? {}).filter(([key]) => !leftOut.includes(key)));
  const example = `const ${wireType(def) === "" ? "value" : "wire"}: ${title}${INPUT} = ${JSON.stringify(wire, null, 2)}; // ${leftOut.join(", ")} read as their defaults`;
  return {
    title: `${title}${INPUT}`,
    description: `${title} as it may arrive on the wire: the fields the engine reads with a default when they are absent may be left out.\n\n${tsExample(example)}`,
    type: "object",
    required: copy.required ?? [],
    properties,
  };
}

/**
 * Property titles are for people reading the schema, and a $ref with a description beside
 * it: json-schema-to-typescript would make each a type of its own (RunID, Uuid1, ...).
 * A reference names the shared type instead (at any depth: `items`, `anyOf`), and a property
 * keeps its own doc comment. Properties with a default are always present once parsed.
 */
function shapeAfterParsing(def: SchemaObject, $defs: Record<string, SchemaObject>): void {
  const properties = def.properties as Record<string, SchemaObject> | undefined;
  if (!properties) return;
  const required = new Set(def.required as string[]);
  for (const [name, property] of Object.entries(properties)) {
    delete property.title;
    namesForRefs(property, $defs);
    if ("default" in property) required.add(name);
  }
  def.required = [...required];
}

/** Replaces every `$ref` under `node` (itself included) by the referenced type's name. */
function namesForRefs(node: Json, $defs: Record<string, SchemaObject>): void {
  if (Array.isArray(node)) return node.forEach((item) => namesForRefs(item, $defs));
  if (!isSchemaObject(node)) return;
  if (typeof node.$ref === "string") {
    const target = $defs[node.$ref.replace("#/$defs/", "")];
    if (target === undefined) throw new Error(`$ref "${node.$ref}" names no definition of the bundle`);
    node.tsType = target.title as string;
    delete node.$ref;
  }
  for (const [key, value] of Object.entries(node))
    if (key !== "examples" && key !== "default") namesForRefs(value, $defs);
}

/**
 * An "open enum" (anyOf a $ref to an enum and a plain string, as StepKind) becomes
 * `Known | (string & {})`: any string is accepted and editors still suggest the known ones.
 */
function openEnum(def: SchemaObject, $defs: Record<string, SchemaObject>): void {
  const branches = def.anyOf as SchemaObject[] | undefined;
  if (!branches || branches.length !== 2) return;
  const ref = branches.find((b) => typeof b.$ref === "string");
  const plain = branches.find(
    (b) => b.type === "string" && Object.keys(b).every((k) => k === "type" || k === "description"),
  );
  const known = ref && $defs[(ref.$ref as string).replace("#/$defs/", "")];
  if (!plain || !known || !Array.isArray(known.enum)) return;
  delete def.anyOf;
  def.tsType = `${known.title} | (string & {})`;
}

/**
 * A map (an object of any keys whose values share one simple type, as labels) becomes
 * `Record<string, T>`: an index signature would read as "any unknown field" in editors.
 */
function mapType(def: SchemaObject): void {
  const values = def.additionalProperties;
  if (def.type !== "object" || "properties" in def || !isSchemaObject(values) || typeof values.type !== "string")
    return;
  def.tsType = `Record<string, ${values.type === "integer" ? "number" : values.type}>`;
}

/**
 * A definition's description followed by an `@example` that assigns its first example to a
 * value of its type, so that every generated type shows one in editors.
 */
function withExample(def: SchemaObject): string {
  const [example] = def.examples as Json[];
  const name = wireType(def) !== "" ? "event" : "value";
  const value = JSON.stringify(example, null, 2);
  return `${def.description}\n\n${tsExample(`const ${name}: ${def.title} = ${value};`)}`;
}

/** An `@example` tag with TypeScript code; `*\/` is escaped so that no string ends the comment. */
function tsExample(code: string): string {
  return ["@example", "```ts", code.replaceAll("*/", "*\\/"), "```"].join("\n");
}

function docLines(text: string): string {
  return text
    .split("\n")
    .map((line) => ` * ${line}`)
    .join("\n");
}

/** `EngineFormats`: each format id mapped to its Event union, its type map, its input map and its RunStatus. */
function engineFormatsType(formats: readonly FormatSchemas[], versions: EngineVersions): string {
  const entries = formats.map(({ format }) => {
    const name = (type: string) => typeNameIn(formats, format, type);
    const range = rangeText(versions.formats.find((f) => f.format === format)!);
    return `  /** Engine ${range}. */\n  ${JSON.stringify(format)}: { event: ${name("Event")}; map: ${name("EventTypeMap")}; input: ${name("EventInputMap")}; runStatus: ${name("RunStatus")} };`;
  });
  return `/**
 * Each engine format the package models (named by the first engine version that writes it)
 * mapped to its types: the Event union, the map from type string to variant, the map to the
 * wire input types, and RunStatus.
${docLines(tsExample('type SeedFailure = EngineFormats["2.14"]["map"]["run_failed"]; // no labels'))}
 */
export interface EngineFormats {
${entries.join("\n")}
}
`;
}

/**
 * EngineFormatOf<V>: the format of an engine version string as users write it ("2.31",
 * "2.31.4", "v2.31.4" are "2.20"), `never` for a version the package does not model. Made
 * from the version table: each format's minor versions are listed.
 */
function versionTypes(versions: EngineVersions): string {
  const minors = versions.formats.map(
    (entry) =>
      `  ${JSON.stringify(entry.format)}: ${minorsOf(entry)
        .map((m) => JSON.stringify(m))
        .join(" | ")};`,
  );
  return `/**
 * The newest engine version modelled (ENGINE_VERSION): the version read when none is given.
${docLines(tsExample(`const version: NewestEngine = ${JSON.stringify(versions.engineVersion)};`))}
 */
export type NewestEngine = ${JSON.stringify(versions.engineVersion)};

/**
 * Each format id mapped to the MAJOR.MINOR versions of the engine that write it.
${docLines(tsExample('type Seed = EngineFormatMinors["2.14"]; // "2.14" | "2.15" | ... | "2.19"'))}
 */
export interface EngineFormatMinors {
${minors.join("\n")}
}

/** A decimal digit. */
type Digit = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";

/** True when S is a number as a version writes it: digits, without a leading zero. */
type IsVersionNumber<S extends string> = S extends "0"
  ? true
  : S extends \`0\${string}\`
    ? false
    : S extends ""
      ? false
      : AllDigits<S>;

type AllDigits<S extends string> = S extends \`\${Digit}\${infer Rest}\` ? (Rest extends "" ? true : AllDigits<Rest>) : false;

/** The format whose minors include M ("2.31"), or never. */
type FormatOfMinor<M extends string> = {
  [F in keyof EngineFormatMinors]: M extends EngineFormatMinors[F] ? F : never;
}[keyof EngineFormatMinors];

/** MAJOR.MINOR or MAJOR.MINOR.PATCH without the "v". */
type FormatOfPlain<V extends string> = V extends \`\${infer Major}.\${infer Minor}.\${infer Patch}\`
  ? IsVersionNumber<Patch> extends true
    ? FormatOfMinor<\`\${Major}.\${Minor}\`>
    : never
  : FormatOfMinor<V>;

/**
 * The engine format of version V, as the package reads it: \`MAJOR.MINOR\` or
 * \`MAJOR.MINOR.PATCH\`, optionally with a leading \`v\`. \`never\` for a version it does not model
 * (and for anything else); the union of all formats for a \`string\` that is not a literal.
${docLines(tsExample('type F = EngineFormatOf<"2.31.4">; // "2.20"'))}
 */
export type EngineFormatOf<V extends string> = string extends V
  ? keyof EngineFormats
  : V extends \`v\${infer Rest}\`
    ? FormatOfPlain<Rest>
    : FormatOfPlain<V>;
`;
}
