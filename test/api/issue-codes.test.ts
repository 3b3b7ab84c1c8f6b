// ISSUE_CODES is the one list of issue codes: the IssueCode documentation describes each of
// them, once, in the list's order, and the package entry exports it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ISSUE_CODES } from "../../src/index.js";

describe("ISSUE_CODES", () => {
  it("is described one code per line, in order, in the TSDoc of IssueCode", () => {
    const source = readFileSync(new URL("../../src/types.ts", import.meta.url), "utf8");
    const doc = source.slice(
      source.lastIndexOf("/**", source.indexOf("export type IssueCode")),
      source.indexOf("export type IssueCode"),
    );
    const described = [...doc.matchAll(/^ \* - `([a-z_]+)`:/gm)].map((match) => match[1]);
    expect(described).toEqual([...ISSUE_CODES]);
  });

  it("has no duplicates", () => {
    expect(new Set(ISSUE_CODES).size).toBe(ISSUE_CODES.length);
  });
});
