// generated/bundles.ts (scripts/generate/emit-bundles.ts): each format's bundle as JSON text,
// made on first use, is the value its file holds.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { formatBundle, NEWEST_BUNDLE_ID, type BundleFormat } from "../../generated/bundles.js";

const GENERATED = resolve(import.meta.dirname, "../../generated");
const FORMATS = readdirSync(join(GENERATED, "formats")).sort() as BundleFormat[];
const NEWEST = FORMATS.at(-1)!;
const fileOf = (format: string) =>
  JSON.parse(
    readFileSync(join(GENERATED, format === NEWEST ? "schema.json" : `formats/${format}/schema.json`), "utf8"),
  ) as unknown;

describe("formatBundle", () => {
  it.each(FORMATS)("%s: the value of its file (the newest's: schema.json, with the published $id)", (format) => {
    expect(formatBundle(format)).toEqual(fileOf(format));
  });

  it("is made once: every call gives the same object", () => {
    expect(formatBundle(FORMATS[0]!)).toBe(formatBundle(FORMATS[0]!));
  });

  it("NEWEST_BUNDLE_ID is schema.json's $id, and no other format's", () => {
    expect(NEWEST_BUNDLE_ID).toBe((fileOf(NEWEST) as { $id: string }).$id);
    for (const format of FORMATS.slice(0, -1)) expect(formatBundle(format).$id).not.toBe(NEWEST_BUNDLE_ID);
  });
});
