// Step 5: the validators of every engine format in one module, as Ajv standalone ESM code: per
// format, the Event union (dispatched on "type" with Ajv's discriminator) in a default and a
// strict flavour, and one function per variant per flavour, which is the very function the
// union calls for that variant. A function that two formats share (a variant unchanged
// between them, a definition) is emitted once (dedupe.ts), so a format costs only what it
// changes. The module imports only src/rules; nothing is compiled when it loads. Small
// documented rewrites (post-process.ts) take Ajv's per-call allocations off the success path.
// Beside them, per format, the functions that fill in an event's own defaults (fillers.ts).
import standalone from "ajv/dist/standalone/index.js";
import { createAjv, dropPatternsCheckedByFormats, RULES_IMPORT, validationOnly } from "./ajv.js";
import { strictBundle, toPlainNumbers } from "./bundle.js";
import { mergeDuplicates } from "./dedupe.js";
import { fillers } from "./fillers.js";
import { strictShapes } from "./strict-shapes.js";
import type { FormatSchemas } from "./filter-format.js";
import type { SchemaObject } from "./load-schemas.js";
import {
  errorCalls,
  plainParameters,
  pointerEscapes,
  PUSH_ERROR,
  refuseRuntimeNeeds,
  variantExports,
} from "./post-process.js";
import { collapseSubtypeAnyOf } from "./simplify.js";

export interface ValidatorExport {
  /** Export name, e.g. validateRunCreated_2_14 or validateEventStrict. */
  name: string;
  /** The engine format it validates. */
  format: string;
  /** TypeScript type the validator narrows to, e.g. Engine2_14.RunCreated or Event. */
  type: string;
  /** For a plain name (the newest format's): the suffixed export it is another name of. */
  aliasOf?: string;
}

/**
 * The suffix of a format's names in the generated modules: `_2_14`.
 * @example
 * formatSuffix("2.14"); // "_2_14"
 */
export function formatSuffix(format: string): string {
  return `_${format.replaceAll(".", "_")}`;
}

/** A format's TypeScript type names, given the format and a type's name in it. */
export type TypeNamer = (format: string, name: string) => string;

/**
 * Every export of the module: per format, the union and each variant, default then strict,
 * named with the format's suffix; then the newest format's again under the plain names
 * (validateEvent, validateRunCreated, ...), as before there were formats.
 */
export function validatorExports(formats: readonly FormatSchemas[], typeOf: TypeNamer = (_, name) => name): ValidatorExport[] {
  const list: ValidatorExport[] = [];
  const push = ({ format, loaded }: FormatSchemas, plain: boolean) => {
    const suffix = formatSuffix(format);
    for (const flavour of ["", "Strict"])
      for (const title of ["Event", ...loaded.variants.map((file) => file.schema.title as string)]) {
        const name = `validate${title}${flavour}`;
        list.push({
          name: plain ? name : `${name}${suffix}`,
          format,
          type: typeOf(format, title),
          ...(plain ? { aliasOf: `${name}${suffix}` } : {}),
        });
      }
  };
  for (const format of formats) push(format, false);
  push(formats.at(-1)!, true);
  return list;
}

/**
 * The two bundles one format's validators are compiled from, default and strict: only what
 * validation reads, patterns that a format checks in full left out, and StepKind's anyOf collapsed.
 * @example
 * const { schemas, ids } = validatorSchemas(bundleSchemas(loaded)); // ids.strict ends in ".strict.json"
 */
export function validatorSchemas(bundle: SchemaObject): {
  schemas: object[];
  ids: { default: string; strict: string };
} {
  const strict = strictBundle(bundle);
  const prepare = (flavour: SchemaObject) =>
    collapseSubtypeAnyOf(dropPatternsCheckedByFormats(validationOnly(toPlainNumbers(flavour))) as never);
  return {
    schemas: [prepare(bundle), prepare(strict)],
    ids: { default: bundle.$id as string, strict: strict.$id as string },
  };
}

