// bench/size.ts: the subpaths the bench measures are package.json's exports, a pattern export
// (./engines/*) expanded to each file of the build it matches.
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { subpaths } from "../../bench/size.js";

const ROOT = resolve(import.meta.dirname, "../..");

describe("subpaths", () => {
  it("lists each export with its ESM build, two per engine format for ./engines/*", () => {
    if (!existsSync(join(ROOT, "dist", "engines"))) throw new Error("dist/ is missing: run `npm run build` first");
    const listed = subpaths(join(ROOT, "package.json")).map(({ name, entry }) => [name, entry]);
    const formats = readdirSync(join(ROOT, "generated", "engines")).map((name) => name.replace(/\.ts$/, ""));
    expect(listed).toEqual([
      ["./webhook", join(ROOT, "dist", "webhook.js")],
      ["./standard", join(ROOT, "dist", "standard.js")],
      ["./testing", join(ROOT, "dist", "testing", "index.js")],
      ["./testing/arbitraries", join(ROOT, "dist", "testing", "arbitraries.js")],
      ...formats.flatMap((format) => [
        [`./engines/${format}`, join(ROOT, "dist", "engines", `${format}.js`)],
        [`./engines/${format}/webhook`, join(ROOT, "dist", "engines", format, "webhook.js")],
      ]),
    ]);
  });
});
