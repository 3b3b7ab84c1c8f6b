// Size of the library entry as a bundler ships it: dist/index.js with everything it imports
// (every generated validator included), minified by esbuild, then gzipped; and the same for
// each subpath entry (ironflow-events/webhook, ...), alone and together with the main entry.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export interface BundleSize {
  minifiedBytes: number;
  gzipBytes: number;
}

/**
 * @example
 * const { gzipBytes } = await bundleSize("dist/index.js"); // bytes after min+gzip
 */
export async function bundleSize(entry: string | readonly string[]): Promise<BundleSize> {
  // Several entries: one bundle of all their exports, as an app importing each. (Their export
  // names do not overlap; a name two of them exported would be left out.)
  const input =
    typeof entry === "string"
      ? { entryPoints: [entry] }
      : {
          stdin: {
            contents: entry.map((path) => `export * from ${JSON.stringify(resolve(path))};`).join("\n"),
            resolveDir: process.cwd(),
            loader: "js" as const,
          },
        };
  const result = await build({
    ...input,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  return { minifiedBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

/** A subpath of the package (`./webhook`) and its ESM build (`dist/webhook.js`), from package.json's exports. */
export interface Subpath {
  name: string;
  entry: string;
}

/**
 * @example
 * for (const { name, entry } of subpaths("package.json")) console.log(name, entry);
 */
export function subpaths(packageJson: string): Subpath[] {
  const { exports } = JSON.parse(readFileSync(packageJson, "utf8")) as {
    exports: Record<string, string | { import?: { default?: string } }>;
  };
  return Object.entries(exports).flatMap(([name, target]) => {
    const file = typeof target === "object" ? target.import?.default : undefined;
    return name === "." || file === undefined ? [] : [{ name, entry: resolve(dirname(packageJson), file) }];
  });
}
