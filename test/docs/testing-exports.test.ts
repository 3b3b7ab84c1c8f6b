// The testing kit's entry points (ironflow-events/testing and /testing/arbitraries): every
// export has TSDoc with an @example, and docs/testing.md's API table names each one.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { moduleExports } from "../support/module-exports.js";

const ROOT = resolve(import.meta.dirname, "../..");
const ENTRIES = ["src/testing/index.ts", "src/testing/arbitraries.ts"];

/** docs/testing.md from "## API" to its end. */
function apiTable(): string {
  const page = readFileSync(join(ROOT, "docs", "testing.md"), "utf8");
  const start = page.indexOf("\n## API\n");
  expect(start).toBeGreaterThan(-1);
  return page.slice(start);
}

describe.each(ENTRIES)("the exports of %s", (entry) => {
  const exports = moduleExports(join(ROOT, entry));

  it("are the kit's", () => {
    expect(exports.length).toBeGreaterThan(3);
  });

  it.each(exports.map((e) => [e.name, e] as const))("%s has TSDoc with an @example", (_name, exported) => {
    expect(exported.docs.length).toBeGreaterThan(0);
    for (const doc of exported.docs) expect(doc).toEqual({ kind: doc.kind, text: true, example: true });
  });

  it("are each named in docs/testing.md's API table", () => {
    const table = apiTable();
    expect(exports.map((e) => e.name).filter((name) => !new RegExp(`\\b${name}\\b`).test(table))).toEqual([]);
  });
});
