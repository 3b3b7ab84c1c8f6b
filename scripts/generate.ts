// npm run generate [-- --check] [-- --schemas DIR --out DIR]
//
// schemas/ -> generated/: per engine format of schemas/engine-versions.json, the bundled schema
// and the AsyncAPI document (generated/formats/<format>/, the newest also at the top); for all
// formats together, the validators, the types, the constants and the module of the bundles;
// per format again, the module behind ironflow-events/engines/<format>.
// Each step is a function of its own under scripts/generate/; this file only runs them in
// order. With --check nothing is written: the command lists every file of generated/ that
// differs from what the schemas produce now, and exits 1 if there is any.
import { parseArgs } from "node:util";
import { stringify } from "lossless-json";
import { emitAsyncApi } from "./generate/emit-asyncapi.js";
import { emitBundles } from "./generate/emit-bundles.js";
import { BUNDLE_ID, bundleSchemas } from "./generate/bundle.js";
import { checkInvariants } from "./generate/check-invariants.js";
import { emitConstants } from "./generate/emit-constants.js";
import { emitEngineEntries } from "./generate/emit-engine-entries.js";
import { emitTypes } from "./generate/emit-types.js";
import { emitValidators } from "./generate/emit-validators.js";
import { loadEngineVersions, rangeText } from "./generate/engine-versions.js";
import { schemasOfFormats } from "./generate/filter-format.js";
import { loadSchemas } from "./generate/load-schemas.js";
import { formatFile, writeOrCheck } from "./generate/output.js";

const { values } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    schemas: { type: "string", default: "schemas" },
    out: { type: "string", default: "generated" },
  },
});

const versions = loadEngineVersions(values.schemas!);
const loaded = await loadSchemas(values.schemas!);
checkInvariants(loaded, versions);
const formats = schemasOfFormats(loaded, versions);
const newest = formats.at(-1)!;
const newestEntry = versions.formats.at(-1)!;
const validators = emitValidators(formats);
// The bundles' files first: generated/bundles.ts holds each as its file does (the newest's,
// the top-level schema.json, with the published $id).
const newestBundle = await formatFile(
  "schema.json",
  stringify(bundleSchemas(newest.loaded, BUNDLE_ID, rangeText(newestEntry)))!,
);
const formatBundles = await Promise.all(
  formats.map(({ format, bundle }) => formatFile(`formats/${format}/schema.json`, stringify(bundle)!)),
);
const bundleValues = Object.fromEntries(
  formats.map(({ format }, i) => [
    format,
    JSON.parse((format === newest.format ? newestBundle : formatBundles[i]!).content) as unknown,
  ]),
);
const files = await Promise.all([
  newestBundle,
  formatFile("asyncapi.yaml", emitAsyncApi(newest.bundle, newest.loaded, newestEntry)),
  ...formatBundles,
  ...formats.map(({ format, loaded: schemas, bundle }, i) =>
    formatFile(`formats/${format}/asyncapi.yaml`, emitAsyncApi(bundle, schemas, versions.formats[i]!)),
  ),
  formatFile("validators.js", validators.js),
  formatFile("validators.d.ts", validators.dts),
  formatFile("types.ts", await emitTypes(formats, versions)),
  formatFile("constants.ts", emitConstants(formats, versions)),
  formatFile("bundles.ts", emitBundles(formats, bundleValues)),
  ...emitEngineEntries(formats, versions).map(({ name, content }) => formatFile(name, content)),
]);
const stale = writeOrCheck(values.out!, files, values.check!);
if (values.check) {
  if (stale.length > 0) {
    console.error(`generated/ is stale; run \`npm run generate\` and commit the result:\n  ${stale.join("\n  ")}`);
    process.exit(1);
  }
  console.log(`generated/ is up to date (${files.length} files).`);
} else {
  console.log(
    `wrote ${files.length} files to ${values.out} from ${loaded.variants.length} event variants in ${formats.length} engine formats.`,
  );
}
