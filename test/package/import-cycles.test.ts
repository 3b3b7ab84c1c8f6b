// No import cycles in src/ and scripts/: a module that imports, even for types only, a module
// that imports it back is one concept split in the wrong place. dpdm reads the imports as
// TypeScript wrote them (types included), as `npm run check:cycles` does.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { parseCircular, parseDependencyTree } from "dpdm";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

/** The modules that `globs` (from `cwd`) match and the cycles among them, as paths relative to `cwd`. */
async function analyse(globs: string[], cwd: string): Promise<{ modules: number; cycles: string[][] }> {
  const before = process.cwd();
  process.chdir(cwd); // dpdm resolves globs from the working directory
  try {
    const tree = await parseDependencyTree(globs, { context: cwd, transform: false, skipDynamicImports: false });
    const cycles = parseCircular(tree).map((cycle) => cycle.map((file) => relative(cwd, resolve(cwd, file))));
    return { modules: Object.keys(tree).length, cycles };
  } finally {
    process.chdir(before);
  }
}

describe("import cycles", () => {
  const scratch = mkdtempSync(join(tmpdir(), "ironflow-cycles-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("are found, type-only imports included (the check can fail)", async () => {
    // The project's module resolution, under which "./b.js" names b.ts.
    writeFileSync(
      join(scratch, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext" } }),
    );
    writeFileSync(join(scratch, "a.ts"), 'import type { B } from "./b.js";\nexport type A = { b?: B };\n');
    writeFileSync(join(scratch, "b.ts"), 'import { c } from "./c.js";\nexport type B = number;\nexport const b = c;\n');
    writeFileSync(join(scratch, "c.ts"), 'import type { A } from "./a.js";\nexport const c = 1 as unknown as A;\n');
    const { cycles } = await analyse(["*.ts"], scratch);
    expect(cycles.map((cycle) => [...cycle].sort())).toEqual([["a.ts", "b.ts", "c.ts"]]);
  });

  it("are none in src/ and scripts/", async () => {
    const { modules, cycles } = await analyse(["src/**/*.ts", "scripts/**/*.ts"], ROOT);
    expect(modules).toBeGreaterThan(70); // the globs found the sources
    expect(cycles).toEqual([]);
  }, 30_000);
});
