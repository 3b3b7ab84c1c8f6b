// The generated modules the runtime imports (generated/validators.js, generated/constants.ts),
// made for one engine format alone, in memory, by the generator's own steps; and an esbuild
// plugin that bundles src/ against them. What the build uses for ironflow-events/engines/<format>
// (tsup.config.ts) and the bench for what each format costs (bench/format-cost.ts): src/ reads
// every format from these two modules, so a bundle made against one format carries no other.
import { join, resolve } from "node:path";
import type { Plugin } from "esbuild";
import { emitConstants, eventTypeRanges } from "../generate/emit-constants.js";
import { emitValidators } from "../generate/emit-validators.js";
import { loadEngineVersions, type EngineVersions } from "../generate/engine-versions.js";
import { schemasOfFormats, type FormatSchemas } from "../generate/filter-format.js";
import { loadSchemas } from "../generate/load-schemas.js";

/**
 * The generated modules src/ imports at run time, and so the ones a format's bytes live in, by
 * the name src/ imports them under, with the language each is written in.
 */
const RUNTIME_MODULES = { "validators.js": "js", "constants.js": "ts" } as const;

/** The contents of the runtime modules for some formats, by module name. */
export type RuntimeModules = Record<keyof typeof RUNTIME_MODULES, string>;

/** Every format of `schemasDir`, as the generator reads them, with the version table. */
export async function loadFormats(schemasDir = "schemas"): Promise<{ versions: EngineVersions; all: FormatSchemas[] }> {
  const versions = loadEngineVersions(schemasDir);
  return { versions, all: schemasOfFormats(await loadSchemas(schemasDir), versions) };
}

/**
 * The runtime modules made for `formats` (a run of the table, in its order) and nothing else:
 * the last of them is then the newest, the one read without an `engine` option. `all`, every
 * format of the table, only names the engine of a type the formats do not have.
 * @example
 * const { versions, all } = await loadFormats();
 * runtimeModules(all.slice(0, 1), versions, all)["constants.js"]; // the 2.14 format's table alone
 */
export function runtimeModules(
  formats: readonly FormatSchemas[],
  versions: EngineVersions,
  all: readonly FormatSchemas[],
): RuntimeModules {
  const ids = new Set(formats.map((f) => f.format));
  const kept = { ...versions, formats: versions.formats.filter((entry) => ids.has(entry.format)) };
  if (kept.formats.length !== formats.length) throw new Error("runtimeModules: a format is not in the version table");
  // Which engine has a type the formats do not know is said from every format (messages).
  const typeRanges = eventTypeRanges(all, versions);
  return { "validators.js": emitValidators(formats).js, "constants.js": emitConstants(formats, kept, typeRanges) };
}

/**
 * An esbuild plugin that resolves generated/validators.js and generated/constants.js to
 * `modules` (made by runtimeModules), as if they were the files of generated/.
 * @example
 * await build({ entryPoints: ["src/index.ts"], bundle: true, plugins: [generatedFrom(modules)] });
 */
export function generatedFrom(modules: RuntimeModules, root = process.cwd()): Plugin {
  const generated = resolve(root, "generated");
  const paths = new Map(
    Object.keys(RUNTIME_MODULES).map((name) => [join(generated, name), name as keyof RuntimeModules]),
  );
  const filter = new RegExp(
    `generated/(${Object.keys(RUNTIME_MODULES)
      .map((n) => n.replace(".", "\\."))
      .join("|")})$`,
  );
  return {
    name: "generated-for-some-formats",
    setup(builder) {
      // Only imports that reach generated/ itself (src/'s do). The modules stay in esbuild's
      // file namespace, so a bundle names them as it names a file: generated/constants.js.
      builder.onResolve({ filter }, (args) => {
        const path = resolve(args.resolveDir, args.path);
        return paths.has(path) ? { path } : undefined;
      });
      // Their imports of src/ (`../src/rules/index.js`) are of its TypeScript files.
      builder.onResolve({ filter: /^\.\.\/src\// }, (args) =>
        paths.has(args.importer) ? { path: resolve(generated, args.path.replace(/\.js$/, ".ts")) } : undefined,
      );
      builder.onLoad({ filter }, (args) => {
        const name = paths.get(args.path);
        if (name === undefined) return undefined;
        return { contents: modules[name], loader: RUNTIME_MODULES[name], resolveDir: generated };
      });
    },
  };
}
