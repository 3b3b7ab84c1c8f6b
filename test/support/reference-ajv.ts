// The project's own keywords for an Ajv instance that tests compile the schemas with: the
// reference the validators of the full path (src/rules/schema-validator.ts) are held to, and
// the checker of the schemas themselves. `x-order` is an annotation; `x-engine-json` runs the
// full walk of the engine's JSON rules (src/rules/engine-json.ts) as a keyword of its own.
import { _, type Ajv, type KeywordCxt } from "ajv";
import { engineJsonViolations } from "../../src/rules/index.js";

/** Adds `x-order` and `x-engine-json` to `ajv`. */
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
      const check = cxt.gen.scopeValue("func", { ref: engineJsonViolations, code: _`engineJsonViolations` });
      const violations = cxt.gen.const("violations", _`${check}(${cxt.data})`);
      cxt.setParams({ violations });
      cxt.fail(_`${violations} !== null`);
    },
  });
}
