// Step 4: an Ajv instance that knows this project's vocabulary, set up to emit standalone
// ESM code. The formats and the x-engine-json keyword are compiled in as calls to the
// hand-written checks of src/rules, which the generated module imports by name.
import { Ajv, _, type KeywordCxt } from "ajv";
import {
  engineJsonViolations,
  formats,
  NO_NEWLINE_PATTERN,
  PATTERNS_CHECKED_BY_FORMATS,
} from "../../src/rules/index.js";

/** What the generated module imports; the names used in the `code` snippets below. */
export const RULES_IMPORT = `import { formats, engineJsonViolations } from "../src/rules/index.js";`;

/**
 * Ajv's core class, not Ajv2020: the 2020 class always tracks evaluated properties for
 * `unevaluatedProperties`, which allocates on every call, and these schemas use no keyword
 * whose meaning differs between the two (see validationOnly below).
 */
export function createAjv(): Ajv {
  const ajv = new Ajv({
    strict: true,
    allErrors: true, // report every issue of an event, not only the first
    discriminator: true,
    strictNumbers: true, // NaN and Infinity are not numbers
    validateFormats: true,
    formats,
    code: { source: true, esm: true, formats: _`formats`, lines: true },
  });
  addVocabulary(ajv);
  return ajv;
}

/** The project's own keywords: `x-order` (an annotation) and `x-engine-json` (a rule). */
export function addVocabulary(ajv: Pick<Ajv, "addKeyword">): void {
  ajv.addKeyword({ keyword: "x-order", schemaType: "number" });
  ajv.addKeyword({
    keyword: "x-engine-json",
    schemaType: "boolean",
    error: {
      message: "must be JSON the engine can read",
      params: ({ params }) => _`{violations: ${params.violations}}`,
    },
    code(cxt: KeywordCxt) {
      if (cxt.schema !== true) return;
      const check = cxt.gen.scopeValue("func", {
        ref: engineJsonViolations,
        code: _`engineJsonViolations`,
      });
      const violations = cxt.gen.const("violations", _`${check}(${cxt.data})`);
      cxt.setParams({ violations });
      cxt.fail(_`${violations} !== null`);
    },
  });
}

/** Keywords that only annotate: the generated code needs none of them. */
const ANNOTATIONS = new Set(["$schema", "$comment", "title", "description", "examples", "default", "x-order"]);

/**
 * A copy of a bundle with only what validation reads, so the generated module does not
 * carry documentation. Property names are kept even when they look like annotations.
 */
export function validationOnly(node: unknown, inProperties = false): unknown {
  if (Array.isArray(node)) return node.map((item) => validationOnly(item));
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!inProperties && ANNOTATIONS.has(key)) continue;
    out[key] = validationOnly(value, !inProperties && (key === "properties" || key === "$defs"));
  }
  return out;
}

/**
 * Leaves out each `pattern` that sits beside a format which checks it in full (see
 * PATTERNS_CHECKED_BY_FORMATS), after making sure the schema still says what the format
 * was written against: a changed pattern must be matched by a changed format.
 */
export function dropPatternsCheckedByFormats(node: unknown, where = "#"): unknown {
  if (Array.isArray(node)) return node.map((item, i) => dropPatternsCheckedByFormats(item, `${where}/${i}`));
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = dropPatternsCheckedByFormats(value, `${where}/${key}`);
  const format = out.format as string | undefined;
  const covered = format === undefined ? undefined : PATTERNS_CHECKED_BY_FORMATS[format];
  if (covered !== undefined && "pattern" in out) {
    if (out.pattern !== covered)
      throw new Error(
        `${where}: the pattern beside format "${format}" differs from the one src/rules checks for it; update both together`,
      );
    delete out.pattern;
    const not = out.not as Record<string, unknown> | undefined;
    if (not !== undefined) {
      if (Object.keys(not).length !== 1 || not.pattern !== NO_NEWLINE_PATTERN)
        throw new Error(
          `${where}: beside format "${format}", \`not\` may only forbid a line break ({ "pattern": "\\n" })`,
        );
      delete out.not;
    }
  }
  return out;
}
