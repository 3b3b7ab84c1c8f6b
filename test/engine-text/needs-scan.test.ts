// The pre-check of the text path (src/engine-text/needs-scan.ts), as parseEvent(text) runs it
// after the checks of the value: its promise, that engine output is never scanned and every
// candidate is.
import { describe, expect, it } from "vitest";
import { validateEvent } from "../../src/index.js";
import { needsTextScan } from "../../src/engine-text/needs-scan.js";
import { textIssues } from "../../src/engine-text/scan.js";
import { fullWalks } from "../../src/rules/engine-json.js";
import { engineEventLines } from "../support/vectors.js";

const BASE =
  '"type":"run_failed","run_id":"2a4b7288-82f1-78d9-abd0-8f703cb1b634","workflow_name":"w","error":null,"at":"2005-12-12T04:34:28.233Z"';
const runFailed = (rest: string) => `{${BASE},${rest}}`;

/** Whether parseEvent(text) reads the whole text: the value failed, had unknown fields (a full walk), or the pre-check asks. */
function takesSlowPath(text: string): boolean {
  const value = JSON.parse(text) as unknown;
  const walks = fullWalks();
  const result = validateEvent(value);
  return !result.ok || fullWalks() !== walks || needsTextScan(text, result.event);
}

describe("the pre-check", () => {
  it("lets every event the engine wrote through unscanned", () => {
    const scanned = engineEventLines().filter(takesSlowPath);
    expect(scanned, scanned.slice(0, 3).join("\n")).toEqual([]);
  });
  it.each([
    ["a duplicate key", runFailed('"cost_usd":1,"duration_ms":1,"x":1,"x":2')],
    ["an escaped key", runFailed('"cost_usd":1,"duration\\u005fms":1')],
    ["a nested container", runFailed('"cost_usd":1,"duration_ms":1,"x":[1]')],
    ["a duration with a fraction", runFailed('"cost_usd":1,"duration_ms":1.0')],
    ["a duration with an exponent, spaced", runFailed('"cost_usd":1,"duration_ms" :  1E2')],
    ["a 20-digit number", runFailed('"cost_usd":1,"duration_ms":18446744073709551616')],
    ["a 3-digit exponent", runFailed('"cost_usd":1,"duration_ms":1,"x":1e300')],
    ["a cost near 2^96", runFailed('"cost_usd":7.92281625142643e28,"duration_ms":1')],
  ])("scans a text with %s", (_name, text) => {
    expect(takesSlowPath(text)).toBe(true);
  });
  it("does not scan for a cost or a key merely named like duration_ms elsewhere", () => {
    const text = `{"type":"step_completed","run_id":"2a4b7288-82f1-78d9-abd0-8f703cb1b634","step_id":"2a4b7288-82f1-78d9-abd0-8f703cb1b634","step_name":"duration_ms","kind":"shell","duration_ms":5,"cost_usd":2.2498565746739617e+18,"at":"2005-12-12T04:34:28Z"}`;
    expect(takesSlowPath(text)).toBe(false);
    expect(textIssues(text, JSON.parse(text))).toEqual([]);
  });
});
