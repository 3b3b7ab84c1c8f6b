// scripts/build/json-as-text.ts: a JSON module bundled as JSON.parse of its text.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonAsText } from "../../scripts/build/json-as-text.js";

describe("jsonAsText", () => {
  let dir: string;
  const data = { $id: "x", list: [1, 2.5, "\u2028", { 'quote"': null }], deep: { a: { b: true } } };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ironflow-events-json-text-"));
    writeFileSync(join(dir, "data.json"), JSON.stringify(data, null, 2));
    writeFileSync(join(dir, "broken.json"), '{ "a": 1, }');
    writeFileSync(
      join(dir, "entry.ts"),
      'import data from "./data.json" with { type: "json" };\nexport default data;\n',
    );
    writeFileSync(
      join(dir, "bad.ts"),
      'import data from "./broken.json" with { type: "json" };\nexport default data;\n',
    );
    // JavaScript: TypeScript would drop an unused import on its own.
    writeFileSync(
      join(dir, "unused.js"),
      'import data from "./data.json" with { type: "json" };\nexport const other = 1;\n',
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const bundle = async (entry: string) =>
    (
      await build({
        entryPoints: [join(dir, entry)],
        bundle: true,
        write: false,
        format: "esm",
        logLevel: "silent",
        plugins: [jsonAsText()],
      })
    ).outputFiles[0]!.text;

  it("bundles the data as one string that JSON.parse reads back to the same value", async () => {
    const code = await bundle("entry.ts");
    expect(code).toContain("JSON.parse(");
    expect(code).not.toContain("deep: {"); // no object literal of the data
    const module = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as { default: unknown };
    expect(module.default).toEqual(data);
  });

  it("leaves the data out of a bundle that does not use it", async () => {
    expect(await bundle("unused.js")).not.toContain("JSON.parse");
  });

  it("fails the build on a file that is not JSON", async () => {
    await expect(bundle("bad.ts")).rejects.toThrow(/JSON/);
  });
});
