// npm run generate [-- --check] [-- --schemas DIR --out DIR]
//
// schemas/ -> generated/: the bundled schema, the validators, the types, the constants and
// the AsyncAPI document.
// Each step is a function of its own under scripts/generate/; this file only runs them in
// order. With --check nothing is written: the command lists every file of generated/ that
// differs from what the schemas produce now, and exits 1 if there is any.
import { parseArgs } from "node:util";
import { stringify } from "lossless-json";
import { emitAsyncApi } from "./generate/emit-asyncapi.js";
import { bundleSchemas } from "./generate/bundle.js";
import { checkInvariants } from "./generate/check-invariants.js";
import { emitConstants } from "./generate/emit-constants.js";
import { emitTypes } from "./generate/emit-types.js";
import { emitValidators } from "./generate/emit-validators.js";
import { loadSchemas } from "./generate/load-schemas.js";
import { formatFile, writeOrCheck } from "./generate/output.js";

const { values } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    schemas: { type: "string", default: "schemas" },
    out: { type: "string", default: "generated" },
  },
});

const loaded = await loadSchemas(values.schemas!);
checkInvariants(loaded);
const bundle = bundleSchemas(loaded);
const validators = emitValidators(bundle, loaded);
const files = await Promise.all([
  formatFile("schema.json", stringify(bundle)!),
  formatFile("validators.js", validators.js),
  formatFile("validators.d.ts", validators.dts),
  formatFile("types.ts", await emitTypes(bundle, loaded)),
  formatFile("constants.ts", emitConstants(bundle, loaded)),
  formatFile("asyncapi.yaml", emitAsyncApi(bundle, loaded)),
]);
const stale = writeOrCheck(values.out!, files, values.check!);
if (values.check) {
  if (stale.length > 0) {
    console.error(`generated/ is stale; run \`npm run generate\` and commit the result:\n  ${stale.join("\n  ")}`);
    process.exit(1);
  }
  console.log(`generated/ is up to date (${files.length} files).`);
} else {
  console.log(`wrote ${files.length} files to ${values.out} from ${loaded.variants.length} event variants.`);
}
