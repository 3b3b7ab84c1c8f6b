// Size of the library as a bundler ships it, minified by esbuild, then gzipped: the whole entry
// (dist/index.js with every generated validator), several entries together (a subpath such as
// ironflow-events/webhook with the main entry), or what an app that imports some names gets
// after tree shaking (docs/runtimes.md lists typical imports).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
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
export async function bundleSize(entry: string | readonly string[]): Promise<BundleSize> {
  if (typeof entry === "string") return minifiedSize({ entryPoints: [entry] });
  // Several entries: one bundle of all their exports, as an app importing each. (Their export
  // names do not overlap; a name two of them exported would be left out.)
  return minifiedSize({
    stdin: {
      contents: entry.map((path) => `export * from ${JSON.stringify(resolve(path))};`).join("\n"),
      resolveDir: process.cwd(),
      loader: "js",
    },
  });
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

/**
 * The size of what esbuild bundles from `input` (an entry or stdin, and any plugins), minified.
 * @example
 * const { gzipBytes } = await minifiedSize({ entryPoints: ["dist/index.js"] });
 */
export async function minifiedSize(
  input: Pick<BuildOptions, "entryPoints" | "stdin" | "plugins">,
): Promise<BundleSize> {
  const code = await minifiedCode(input);
  return { minifiedBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

/**
 * What esbuild bundles from `input`, minified, as minifiedSize measures it: the bytes an app ships.
 * @example
 * const code = new TextDecoder().decode(await minifiedCode({ entryPoints: ["dist/engines/2.14.js"] }));
 */
export async function minifiedCode(
  input: Pick<BuildOptions, "entryPoints" | "stdin" | "plugins">,
): Promise<Uint8Array> {
  const result = await build({
    ...input,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.contents;
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
    if (name === "." || file === undefined) return [];
    if (!name.includes("*")) return [{ name, entry: resolve(dirname(packageJson), file) }];
    // A pattern (./engines/*): one subpath per built file it matches, in folders too
    // (./engines/2.14/webhook is dist/engines/2.14/webhook.js).
    const [before, after] = file.split("*") as [string, string];
    const folder = resolve(dirname(packageJson), before.slice(0, before.lastIndexOf("/")));
    const prefix = before.slice(before.lastIndexOf("/") + 1);
    return (readdirSync(folder, { recursive: true }) as string[])
      .filter((path) => path.startsWith(prefix) && path.endsWith(after))
      .sort()
      .map((path) => {
        const star = path.slice(prefix.length, path.length - after.length);
        return { name: name.replace("*", star), entry: join(folder, path) };
      });
  });
}
