// npm run bench:formats: what each engine format adds to the main entry, in bytes. The package
// is bundled from src/ with the generated modules made for the newest format alone, then with
// each older format added in turn (the generator's own steps, into a scratch folder), so the
// difference between two rows is what one format costs an app. Sizes as bench/size.ts measures
// them: esbuild, minified, gzip -9.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Plugin } from "esbuild";
import { emitConstants } from "../scripts/generate/emit-constants.js";
import { emitValidators } from "../scripts/generate/emit-validators.js";
import { loadEngineVersions } from "../scripts/generate/engine-versions.js";
import { schemasOfFormats } from "../scripts/generate/filter-format.js";
import { loadSchemas } from "../scripts/generate/load-schemas.js";
import { minifiedSize } from "./size.js";

/** The generated modules the runtime imports, and so the ones a format's size lives in. */
const GENERATED = ["validators.js", "constants.js"] as const;

export interface FormatCost {
  /** The formats bundled, oldest first. */
  formats: string[];
  gzipBytes: number;
}

/**
 * The main entry's size with the newest format only, then with each older one added.
 * @example
 * for (const row of await formatCosts(["parseEvent"])) console.log(row.formats.join("+"), row.gzipBytes);
 */
export async function formatCosts(names?: readonly string[]): Promise<FormatCost[]> {
  const versions = loadEngineVersions("schemas");
  const all = schemasOfFormats(await loadSchemas("schemas"), versions);
  const scratch = mkdtempSync(join(tmpdir(), "format-cost-"));
  try {
    const rows: FormatCost[] = [];
    for (let count = 1; count <= all.length; count++) {
      const formats = all.slice(all.length - count);
      const kept = { ...versions, formats: versions.formats.slice(versions.formats.length - count) };
      writeFileSync(join(scratch, "validators.js"), emitValidators(formats).js);
      writeFileSync(join(scratch, "constants.ts"), emitConstants(formats, kept));
      rows.push({ formats: formats.map((f) => f.format), gzipBytes: await entrySize(scratch, names) });
    }
    return rows;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The size of src/index.ts (or of an app importing `names` from it) with generated/ read from `scratch`. */
async function entrySize(scratch: string, names?: readonly string[]): Promise<number> {
  const redirect: Plugin = {
    name: "generated-from-scratch",
    setup(builder) {
      const filter = new RegExp(`generated/(${GENERATED.map((n) => n.replace(".", "\\.")).join("|")})$`);
      builder.onResolve({ filter }, (args) => ({
        path: join(scratch, args.path.endsWith("constants.js") ? "constants.ts" : "validators.js"),
      }));
      // The scratch modules import src/ as generated/ does: from the repository's folder beside them.
      builder.onResolve({ filter: /^\.\.\/src\// }, (args) =>
        args.importer.startsWith(scratch) ? { path: resolve(args.path.slice(3).replace(/\.js$/, ".ts")) } : undefined,
      );
    },
  };
  const exported = names === undefined ? "*" : `{ ${names.join(", ")} }`;
  const size = await minifiedSize({
    stdin: { contents: `export ${exported} from "./src/index.ts";`, resolveDir: process.cwd(), loader: "ts" },
    plugins: [redirect],
  });
  return size.gzipBytes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const names of [undefined, ["parseEvent"]]) {
    const rows = await formatCosts(names);
    console.log(names === undefined ? "everything:" : `import { ${names.join(", ")} }:`);
    rows.forEach((row, i) => {
      const added = i === 0 ? "" : `  (+${row.gzipBytes - rows[i - 1]!.gzipBytes} B for ${row.formats[0]})`;
      console.log(`  ${row.formats.join(" + ").padEnd(20)} ${(row.gzipBytes / 1024).toFixed(2)} KiB${added}`);
    });
  }
}
