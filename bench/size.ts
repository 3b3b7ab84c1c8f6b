// Size of the library as a bundler ships it, minified by esbuild, then gzipped: the whole entry
// (dist/index.js with every generated validator), or what an app that imports some names gets
// after tree shaking (docs/runtimes.md lists typical imports).
import { dirname, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type BuildOptions } from "esbuild";

export interface BundleSize {
  minifiedBytes: number;
  gzipBytes: number;
}

/**
 * @example
 * const { gzipBytes } = await bundleSize("dist/index.js"); // bytes after min+gzip
 */
export async function bundleSize(entry: string): Promise<BundleSize> {
  return minifiedSize({ entryPoints: [entry] });
}

/**
 * The size of an app that imports `names` from `entry` and nothing else.
 * @example
 * const { gzipBytes } = await importSize("dist/index.js", ["isEvent"]);
 */
export async function importSize(entry: string, names: readonly string[]): Promise<BundleSize> {
  return minifiedSize({
    stdin: {
      contents: `export { ${names.join(", ")} } from ${JSON.stringify(resolve(entry))};`,
      loader: "js",
      resolveDir: dirname(resolve(entry)),
    },
  });
}

async function minifiedSize(input: Pick<BuildOptions, "entryPoints" | "stdin">): Promise<BundleSize> {
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
