// The comparison: what a user of the bundled schema would write with Ajv and ajv-formats,
// as the README tells them (the project's x- keywords registered as annotations, the uint64
// format as an integer check). Compiled when the benchmark starts, as it would be in an app.
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

export interface AjvAtRunTime {
  validate: (value: unknown) => boolean;
  /** Milliseconds from `new Ajv2020` to a compiled validator (an app pays this at start-up). */
  compileMs: number;
}

/**
 * Compiles generated/schema.json with Ajv2020 (discriminator on) and ajv-formats.
 * @example
 * const { validate } = compileAjv();
 * validate(JSON.parse(line)); // true or false
 */
export function compileAjv(schemaPath = new URL("../generated/schema.json", import.meta.url)): AjvAtRunTime {
  const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as object;
  const start = performance.now();
  const ajv = new Ajv2020({ discriminator: true });
  addFormats.default(ajv);
  ajv.addKeyword("x-order");
  ajv.addKeyword("x-engine-json");
  ajv.addFormat("uint64", { type: "number", validate: Number.isInteger });
  ajv.addFormat("uint32", { type: "number", validate: Number.isInteger });
  ajv.addFormat("assignee", /^(?:user|group):[\s\S]/);
  const validate = ajv.compile(schema);
  return { validate, compileMs: performance.now() - start };
}
