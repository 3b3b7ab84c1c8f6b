// Step 5: the validators of every engine format in one module: per format, the Event union
// (dispatched on "type") in a default and a strict flavour, and one validator per variant per
// flavour. The full path is data: each format's definitions as tables (validator-tables.ts),
// read by src/rules/schema-validator.ts exactly as Ajv's compiled code would read them; a
// definition that two formats share is written once, so a format costs only what it changes.
// Beside them, per format, the generated fast path (fast-path.ts), which vouches for the events
// the engine writes without the tables, and the functions that fill in an event's own defaults
// (fillers.ts). The module imports only src/rules; nothing is compiled when it loads.
import { dropPatternsCheckedByFormats, validationOnly } from "./validation-only.js";
import { defName, strictBundle, toPlainNumbers } from "./bundle.js";
import { constantPool } from "./constant-pool.js";
import { fastPaths } from "./fast-path.js";
import { fillers, nestedDefaults } from "./fillers.js";
import { strictShapes } from "./strict-shapes.js";
import { validatorTables } from "./validator-tables.js";
import type { FormatSchemas } from "./filter-format.js";
import type { SchemaObject } from "./load-schemas.js";
import { collapseSubtypeAnyOf } from "./simplify.js";
import { parsedJson } from "./text.js";

/** What the generated module imports from src/rules, beside what the fast path calls. */
const RULES_NAMES = ["fullWalks", "schemaTables", "schemaValidator", "strictValidator"];

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
export function validatorExports(
  formats: readonly FormatSchemas[],
  typeOf: TypeNamer = (_, name) => name,
): ValidatorExport[] {
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

export function emitValidators(formats: readonly FormatSchemas[], typeOf?: TypeNamer): { js: string; dts: string } {
  const prepared = formats.map((format) => ({
    format: format.format,
    bundle: validatorSchemas(format.bundle).schemas[0] as SchemaObject,
  }));
  const tables = validatorTables(prepared);
  const exports: string[] = [
    "/** Every format's definitions, made when a validator is first called (src/rules/schema-validator.ts). */",
    `const TABLES = /* @__PURE__ */ schemaTables(() => ${parsedJson(tables)});`,
  ];
  for (const { format, loaded } of formats) {
    const suffix = formatSuffix(format);
    exports.push(
      `export const validateEvent${suffix} = /* @__PURE__ */ schemaValidator(TABLES, ${JSON.stringify(format)});`,
    );
    for (const file of loaded.variants)
      exports.push(
        `export const validate${file.schema.title as string}${suffix} = /* @__PURE__ */ schemaValidator(TABLES, ${JSON.stringify(format)}, ${JSON.stringify(defName(file))});`,
      );
  }
  exports.push(...strictAfter(formats));
  // The newest format's validators under the plain names as well.
  for (const { name, aliasOf } of validatorExports(formats))
    if (aliasOf !== undefined) exports.push(`export const ${name} = ${aliasOf};`);
  // And each format's two unions by its id, so that the runtime finds a format's validators
  // from the version table without naming any format (a new one needs no edit in src/).
  const fills = fillers(formats);
  exports.push(...fills.declarations);
  const fast = fastPaths(
    formats.map((format, i) => ({
      format,
      schema: prepared[i]!.bundle,
      name: `fastEvent${formatSuffix(format.format)}`,
      defaults: { fillers: fills.names.get(format.format)!, nested: nestedDefaults(format) },
    })),
  );
  exports.push(...fast.declarations);
  const table = formats.map(
    ({ format }) =>
      `${JSON.stringify(format)}: { validate: validateEvent${formatSuffix(format)}, strict: validateEventStrict${formatSuffix(format)}, fast: ${fast.dispatchers.get(format)!}, ends: ${fast.ends.get(format)!}, fill: ${fills.tables.get(format)!} }`,
  );
  exports.push(`export const FORMAT_VALIDATORS = /* @__PURE__ */ Object.freeze({ ${table.join(", ")} });`);
  const rules = [...new Set([...RULES_NAMES, ...fast.rules])];
  const imports = `import { ${rules.join(", ")} } from "../src/rules/index.js";`;
  const js = `${imports}\n${exports.join("\n")}\n`;
  return { js, dts: emitDeclarations(formats, typeOf) };
}

/**
 * The strict validators, each the default one followed by the check of unknown fields
 * (src/rules/strict.ts), with the shapes it checks: each distinct shape once, as a constant.
 * Half the code of a second Ajv compilation with `additionalProperties: false`, for the same
 * errors (test/generator/validators-fast-path.test.ts compares them with Ajv's).
 */
function strictAfter(formats: readonly FormatSchemas[]): string[] {
  const pool = constantPool("shape");
  const shapeName = (shape: unknown) => pool.nameOf(shape);
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
  return [...pool.declarations(), ...exports];
}

function emitDeclarations(formats: readonly FormatSchemas[], typeOf?: TypeNamer): string {
  const exports = validatorExports(formats, typeOf);
  const imported = [...new Set(exports.map((v) => v.type.split(".")[0]!))];
  const lines = [
    `import type { EngineFormats, ${imported.filter((name) => name !== "EngineFormats").join(", ")} } from "./types.js";`,
    'import type { IntegerAtEnd } from "../src/rules/integer-at-end.js";',
    'import type { FastVerdict } from "../src/rules/fast-verdict.js";',
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
    "    /**",
    "     * The fast path: true (or DEFAULTS_LEFT) only for an event the full path (validate, strict,",
    "     * and given the text JSON.parse read, the look at it) accepts without a word; false for",
    "     * anything it cannot vouch for. Given the text, true also says that the event's defaults are",
    "     * filled in, in place (src/rules/fast-verdict.ts).",
    "     */",
    "    readonly fast: (data: unknown, text?: string) => FastVerdict;",
    "    /** Per event type whose only integer field the text path looks at where the engine writes it, that look. */",
    "    readonly ends: { readonly [type: string]: IntegerAtEnd | undefined };",
    "    readonly fill: { readonly [type: string]: ((event: object) => void) | undefined };",
    "  };",
    "};",
  );
  return lines.join("\n");
}
