// Size of the library entry as a bundler ships it: dist/index.js with everything it imports
// (every generated validator included), minified by esbuild, then gzipped.
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
export async function bundleSize(entry: string): Promise<BundleSize> {
  const result = await build({
    entryPoints: [entry],
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
