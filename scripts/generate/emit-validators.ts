// Step 5: the validators, as Ajv standalone ESM code: the Event union (dispatched on
// "type" with Ajv's discriminator) in a default and a strict flavour, and one function per
// variant per flavour, which is the very function the union calls for that variant. The
// module imports only src/rules; nothing is compiled when it loads. Small documented
// rewrites (post-process.ts) take Ajv's per-call allocations off the success path.
import standalone from "ajv/dist/standalone/index.js";
import { createAjv, dropPatternsCheckedByFormats, RULES_IMPORT, validationOnly } from "./ajv.js";
import { BUNDLE_ID, strictBundle, toPlainNumbers } from "./bundle.js";
import type { LoadedSchemas, SchemaObject } from "./load-schemas.js";
import {
  plainParameters,
  refuseRuntimeNeeds,
  variantExports,
} from "./post-process.js";
import { collapseSubtypeAnyOf } from "./simplify.js";

export interface ValidatorExport {
  /** Export name, e.g. validateRunCreated or validateEventStrict. */
  name: string;
  /** TypeScript type the validator narrows to. */
  type: string;
}

export function validatorExports(loaded: LoadedSchemas): ValidatorExport[] {
  const list: ValidatorExport[] = [];
  for (const flavour of ["", "Strict"]) {
    list.push({ name: `validateEvent${flavour}`, type: "Event" });
    for (const file of loaded.variants) {
      const title = file.schema.title as string;
      list.push({ name: `validate${title}${flavour}`, type: title });
    }
  }
  return list;
}

/**
 * The two bundles the validators are compiled from, default and strict: only what validation
 * reads, patterns that a format checks in full left out, and StepKind's anyOf collapsed.
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
  return { schemas: [prepare(bundle), prepare(strict)], ids: { default: BUNDLE_ID, strict: strict.$id as string } };
}

export function emitValidators(
  bundle: SchemaObject,
  loaded: LoadedSchemas,
  layout: Parameters<typeof createAjv>[0] = {},
): { js: string; dts: string } {
  const ajv = createAjv(layout);
  const { schemas, ids } = validatorSchemas(bundle);
  for (const schema of schemas) ajv.addSchema(schema);

  // Only the two unions are compiled; the variant exports are the unions' own variant functions.
  const unions = { validateEvent: ids.default, validateEventStrict: ids.strict };
  const code = plainParameters(standalone.default(ajv, unions));
  refuseRuntimeNeeds(code);
  const aliases: string[] = [];
  for (const [union, flavour] of [
    ["validateEvent", ""],
    ["validateEventStrict", "Strict"],
  ] as const) {
    const variants = loaded.variants.map((file) => ({
      tag: ((file.schema.properties as SchemaObject).type as SchemaObject).const as string,
      name: `validate${file.schema.title as string}${flavour}`,
    }));
    aliases.push(...variantExports(code, union, variants));
  }
  const js = `${RULES_IMPORT}\n${code.replace(/^"use strict";/, "")}\n${aliases.join("\n")}\n`;
  return { js, dts: emitDeclarations(loaded) };
}

function emitDeclarations(loaded: LoadedSchemas): string {
  const types = [...new Set(validatorExports(loaded).map((v) => v.type))];
  const lines = [
    `import type { ${types.join(", ")} } from "./types.js";`,
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
  for (const { name, type } of validatorExports(loaded)) {
    const flavour = name.endsWith("Strict") ? " Strict: unknown properties are errors." : "";
    lines.push(`/** Validates a ${type}.${flavour} */`, `export declare const ${name}: GeneratedValidator<${type}>;`);
  }
  return lines.join("\n");
}
