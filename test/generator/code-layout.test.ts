// The rewrites of Ajv's code read it as a syntax tree, so how Ajv lays the code out (its
// `code.lines` option) changes nothing in what is generated: a search in the text would
// depend on where the line breaks fall.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { emitValidators } from "../../scripts/generate/emit-validators.js";
import { loadEngineVersions } from "../../scripts/generate/engine-versions.js";
import { schemasOfFormats } from "../../scripts/generate/filter-format.js";
import { loadSchemas } from "../../scripts/generate/load-schemas.js";
import { formatFile } from "../../scripts/generate/output.js";

describe("the generated validators", () => {
  it("are the same whether Ajv breaks its code into lines or not", async () => {
    const formats = schemasOfFormats(await loadSchemas("schemas"), loadEngineVersions("schemas"));
    const oneLine = emitValidators(formats, { lines: false });
    const lines = (code: string) => code.split("\n").length;
    // Ajv's code in a few long lines: only the import and the variant exports have lines of their own.
    expect(lines(oneLine.js)).toBeLessThan(lines(emitValidators(formats).js) / 20);
    const committed = readFileSync(new URL("../../generated/validators.js", import.meta.url), "utf8");
    // Prettier keeps the blank lines it finds, and without line breaks there are none: the code is the same.
    const withoutBlankLines = (code: string) => code.replace(/\n\n+/g, "\n");
    const formatted = (await formatFile("validators.js", oneLine.js)).content;
    expect(withoutBlankLines(formatted)).toBe(withoutBlankLines(committed));
  }, 60_000);
});
