// npm run bench:formats: what each engine format adds to the main entry, in bytes. The package
// is bundled from src/ with the generated modules made for the newest format alone, then with
// each older format added in turn (the generator's own steps, in memory), so the difference
// between two rows is what one format costs an app. Then each format's own entry,
// ironflow-events/engines/<format>, bundled as the build makes it (scripts/build/one-format.ts
// serves both). Sizes as bench/size.ts measures them: esbuild, minified, gzip -9.
import { generatedFrom, loadFormats, runtimeModules } from "../scripts/build/one-format.js";
import { minifiedSize } from "./size.js";

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
  const { versions, all } = await loadFormats();
  const rows: FormatCost[] = [];
  for (let count = 1; count <= all.length; count++) {
    const formats = all.slice(all.length - count);
    const modules = runtimeModules(formats, versions, all);
    rows.push({ formats: formats.map((f) => f.format), gzipBytes: await entrySize(modules, names) });
  }
  return rows;
}

/**
 * Each format's entry (generated/engines/<format>/index.ts, bundled against that format alone, as
 * tsup.config.ts builds it), whole and as an app importing `names` from it.
 * @example
 * for (const row of await entryCosts(["parseEvent"])) console.log(row.format, row.gzipBytes, row.namesGzipBytes);
 */
export async function entryCosts(
  names: readonly string[],
): Promise<{ format: string; gzipBytes: number; namesGzipBytes: number }[]> {
  const { versions, all } = await loadFormats();
  const rows = [];
  for (const format of all) {
    const plugins = [generatedFrom(runtimeModules([format], versions, all))];
    const size = (exported: string) =>
      minifiedSize({
        stdin: {
          contents: `export ${exported} from "./generated/engines/${format.format}/index.ts";`,
          resolveDir: process.cwd(),
          loader: "ts",
        },
        plugins,
      });
    const [whole, some] = await Promise.all([size("*"), size(`{ ${names.join(", ")} }`)]);
    rows.push({ format: format.format, gzipBytes: whole.gzipBytes, namesGzipBytes: some.gzipBytes });
  }
  return rows;
}

/** The size of src/index.ts (or of an app importing `names` from it) with generated/ made for some formats. */
async function entrySize(modules: ReturnType<typeof runtimeModules>, names?: readonly string[]): Promise<number> {
  const exported = names === undefined ? "*" : `{ ${names.join(", ")} }`;
  const size = await minifiedSize({
    stdin: { contents: `export ${exported} from "./src/index.ts";`, resolveDir: process.cwd(), loader: "ts" },
    plugins: [generatedFrom(modules)],
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
  console.log("ironflow-events/engines/<format> (one format alone), whole / import { parseEvent }:");
  for (const row of await entryCosts(["parseEvent"]))
    console.log(
      `  ${row.format.padEnd(20)} ${(row.gzipBytes / 1024).toFixed(2)} KiB / ${(row.namesGzipBytes / 1024).toFixed(2)} KiB`,
    );
}
