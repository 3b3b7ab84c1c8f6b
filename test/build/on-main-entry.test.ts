// scripts/build/on-main-entry.ts: the subpath entries take what they share with the main entry
// from its file. On a small project of its own (the plugin's rules), then on the build itself:
// each entry is one file, and a subpath loads nothing of the package but itself and its entry's.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { internalNames, onMainEntry } from "../../scripts/build/on-main-entry.js";

const ROOT = resolve(import.meta.dirname, "../..");
const DIST = join(ROOT, "dist");
/** The formats with an entry of their own: one per module the generator wrote to generated/engines/. */
const ENGINE_FORMATS = readdirSync(join(ROOT, "generated", "engines"));

describe("onMainEntry on a project of its own", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ironflow-events-main-entry-"));
    const files: Record<string, string> = {
      "shared.ts": "export class Shared {}\nexport const other = 1;\n",
      "internal.ts":
        'import { Shared } from "./shared.js";\nexport const __sub = /* @__PURE__ */ Object.freeze({ Shared });\n',
      "index.ts": 'export { Shared, other } from "./shared.js";\nexport { __sub } from "./internal.js";\n',
      "own.ts": "export const own = 2;\n",
      "sub.ts":
        'import { Shared } from "./shared.js";\nimport { own } from "./own.js";\nexport const made = [new Shared(), own];\n',
      "greedy.ts": 'import { other } from "./shared.js";\nexport const got = other;\n',
      "spread.ts": "const a = {};\nexport const __sub = Object.freeze({ ...a });\n",
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const bundle = (entry: string, format: "esm" | "cjs") =>
    build({
      entryPoints: [join(dir, entry)],
      bundle: true,
      write: false,
      format,
      platform: "neutral",
      logLevel: "silent",
      plugins: [
        onMainEntry({
          source: join(dir, "index.ts"),
          internal: join(dir, "internal.ts"),
          name: "__sub",
          file: { esm: "./index.js", cjs: "./index.cjs" },
        }),
      ],
    });

  it("reads the names of an object as written, and refuses a member that is not a name alone", () => {
    expect(internalNames(join(dir, "internal.ts"), "__sub")).toEqual(["Shared"]);
    expect(() => internalNames(join(dir, "internal.ts"), "__other")).toThrow("no `__other = { … }` object literal");
    expect(() => internalNames(join(dir, "spread.ts"), "__sub")).toThrow("each member of __sub is a name alone");
  });

  it("takes a module of the main entry from its file, and keeps the subpath's own modules", async () => {
    const esm = (await bundle("sub.ts", "esm")).outputFiles[0]!.text;
    expect(esm).toContain('import { __sub } from "./index.js"');
    expect(esm).toContain("own = 2");
    expect(esm).not.toContain("class Shared");
    const cjs = (await bundle("sub.ts", "cjs")).outputFiles[0]!.text;
    expect(cjs).toContain('require("./index.cjs")');
    expect(cjs).not.toContain("class Shared");
  });

  it("fails the build for a name of the main entry the subpath's object does not hold", async () => {
    await expect(bundle("greedy.ts", "esm")).rejects.toThrow(/No matching export .* for import "other"/);
  });
});

describe("the build (dist/)", () => {
  beforeAll(() => {
    for (const name of ["index.js", "index.cjs", "webhook.js", "webhook.cjs", "standard.js", "standard.cjs"])
      if (!existsSync(join(DIST, name)))
        throw new Error(`dist/${name} is missing: run \`npm run build\` before this test`);
  });

  /** The files of dist/ that bundling `entry` reads: what loading it loads. */
  async function loads(entry: string): Promise<string[]> {
    const { metafile } = await build({
      entryPoints: [join(DIST, entry)],
      bundle: true,
      write: false,
      metafile: true,
      format: entry.endsWith(".cjs") ? "cjs" : "esm",
      platform: "neutral",
      logLevel: "silent",
    });
    return Object.keys(metafile.inputs)
      .map((path) => resolve(path).slice(DIST.length + 1))
      .sort();
  }

  it.each(["index", ...ENGINE_FORMATS.map((format) => `engines/${format}`)])(
    "%s, an entry, is one file",
    async (entry) => {
      expect(await loads(`${entry}.js`)).toEqual([`${entry}.js`]);
      expect(await loads(`${entry}.cjs`)).toEqual([`${entry}.cjs`]);
    },
  );

  it.each([
    ["webhook", "index"],
    ["standard", "index"],
    ...ENGINE_FORMATS.map((format) => [`engines/${format}/webhook`, `engines/${format}`]),
  ])("%s loads itself and %s, its entry's file, and nothing else", async (subpath, entry) => {
    expect(await loads(`${subpath}.js`)).toEqual([`${entry}.js`, `${subpath}.js`].sort());
    expect(await loads(`${subpath}.cjs`)).toEqual([`${entry}.cjs`, `${subpath}.cjs`].sort());
  });
});
