// The checks of the text path (src/engine-text/) as parseEvent(text) applies them: what the
// engine's reader sees in JSON text and JSON.parse hides. The engine's verdicts on thousands of
// such inputs are run in test/conformance/verdicts.test.ts; the pre-check's promise in
// test/engine-text/needs-scan.test.ts; here, the issues' codes and paths, and what a parsed
// value cannot tell.
import { describe, expect, it } from "vitest";
import { parseEvent, validateEvent, type ValidationIssue } from "../../src/index.js";
import { textIssues } from "../../src/engine-text/scan.js";
import { serdeNumber } from "../../src/engine-text/serde-float.js";
import { refusalIfAny } from "../support/thrown.js";

const BASE =
  '"type":"run_failed","run_id":"2a4b7288-82f1-78d9-abd0-8f703cb1b634","workflow_name":"w","error":null,"at":"2005-12-12T04:34:28.233Z"';
const runFailed = (rest: string) => `{${BASE},${rest}}`;
const OK = runFailed('"cost_usd":1,"duration_ms":1');

const issuesOf = (text: string): ValidationIssue[] => refusalIfAny(() => parseEvent(text))?.issues ?? [];

describe("what the text path refuses", () => {
  it("accepts the base event", () => expect(issuesOf(OK)).toEqual([]));
  it.each([
    ["1.0", "type"],
    ["1E2", "type"],
    ["1e-400", "type"],
    ["18446744073709551616", "range"],
  ])("duration_ms %s: %s at /duration_ms", (duration, code) => {
    const issues = issuesOf(runFailed(`"cost_usd":1,"duration_ms":${duration}`));
    expect(issues.map((i) => [i.path, i.code])).toEqual([["/duration_ms", code]]);
  });
  it("an escaped spelling of duration_ms is the same field", () => {
    expect(issuesOf(runFailed('"cost_usd":1,"duration\\u005fms":1.0')).map((i) => i.path)).toEqual(["/duration_ms"]);
  });
  it.each(["type", "run_id", "error", "cost_usd", "at"])(
    "a duplicate %s is refused where the second is written, when the text is read in full",
    (field) => {
      const text = `${OK.slice(0, -1)},\n"${field}":${JSON.stringify(JSON.parse(OK)[field])}}`;
      const issues = textIssues(text, JSON.parse(text));
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ path: `/${field}`, code: "json_syntax", line: 2, column: 1 });
      expect(issues[0]!.message).toContain("duplicate field");
      // with an unknown field beside it, the text is read in full and the duplicate found
      expect(issuesOf(text.replace("{", '{"note":1,')).map((i) => i.path)).toEqual([`/${field}`]);
    },
  );
  it("a duplicate known field in an event that otherwise passes is left open (the cost of finding it)", () => {
    const text = `${OK.slice(0, -1)},"type":"run_failed"}`;
    expect(issuesOf(text)).toEqual([]); // the engine refuses it: docs/wire-format.md lists this class as open
  });
  it("a duplicated unknown key is fine when both values can be read", () => {
    expect(issuesOf(runFailed('"cost_usd":1,"duration_ms":1,"x":{"a":1},"x":2'))).toEqual([]);
  });
  it.each([
    ["a lone surrogate", '"\\ud800"', "invalid_unicode", "/x"],
    ["an out-of-range number", "1.7976931348623158e308", "range", "/x"],
    ["nesting past 127", "[".repeat(127) + "]".repeat(127), "too_deep", "/x" + "/0".repeat(126)],
  ])("%s in the first value of a duplicated unknown key is refused", (_name, first, code, path) => {
    const issues = issuesOf(runFailed(`"cost_usd":1,"duration_ms":1,"x":${first},"x":2`));
    expect(issues.map((i) => [i.path, i.code])).toEqual([[path, code]]);
  });
  // The spellings below come from oracle-numbers.ndjson, with the engine's verdicts.
  it("a number JSON.parse reads as Infinity but the engine reads as finite is accepted, holding the engine's double", () => {
    const text = runFailed('"cost_usd":1,"duration_ms":1,"x":179769313486231589e291');
    expect(JSON.parse(text).x).toBe(Infinity);
    const event = parseEvent(text) as unknown as { x: number };
    expect(event.x).toBe(serdeNumber("179769313486231589e291"));
    expect(Number.isFinite(event.x)).toBe(true);
  });
  it("cost_usd near 2^96 is judged by the engine's double, both ways", () => {
    const refused = runFailed('"cost_usd":7.9228162514264330e28,"duration_ms":1');
    expect(JSON.parse(refused).cost_usd).toBeLessThan(2 ** 96);
    expect(issuesOf(refused).map((i) => [i.path, i.code])).toEqual([["/cost_usd", "range"]]);
    const accepted = runFailed('"cost_usd":79228162514264333195497439232,"duration_ms":1');
    expect(JSON.parse(accepted).cost_usd).toBe(2 ** 96);
    expect(issuesOf(accepted)).toEqual([]);
  });
});

describe("a parsed value cannot tell", () => {
  it("validateEvent accepts what JSON.parse made of texts the engine refuses", () => {
    for (const rest of ['"cost_usd":1,"duration_ms":1.0', '"cost_usd":1,"duration_ms":1E2,"x":1']) {
      const text = runFailed(rest);
      expect(issuesOf(text).length).toBeGreaterThan(0);
      expect(validateEvent(JSON.parse(text)).ok).toBe(true);
    }
  });
});

describe("fields of another variant are unknown fields", () => {
  it("duration_ms and cost_usd in a log_line are read as any unknown field", () => {
    const logLine = (extra: string) =>
      `{"type":"log_line","run_id":"2a4b7288-82f1-78d9-abd0-8f703cb1b634","step_id":"2a4b7288-82f1-78d9-abd0-8f703cb1b634","step_name":"s","stream":"stdout","line":"x","at":"2005-12-12T04:34:28Z",${extra}}`;
    expect(issuesOf(logLine('"duration_ms":1.0'))).toEqual([]);
    expect(issuesOf(logLine('"cost_usd":7.922816251426434e+28'))).toEqual([]);
    expect(issuesOf(logLine('"cost_usd":1.7976931348623158e308')).map((i) => [i.path, i.code])).toEqual([
      ["/cost_usd", "range"],
    ]);
  });
});