export function emitValidators(
  formats: readonly FormatSchemas[],
  layout: Parameters<typeof createAjv>[0] = {},
  typeOf?: TypeNamer,
): { js: string; dts: string } {
  const ajv = createAjv(layout);
  const unions: Record<string, string> = {};
  for (const { format, bundle } of formats) {
    const { schemas, ids } = validatorSchemas(bundle);
    ajv.addSchema(schemas[0]!); // the default flavour: strict mode is a check after it (strictAfter)
    unions[`validateEvent${formatSuffix(format)}`] = ids.default;
  }
  // Only the unions are compiled; the variant exports are the unions' own variant functions.
  const code = mergeDuplicates(errorCalls(pointerEscapes(plainParameters(standalone.default(ajv, unions)))));
  refuseRuntimeNeeds(code);
  const aliases: string[] = [];
  for (const { format, loaded } of formats) {
    const variants = loaded.variants.map((file) => ({
      tag: ((file.schema.properties as SchemaObject).type as SchemaObject).const as string,
      name: `validate${file.schema.title as string}${formatSuffix(format)}`,
    }));
    aliases.push(...variantExports(code, `validateEvent${formatSuffix(format)}`, variants));
  }
  aliases.push(...strictAfter(formats));
  // The newest format's validators under the plain names as well.
  for (const { name, aliasOf } of validatorExports(formats))
    if (aliasOf !== undefined) aliases.push(`export const ${name} = ${aliasOf};`);
  // And each format's two unions by its id, so that the runtime finds a format's validators
  // from the version table without naming any format (a new one needs no edit in src/).
  const fills = fillers(formats);
  aliases.push(...fills.declarations);
  const table = formats.map(
    ({ format }) =>
      `${JSON.stringify(format)}: { validate: validateEvent${formatSuffix(format)}, strict: validateEventStrict${formatSuffix(format)}, fill: ${fills.tables.get(format)!} }`,
  );
  aliases.push(`export const FORMAT_VALIDATORS = /* @__PURE__ */ Object.freeze({ ${table.join(", ")} });`);
  const js = `${RULES_IMPORT}\n${PUSH_ERROR}\n${code.replace(/^"use strict";/, "")}\n${aliases.join("\n")}\n`;
  return { js, dts: emitDeclarations(formats, typeOf) };
}

/**
 * The strict validators, each the default one followed by the check of unknown fields
 * (src/rules/strict.ts), with the shapes it checks: each distinct shape once, as a constant.
 * Half the code of a second Ajv compilation with `additionalProperties: false`, for the same
 * errors (test/generator/validators-fast-path.test.ts compares them with Ajv's).
 */
function strictAfter(formats: readonly FormatSchemas[]): string[] {
  const constants = new Map<string, string>(); // shape as JSON -> constant name
  const shapeName = (shape: unknown) => {
    const json = JSON.stringify(shape);
    if (!constants.has(json)) constants.set(json, `shape${constants.size}`);
    return constants.get(json)!;
  };
  const exports: string[] = [];
  for (const { format, loaded, bundle } of formats) {
    const suffix = formatSuffix(format);
    const shapes = strictShapes(bundle);
    const byType = Object.entries(shapes).map(([type, shape]) => `${JSON.stringify(type)}: ${shapeName(shape)}`);
    exports.push(
      `export const validateEventStrict${suffix} = /* @__PURE__ */ strictValidator(validateEvent${suffix}, { ${byType.join(", ")} }, fullWalks);`,
    );
    for (const file of loaded.variants) {
      const type = ((file.schema.properties as SchemaObject).type as SchemaObject).const as string;
      const name = `validate${file.schema.title as string}`;
      exports.push(
        `export const ${name}Strict${suffix} = /* @__PURE__ */ strictValidator(${name}${suffix}, ${shapeName(shapes[type])}, fullWalks);`,
      );
    }
  }
  const declarations = [...constants].map(([json, name]) => `const ${name} = ${json};`);
  return [...declarations, ...exports];
}

function emitDeclarations(formats: readonly FormatSchemas[], typeOf?: TypeNamer): string {
  const exports = validatorExports(formats, typeOf);
  const imported = [...new Set(exports.map((v) => v.type.split(".")[0]!))];
  const lines = [
    `import type { EngineFormats, ${imported.filter((name) => name !== "EngineFormats").join(", ")} } from "./types.js";`,
    "",
    "/** An error as Ajv reports it; src/issues/from-errors.ts turns these into ValidationIssues. */",
    "export interface AjvError {",
    "  instancePath: string;",
    "  schemaPath: string;",
    "  keyword: string;",
    "  params: Record<string, any>;",
    "  message?: string;",
    "}",
    "",
    "/** A generated validator: true when `data` is valid; otherwise `errors` holds why. */",
    "export interface GeneratedValidator<T> {",
    "  (data: unknown): data is T;",
    "  errors?: AjvError[] | null;",
    "}",
    "",
  ];
  for (const { name, type, format } of exports) {
    const flavour = name.includes("Strict") ? " Strict: unknown properties are errors." : "";
    lines.push(
      `/** Validates a ${type} of engine format ${format}.${flavour} */`,
      `export declare const ${name}: GeneratedValidator<${type}>;`,
    );
  }
  lines.push(
    "",
    "/**",
    " * Each engine format's Event validators, default and strict, by the format's id; and per",
    " * event type with defaults of its own, the function that fills them in where absent (in place).",
    " */",
    "export declare const FORMAT_VALIDATORS: {",
    "  readonly [F in keyof EngineFormats]: {",
    '    readonly validate: GeneratedValidator<EngineFormats[F]["event"]>;',
    '    readonly strict: GeneratedValidator<EngineFormats[F]["event"]>;',
    "    readonly fill: { readonly [type: string]: ((event: object) => void) | undefined };",
    "  };",
    "};",
  );
  return lines.join("\n");
}
