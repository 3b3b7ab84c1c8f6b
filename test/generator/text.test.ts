// The text helpers of the generator's emit steps (scripts/generate/text.ts).
import { describe, expect, it } from "vitest";
import { firstSentence, parsedJson } from "../../scripts/generate/text.js";

/** What the code parsedJson writes makes, when a module runs it. */
const run = (code: string): unknown => new Function(`return ${code};`)() as unknown;

describe("parsedJson", () => {
  it("writes code that makes the value again, whatever its strings hold", () => {
    const value = {
      words: `the string "run_created"`,
      quote: "it's",
      backslashes: "C:\\path\\ and \\\\ two",
      escapes: "tab\there\nline\u0000nul",
      separators: "\u2028\u2029",
      text: "日本語 émoji 🚀",
      numbers: [0, -1.5, 7.922816251426434e28, 18446744073709552000],
      nested: { list: [null, true, false, {}], empty: "" },
    };
    expect(run(parsedJson(value))).toEqual(value);
  });

  it("keeps a __proto__ key a key, as JSON.parse reads it (an object literal would set the prototype)", () => {
    const made = run(parsedJson(JSON.parse('{"__proto__":{"polluted":true}}'))) as object;
    expect(Object.keys(made)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(made)).toBe(Object.prototype);
  });

  it("is a call of JSON.parse on one single-quoted string", () => {
    expect(parsedJson({ a: "it's" })).toBe(`JSON.parse('{"a":"it\\'s"}')`);
  });

  it("cuts the text into one string per member of the value's first two levels", () => {
    const value = {
      definitions: [{ type: "string" }, { type: "object", properties: { a: {} } }],
      formats: { "2.14": 1 },
    };
    const code = parsedJson(value);
    expect(code.match(/'[^']*'/g)).toEqual([
      `'{"definitions":[{"type":"string"}'`,
      `',{"type":"object","properties":{"a":{}}}]'`,
      `',"formats":{"2.14":1}}'`,
    ]);
    expect(run(code)).toEqual(value);
  });

  it("refuses a value JSON cannot hold", () => {
    expect(() => parsedJson(undefined)).toThrow(/JSON cannot hold/);
  });
});

describe("firstSentence", () => {
  it("ends at the first full stop followed by a space or the end", () => {
    expect(firstSentence("A run failed. It had 3 steps.")).toBe("A run failed.");
    expect(firstSentence("Version 2.52 of it. More.")).toBe("Version 2.52 of it.");
    expect(firstSentence("No stop")).toBe("No stop");
  });
});
