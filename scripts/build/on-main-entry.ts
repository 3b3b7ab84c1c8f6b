// An esbuild plugin for the builds of subpath entries (ironflow-events/webhook, /standard, and
// each engine format's /webhook): every module they import that their entry carries is taken
// from the entry's own file (dist/index.js, or dist/index.cjs), through an object it exports for
// that subpath (src/internal.ts: `__webhook`, `__standard`). So an entry is a single file, which
// Node loads and compiles once (each further file of an import costs about 0.45 ms of CPU,
// docs/benchmarks.md), and a process that loads a subpath beside it holds one copy of each
// module: one EventValidationError class, one table of formats. A subpath's own modules stay in
// its own file.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Plugin } from "esbuild";
import ts from "typescript";

/** The namespace of the one module that stands for the main entry inside a subpath's build. */
const NAMESPACE = "ironflow-main-entry";

export interface MainEntry {
  /** The main entry's source, whose module graph the subpaths take from it (src/index.ts). */
  readonly source: string;
  /** The module that declares what the main entry exports for the subpaths (src/internal.ts). */
  readonly internal: string;
  /** The name of this subpath's object there (`__webhook`). */
  readonly name: string;
  /** The main entry's built file as a subpath's built file imports it, per output format. */
  readonly file: { readonly esm: string; readonly cjs: string };
}

/**
 * @example
 * esbuildPlugins: [onMainEntry({ source: "src/index.ts", internal: "src/internal.ts", name: "__webhook", file: { esm: "./index.js", cjs: "./index.cjs" } })]
 */
export function onMainEntry(main: MainEntry): Plugin {
  return {
    name: "on-main-entry",
    async setup(build) {
      const format = build.initialOptions.format === "cjs" ? "cjs" : "esm";
      const graph = await moduleGraph(build.esbuild, main.source);
      const names = internalNames(main.internal, main.name);
      // Relative imports only: src/ imports nothing else, and a bare one (fast-check) is external.
      build.onResolve({ filter: /^\./ }, async (args) => {
        if (args.namespace !== "file" || args.pluginData === NAMESPACE) return undefined;
        const found = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: NAMESPACE, // this hook leaves its own look alone
        });
        if (found.errors.length > 0 || !graph.has(found.path)) return undefined;
        return { path: "main", namespace: NAMESPACE };
      });
      build.onResolve({ filter: /.*/, namespace: NAMESPACE }, (args) => ({ path: args.path, external: true }));
      // A name the subpath imports and its object lacks fails the build here ("No matching
      // export"): add it to the object in src/internal.ts.
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, () => ({
        contents: `import { ${main.name} } from ${JSON.stringify(main.file[format])};\nexport const { ${names.join(", ")} } = ${main.name};\n`,
        loader: "js",
      }));
    },
  };
}

type Esbuild = Parameters<Plugin["setup"]>[0]["esbuild"];

/**
 * Each entry's module graph, made once for the builds of its subpaths (ESM and CommonJS) in a run
 * of tsup (which the project never runs in watch mode, where the graph could change).
 */
const graphs = new Map<string, Promise<Set<string>>>();

/** The absolute paths of every module bundled into `entry`. */
function moduleGraph(esbuild: Esbuild, entry: string): Promise<Set<string>> {
  const key = resolve(entry);
  let graph = graphs.get(key);
  if (graph === undefined) {
    graph = esbuild
      .build({ ...PROBE, entryPoints: [entry] })
      .then(({ metafile }) => new Set(Object.keys(metafile.inputs).map((path) => resolve(path))));
    graphs.set(key, graph);
  }
  return graph;
}

/**
 * The names in the object `name` of `module`: the shorthand properties of the object literal
 * it is declared with (`export const __webhook = Object.freeze({ formatFor, … })`), read from
 * the syntax tree.
 * @example
 * internalNames("src/internal.ts", "__standard"); // ["formatFor", "NEWEST", "validateEvent"]
 */
export function internalNames(module: string, name: string): string[] {
  const source = ts.createSourceFile(module, readFileSync(module, "utf8"), ts.ScriptTarget.Latest);
  let literal: ts.ObjectLiteralExpression | undefined;
  const find = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name) {
      const visit = (inner: ts.Node): void => {
        if (literal === undefined && ts.isObjectLiteralExpression(inner)) literal = inner;
        else ts.forEachChild(inner, visit);
      };
      if (node.initializer !== undefined) visit(node.initializer);
    } else ts.forEachChild(node, find);
  };
  find(source);
  if (literal === undefined) throw new Error(`on-main-entry: no \`${name} = { … }\` object literal in ${module}`);
  return literal.properties.map((property) => {
    if (!ts.isShorthandPropertyAssignment(property))
      throw new Error(`on-main-entry: ${module}: each member of ${name} is a name alone (\`{ formatFor }\`)`);
    return property.name.text;
  });
}

/** A bundle made only to read its metafile. */
const PROBE = {
  bundle: true,
  write: false,
  metafile: true,
  format: "esm",
  platform: "neutral",
  outdir: "probe",
  logLevel: "silent",
} as const;
