// Step 5: the validators, as Ajv standalone ESM code: the Event union (dispatched on
// "type" with Ajv's discriminator) and one function per variant, each in a default and a
// strict flavour. The module imports only src/rules; nothing is compiled when it loads.
import standalone from "ajv/dist/standalone/index.js";
import { createAjv, dropPatternsCheckedByFormats, RULES_IMPORT, validationOnly } from "./ajv.js";
import { BUNDLE_ID, defName, strictBundle, toPlainNumbers } from "./bundle.js";
import type { LoadedSchemas, SchemaObject } from "./load-schemas.js";

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

export function emitValidators(bundle: SchemaObject, loaded: LoadedSchemas): { js: string; dts: string } {
  const ajv = createAjv();
  const strict = strictBundle(bundle);
  for (const flavour of [bundle, strict])
    ajv.addSchema(dropPatternsCheckedByFormats(validationOnly(toPlainNumbers(flavour))) as object);

  const refs: Record<string, string> = {};
  for (const { name } of validatorExports(loaded)) {
    const id = name.endsWith("Strict") ? (strict.$id as string) : BUNDLE_ID;
    const variant = loaded.variants.find((file) => name.replace(/Strict$/, "") === `validate${file.schema.title}`);
    refs[name] = variant ? `${id}#/$defs/${defName(variant)}` : id;
  }
  const code = standalone.default(ajv, refs);
  if (/\brequire\(/.test(code))
    throw new Error("the generated validators would need ajv at run time: inline what they require");
  if (/\bnew RegExp\(/.test(code))
    throw new Error("a regex is left in the generated validators: check it with a format in src/rules");
  const js = `${RULES_IMPORT}\n${code.replace(/^"use strict";/, "")}`;
  return { js, dts: emitDeclarations(loaded) };
}

function emitDeclarations(loaded: LoadedSchemas): string {
  const types = [...new Set(validatorExports(loaded).map((v) => v.type))];
  const lines = [
    `import type { ${types.join(", ")} } from "./types.js";`,
    "",
    "/** An error as Ajv reports it; src/issues.ts turns these into ValidationIssues. */",
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
