import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { defineConfig, type Options } from "tsup";
import { onMainEntry } from "./scripts/build/on-main-entry.js";
import { generatedFrom, loadFormats, runtimeModules } from "./scripts/build/one-format.js";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

/**
 * Generated files the package ships at its root, so that `ironflow-events/schema.json` is a
 * real path there and resolves under every resolver, those that ignore `exports` included.
 * They are build output (ignored by git); generated/ stays the one committed copy.
 */
const ROOT_ASSETS = ["schema.json", "asyncapi.yaml"];

/**
 * Each engine format's bundle (generated/formats/<format>/schema.json), shipped as
 * schemas/bundles/engine-<format>.json, its `$id`: reachable through the `./schemas/*` export, so
 * that code in another language maps an engine version to its bundle with engine-versions.json.
 * Build output too.
 */
function copyFormatBundles(): void {
  mkdirSync("schemas/bundles", { recursive: true });
  for (const format of readdirSync("generated/formats"))
    copyFileSync(`generated/formats/${format}/schema.json`, `schemas/bundles/engine-${format}.json`);
}

/**
 * The subpath entries. Resolvers that ignore `exports` (TypeScript's node10, old bundlers) find
 * `ironflow-events/webhook` through a folder of that name whose package.json points into dist/;
 * the folders are build output too.
 */
const SUBPATHS = ["webhook", "standard"];
const SUBPATH_ENTRIES = Object.fromEntries(SUBPATHS.map((name) => [name, `src/${name}/index.ts`]));

// dist/ is emptied once, here, before the builds below start together. tsup's own `clean` runs
// inside the one build that asks for it (its declarations' worker removes every .d.ts of dist/
// when it starts), so it raced with the other builds and could delete testing/*.d.ts they wrote.
rmSync("dist", { recursive: true, force: true });

/** What every library build writes: ES module and CommonJS, for Node 20 and every other runtime. */
const LIBRARY: Options = { format: ["esm", "cjs"], target: "node20", platform: "neutral" };

/**
 * The declarations of entries built together, so that the types they share are declared once
 * (a chunk) and a value of one entry is a value of the other's type; what an entry exports for
 * its subpaths alone (`@internal`, src/internal.ts) is left out. Their code is built apart: each
 * entry one file, a subpath taking from its entry's (subpathOf).
 */
function declarations(entry: Record<string, string>): Options {
  return { entry, format: LIBRARY.format, dts: { only: true, compilerOptions: { stripInternal: true } } };
}

/**
 * The build of a subpath entry (`entry`, one file): what it shares with its entry (`source`)
 * it imports from the entry's built file (`file`, ESM and CommonJS), through `__<name>` of
 * src/internal.ts (scripts/build/on-main-entry.ts). `plugins` come after: they resolve what is
 * left to the subpath.
 */
function subpathOf(
  entry: Record<string, string>,
  main: { source: string; name: string; file: { esm: string; cjs: string } },
  plugins: NonNullable<Options["esbuildPlugins"]> = [],
): Options {
  return {
    ...LIBRARY,
    entry,
    esbuildPlugins: [onMainEntry({ ...main, internal: "src/internal.ts" }), ...plugins],
  };
}

/**
 * ironflow-events/engines/<format> and its /webhook, per engine format (generated/engines/<format>/),
 * each bundled against the generated modules made for its format alone: the generator's steps
 * run here, in memory (scripts/build/one-format.ts), so an app that reads one engine version
 * carries no other format's tables. Each is a build of its own: no chunk shared with the main
 * entry, which would carry every format. Resolvers that ignore `exports` find them through a
 * folder stub, as the subpaths above.
 */
async function engineEntries(): Promise<{ builds: Options[]; formats: string[] }> {
  const { versions, all } = await loadFormats();
  const builds = all.flatMap(({ format, ...rest }): Options[] => {
    const generated = generatedFrom(runtimeModules([{ format, ...rest }], versions, all));
    const api = `generated/engines/${format}/index.ts`;
    const webhook = { [`engines/${format}/webhook`]: `generated/engines/${format}/webhook.ts` };
    return [
      declarations({ [`engines/${format}`]: api, ...webhook }),
      // Its API: one file, as the main entry.
      { ...LIBRARY, entry: { [`engines/${format}`]: api }, esbuildPlugins: [generated] },
      subpathOf(
        webhook,
        { source: api, name: "__webhook", file: { esm: `../${format}.js`, cjs: `../${format}.cjs` } },
        [generated],
      ),
    ];
  });
  return { builds, formats: all.map((f) => f.format) };
}

/** A folder `name` whose package.json points into dist/ at `target` (dist/<target>.cjs and so on). */
function folderStub(name: string, target: string): void {
  mkdirSync(name, { recursive: true });
  const up = "../".repeat(name.split("/").length);
  const stub = {
    main: `${up}dist/${target}.cjs`,
    module: `${up}dist/${target}.js`,
    types: `${up}dist/${target}.d.cts`,
  };
  writeFileSync(`${name}/package.json`, `${JSON.stringify(stub, null, 2)}\n`);
}

// dist/: the library as ESM and CommonJS with declarations for both, and the CLI.
// Everything it uses is bundled in, so the published package has no dependencies.
export default defineConfig(async (): Promise<Options[]> => {
  const engines = await engineEntries();
  return [
    declarations({ index: "src/index.ts", ...SUBPATH_ENTRIES }),
    {
      // The main entry: one file, which Node loads with a single read and compile.
      ...LIBRARY,
      entry: { index: "src/index.ts" },
      onSuccess: async () => {
        for (const name of ROOT_ASSETS) copyFileSync(`generated/${name}`, name);
        copyFormatBundles();
        for (const name of SUBPATHS) folderStub(name, name);
        rmSync("engines", { recursive: true, force: true });
        for (const format of engines.formats) {
          folderStub(`engines/${format}`, `engines/${format}`);
          folderStub(`engines/${format}/webhook`, `engines/${format}/webhook`);
        }
      },
    },
    // The subpaths are entries of their own, so bundles of the main entry do not carry them;
    // what they share with it they import from its file (scripts/build/on-main-entry.ts). One
    // build each: in one, the module that stands for the main entry would be a chunk of its own.
    ...SUBPATHS.map((name) =>
      subpathOf(
        { [name]: SUBPATH_ENTRIES[name]! },
        { source: "src/index.ts", name: `__${name}`, file: { esm: "./index.js", cjs: "./index.cjs" } },
      ),
    ),
    // ironflow-events/testing and ironflow-events/testing/arbitraries: apart from the main entry,
    // which carries none of the kit, and from each other (one build each, so no shared chunks),
    // so that makeEvent never loads fast-check, the arbitraries' optional peer.
    ...["index", "arbitraries"].map((name): Options => ({
      ...LIBRARY,
      entry: { [`testing/${name}`]: `src/testing/${name}.ts` },
      dts: true,
      external: ["fast-check"],
    })),
    {
      entry: { cli: "src/cli.ts" },
      format: ["esm"],
      target: "node20",
      platform: "node",
      define: { __PACKAGE_VERSION__: JSON.stringify(version) },
    },
    ...engines.builds,
  ];
});
