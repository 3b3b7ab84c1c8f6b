// Step 6: TypeScript types with json-schema-to-typescript: an interface per variant, the
// Event union, the shared types, and a map from wire type to variant. The types describe
// an event after parsing, so a property with a default (run_failed's `error`) is required.
import { compile } from "json-schema-to-typescript";
import { toPlainNumbers } from "./bundle.js";
import type { Json, LoadedSchemas, SchemaObject } from "./load-schemas.js";
import { firstSentence } from "./text.js";

const OPTIONS = {
  bannerComment: "",
  additionalProperties: false, // no index signatures: unknown properties are not part of the type
  format: false, // the output step formats the whole file
  declareExternallyReferenced: true,
};

export async function emitTypes(bundle: SchemaObject, loaded: LoadedSchemas): Promise<string> {
  const schema = toPlainNumbers(bundle) as SchemaObject;
  const $defs = schema.$defs as Record<string, SchemaObject>;
  for (const def of Object.values($defs)) {
    shapeAfterParsing(def, $defs);
    openEnum(def, $defs);
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
  for (const def of [root, ...Object.values($defs)]) {
    declarations.push(await compile(def as never, def.title as string, OPTIONS));
  }
  const types = declarations.join("\n");
  const map = loaded.variants.map(
    (file) =>
      `  /** ${firstSentence(file.schema.description as string)} */\n  ${wireType(file.schema)}: ${file.schema.title};`,
  );
  return `${types}
/**
 * Each event type string mapped to the interface of its variant.
${tsExample('type Failure = EventTypeMap["run_failed"]; // RunFailed')
  .split("\n")
  .map((line) => ` * ${line}`)
  .join("\n")}
 */
export interface EventTypeMap {
${map.join("\n")}
}
`;
}

function wireType(variant: SchemaObject): string {
  return ((variant.properties as Record<string, SchemaObject>).type?.const as string | undefined) ?? "";
}

/**
 * Property titles are for people reading the schema, and a $ref with a description beside
 * it: json-schema-to-typescript would make each a type of its own (RunID, Uuid1, ...).
 * A referencing property names the shared type instead and keeps its own doc comment.
 * Properties with a default are always present once parsed.
 */
function shapeAfterParsing(def: SchemaObject, $defs: Record<string, SchemaObject>): void {
  const properties = def.properties as Record<string, SchemaObject> | undefined;
  if (!properties) return;
  const required = new Set(def.required as string[]);
  for (const [name, property] of Object.entries(properties)) {
    delete property.title;
    if (typeof property.$ref === "string") {
      const target = $defs[property.$ref.replace("#/$defs/", "")];
      if (target === undefined) throw new Error(`$ref "${property.$ref}" names no definition of the bundle`);
      property.tsType = target.title as string;
      delete property.$ref;
    }
    if ("default" in property) required.add(name);
  }
  def.required = [...required];
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
 * A definition's description followed by an `@example` that assigns its first example to a
 * value of its type, so that every generated type shows one in editors.
 */
function withExample(def: SchemaObject): string {
  const [example] = def.examples as Json[];
  const name = def.type === "object" ? "event" : "value";
  const value = JSON.stringify(example, null, 2);
  return `${def.description}\n\n${tsExample(`const ${name}: ${def.title} = ${value};`)}`;
}

/** An `@example` tag with TypeScript code; `*\/` is escaped so that no string ends the comment. */
function tsExample(code: string): string {
  return ["@example", "```ts", code.replaceAll("*/", "*\\/"), "```"].join("\n");
}
