// bench/format-cost.ts builds the main entry with the newest format alone, then with each older
// one added, from the generator's own steps: what docs/runtimes.md says each format costs. Its
// rows must be the formats of the version table, newest first, each adding bytes (a format
// that cost nothing would mean the scratch modules were not the ones bundled). Then each
// format's own entry (ironflow-events/engines/<format>), bundled as the build makes it.
import { describe, expect, it } from "vitest";
import { entryCosts, formatCosts } from "../../bench/format-cost.js";
import { ENGINE_FORMATS } from "../../src/index.js";

describe("the cost of each engine format (npm run bench:formats)", () => {
  it("adds the formats oldest last, each costing some bytes but less than the newest alone", async () => {
    const rows = await formatCosts(["isEvent"]);
    const formats = ENGINE_FORMATS.map((format) => format.format);
    expect(rows.map((row) => row.formats)).toEqual(formats.map((_, i) => formats.slice(formats.length - 1 - i)));
    for (let i = 1; i < rows.length; i++) {
      const added = rows[i]!.gzipBytes - rows[i - 1]!.gzipBytes;
      expect(added, rows[i]!.formats.join(" + ")).toBeGreaterThan(100);
      expect(added, rows[i]!.formats.join(" + ")).toBeLessThan(rows[0]!.gzipBytes / 4);
    }
  }, 120_000);

  it("bundles each format's own entry against that format alone: each smaller than every format together", async () => {
    const [together] = (await formatCosts()).slice(-1);
    const entries = await entryCosts(["parseEvent"]);
    expect(entries.map((row) => row.format)).toEqual(ENGINE_FORMATS.map((format) => format.format));
    for (const row of entries) {
      expect(row.gzipBytes, row.format).toBeLessThan(together!.gzipBytes);
      expect(row.namesGzipBytes, row.format).toBeLessThan(row.gzipBytes);
    }
    // The older the format, the fewer its variants, the smaller its entry.
    expect(entries.map((row) => row.gzipBytes)).toEqual([...entries.map((row) => row.gzipBytes)].sort((a, b) => a - b));
  }, 120_000);
});
