// The repository stands alone: a clone in an empty folder passes its tests, so nothing the
// project runs may read the workspace folder beside the clone (the vectors live in test/vectors/).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const FOLDERS = ["src", "scripts", "test", "bench", ".ci"];
/** Data files are the engine's words (test/vectors); they are not code that could read a path. */
const SKIP = new Set(["node_modules", "vectors"]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe("the repository stands alone", () => {
  it("no file under src/, scripts/, test/, bench/ or .ci/ names the workspace folder beside the clone", () => {
    const all = FOLDERS.flatMap((folder) => files(join(ROOT, folder)));
    const needle = ["..", "shared"].join("/"); // split so that this file does not name it
    const naming = all.filter((path) => readFileSync(path, "utf8").includes(needle)).map((p) => relative(ROOT, p));
    expect(all.length).toBeGreaterThan(50);
    expect(naming).toEqual([]);
  });
});
