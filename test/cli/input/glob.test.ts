// The glob matcher of the CLI (src/cli/input/glob.ts): what each pattern character matches,
// and the expansion against a real directory tree.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { expandGlob, hasGlobMagic } from "../../../src/cli/input/glob.js";
import { tempDir } from "../../support/cli-harness.js";

describe("what a pattern matches", () => {
  const tmp = tempDir();
  afterAll(tmp.remove);
  /**
   * Whether expandGlob finds `path` for `pattern` in a directory that holds `path` alone, made
   * as a directory: a pattern's last segment matches a name of any kind, and `**` goes down
   * directories only.
   */
  const globMatch = (pattern: string, path: string): boolean => {
    const dir = mkdtempSync(join(tmp.dir, "case-"));
    mkdirSync(join(dir, path), { recursive: true });
    return expandGlob(`${dir}/${pattern}`).includes(join(dir, path));
  };

  test.each([
    ["*.json", "a.json", true],
    ["*.json", "a.ndjson", false],
    ["*.json", "dir/a.json", false], // * stays within one segment
    ["*", ".hidden", false], // a leading dot must be matched literally
    [".*", ".hidden", true],
    ["a?c.json", "abc.json", true],
    ["a?c.json", "ac.json", false],
    ["a?c.json", "a/c.json", false],
    ["day[0-9].json", "day7.json", true],
    ["day[0-9].json", "dayx.json", false],
    ["day[!0-9].json", "dayx.json", true],
    ["day[^0-9].json", "day7.json", false],
    ["[]x].json", "].json", true], // ] first in a class is literal
    ["[a-].json", "-.json", true], // - last in a class is literal
    ["[abc.json", "[abc.json", true], // an unclosed [ is literal
    ["**/*.json", "a.json", true], // ** may be no directory at all
    ["**/*.json", "a/b/c/d.json", true],
    ["a/**/d.json", "a/d.json", true],
    ["a/**/d.json", "a/b/c/d.json", true],
    ["a/**/d.json", "a/.git/d.json", false], // ** does not enter hidden directories
    ["a/**", "a/b/c", true],
    ["\\*.json", "*.json", true], // \ escapes
    ["\\*.json", "a.json", false],
    ["(a|b)+.json", "(a|b)+.json", true], // regex characters are literal
    ["(a|b)+.json", "a.json", false],
  ])("%s against %s: %s", (pattern, path, expected) => {
    expect(globMatch(pattern, path)).toBe(expected);
  });

  test("hasGlobMagic: only unescaped *, ? and [ make a pattern", () => {
    expect(hasGlobMagic("a/*.json")).toBe(true);
    expect(hasGlobMagic("a?.json")).toBe(true);
    expect(hasGlobMagic("a[0].json")).toBe(true);
    expect(hasGlobMagic("a/b.json")).toBe(false);
    expect(hasGlobMagic("a\\*.json")).toBe(false);
  });
});

describe("expandGlob", () => {
  const tmp = tempDir();
  afterAll(tmp.remove);
  for (const path of ["x/a.json", "x/b.ndjson", "x/y/c.json", "x/y/z/d.json", "x/.h/e.json", "x/y/.f.json"]) {
    mkdirSync(join(tmp.dir, path, ".."), { recursive: true });
    writeFileSync(join(tmp.dir, path), "{}");
  }
  const rel = (paths: string[]) => paths.map((p) => p.slice(tmp.dir.length + 1));

  test("finds the matching files, sorted, from an absolute pattern", () => {
    expect(rel(expandGlob(`${tmp.dir}/x/**/*.json`))).toEqual(["x/a.json", "x/y/c.json", "x/y/z/d.json"]);
    expect(rel(expandGlob(`${tmp.dir}/x/*`))).toEqual(["x/a.json", "x/b.ndjson", "x/y"]);
    expect(rel(expandGlob(`${tmp.dir}/x/y/.*.json`))).toEqual(["x/y/.f.json"]);
    expect(rel(expandGlob(`${tmp.dir}/*/y/z/?.json`))).toEqual(["x/y/z/d.json"]);
  });

  test("nothing for a pattern that matches nothing, or under a directory that does not exist", () => {
    expect(expandGlob(`${tmp.dir}/x/*.jsonl`)).toEqual([]);
    expect(expandGlob(`${tmp.dir}/nope/*.json`)).toEqual([]);
  });
});
