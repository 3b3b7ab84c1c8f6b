// docs/runtimes.md states what the runtime matrix tests and what typical imports weigh: its table of
// runtimes is MATRIX (test/support/runtimes.ts) rendered, and its bundle sizes are measured again
// here (esbuild, minified, gzip -9) from dist/, so neither can drift from what is true.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { bundleSize, importSize } from "../../bench/size.js";
import { CHROMIUM } from "../support/chromium.js";
import { MATRIX } from "../support/runtimes.js";
import { skipWithout } from "../support/system.js";

const ROOT = resolve(import.meta.dirname, "../..");
const PAGE = readFileSync(join(ROOT, "docs", "runtimes.md"), "utf8");
const ENTRY = join(ROOT, "dist", "index.js");
const TOLERANCE_KIB = 0.2;

/** The cells of the rows of the table that follows `marker` in the page, without the header's rule. */
function tableAfter(marker: string): string[][] {
  const start = PAGE.indexOf(marker);
  if (start === -1) throw new Error(`docs/runtimes.md has no "${marker}"`);
  const lines = PAGE.slice(start)
    .split("\n")
    .slice(1)
    .map((line) => line.trim());
  const first = lines.findIndex((line) => line !== "");
  const rows = lines.slice(first);
  return rows
    .slice(
      0,
      rows.findIndex((line) => !line.startsWith("|")),
    )
    .map((row) => row.split(" | ").map((cell) => cell.replace(/^\|? */, "").replace(/ *\|?$/, "")))
    .filter((cells) => !cells.every((cell) => /^-+$/.test(cell)));
}

describe("docs/runtimes.md", () => {
  it.skipIf(skipWithout(CHROMIUM))("lists the runtimes of the matrix, their versions and what is checked", () => {
    const rendered = [
      ["Runtime", "Version tested", "What is checked"],
      ...Object.values(MATRIX).map((runtime) => [runtime.name, runtime.version(), runtime.checked]),
    ];
    expect(tableAfter("<!-- runtimes table:"), "docs/runtimes.md's table, rendered from MATRIX").toEqual(rendered);
  });

  it("gives the bundle sizes of typical imports as measured", async () => {
    if (!existsSync(ENTRY)) throw new Error("dist/index.js is missing: run `npm run build` before this test");
    const [header, ...rows] = tableAfter("<!-- bundle sizes:");
    expect(header).toEqual(["Import", "min+gzip"]);
    for (const [label, size] of rows) {
      const names = /^`import (?:\{ ([\w, ]+) \}|\* as \w+) from "ironflow-events(\/engines\/[\d.]+)?"`/.exec(
        label ?? "",
      );
      const documented = /^([\d.]+) KiB$/.exec(size ?? "");
      if (!names || !documented) throw new Error(`not a row of an import and its size: ${label} | ${size}`);
      // The main entry, or an engine format's own (ironflow-events/engines/2.14: dist/engines/2.14.js).
      const entry = names[2] ? join(ROOT, "dist", `${names[2].slice(1)}.js`) : ENTRY;
      const { gzipBytes } = names[1] ? await importSize(entry, names[1].split(", ")) : await bundleSize(entry);
      const kib = gzipBytes / 1024;
      expect(Math.abs(kib - Number(documented[1])), `${label}: measured ${kib.toFixed(2)} KiB`).toBeLessThanOrEqual(
        TOLERANCE_KIB,
      );
    }
    const imported = rows.map(([label]) => /`(import [^`]*)`/.exec(label!)?.[1]);
    for (const typical of ["{ parseEvent }", "{ isEvent }", "{ verifyWebhook }", "* as api"])
      expect(imported).toContain(`import ${typical} from "ironflow-events"`);
    // Each engine format's own entry, whole and for parseEvent.
    for (const format of readdirSync(join(ROOT, "generated", "engines")).map((name) => name.replace(/\.ts$/, "")))
      for (const typical of ["{ parseEvent }", "* as api"])
        expect(imported).toContain(`import ${typical} from "ironflow-events/engines/${format}"`);
  });
});
