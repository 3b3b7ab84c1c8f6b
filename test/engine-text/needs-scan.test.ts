// The pre-check of the text path (src/engine-text/needs-scan.ts), as parseEvent(text) runs it
// after the checks of the value: its promise, that engine output is never scanned and every
// candidate is.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateEvent } from "../../src/index.js";
import { resolveFormat } from "../../src/engine/index.js";
import { needsTextScan } from "../../src/engine-text/needs-scan.js";
import { textIssues } from "../../src/engine-text/scan.js";
import { fullWalks } from "../../src/rules/engine-json.js";
import { VECTORS_DIR, VECTORS_ENGINE, engineEventLines } from "../support/vectors.js";

const BASE =
  '"type":"run_failed","run_id":"2a4b7288-82f1-78d9-abd0-8f703cb1b634","workflow_name":"w","error":null,"at":"2005-12-12T04:34:28.233Z"';
const runFailed = (rest: string) => `{${BASE},${rest}}`;
const APPROVAL =
  '"type":"approval_granted","run_id":"2a4b7288-82f1-78d9-abd0-8f703cb1b634","step_id":null,"approved_by":"alice"';
const approvalGranted = (rest: string) => `{${APPROVAL},${rest},"at":"2005-12-12T04:34:28Z"}`;
const REQUIREMENT = '"reason":null,"approver_groups":[]';

/** The events engine 2.52 wrote (the newest format's vectors). */
const NEWEST_LINES = readFileSync(join(VECTORS_DIR, "2.52", "engine-events.ndjson"), "utf8")
  .split("\n")
  .filter(Boolean);

/**
 * Whether parseEvent(text, { engine }) reads the whole text: the value failed, had unknown
 * fields (a full walk), or the pre-check asks; the pre-check looks at the value as JSON.parse
 * made it, before the defaults go in (as checkText runs it).
 */
function takesSlowPath(text: string, engine?: string): boolean {
  const value = JSON.parse(text) as unknown;
  const walks = fullWalks();
  const result = validateEvent(value, { engine });
  return !result.ok || fullWalks() !== walks || needsTextScan(text, value, resolveFormat(engine));
}

describe("the pre-check", () => {
  it.each([
    ["engine 2.14's, read as 2.14", engineEventLines, VECTORS_ENGINE],
    ["engine 2.14's, read as the newest (defaults left out)", engineEventLines, undefined],
    ["engine 2.52's, read as 2.52", () => NEWEST_LINES, "2.52"],
  ])("lets every event the engine wrote through unscanned: %s", (_name, lines, engine) => {
    const scanned = lines().filter((text) => takesSlowPath(text, engine));
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
    ["an approval count with a fraction", approvalGranted('"approvals_received":1.0,"approvals_required":1')],
    ["a later approval count with an exponent", approvalGranted('"approvals_received":1,"approvals_required":1e0')],
    [
      "a nested count with a fraction",
      approvalGranted(
        `"approvals_received":1,"approvals_required":1,"requirement":{${REQUIREMENT},"required_approvers":2.0}`,
      ),
    ],
    [
      "a nested count before the event's own counts",
      approvalGranted(
        `"requirement":{"required_approvers":2.0,${REQUIREMENT}},"approvals_received":1,"approvals_required":1`,
      ),
    ],
    [
      "a nested key written with an escape",
      approvalGranted(
        `"approvals_received":1,"approvals_required":1,"requirement":{${REQUIREMENT},"required\\u005fapprovers":2}`,
      ),
    ],
    [
      "a missed count with a fraction",
      '{"type":"schedule_occurrences_missed","schedule_id":"6e6e820a-cabb-76f3-bfc8-71f37848c489","workflow_name":"w","reason":"overlap","count":3.0,"first":"2046-09-08T09:09:24Z","last":"2028-10-25T14:13:15Z","at":"2078-08-17T19:15:10.275Z"}',
    ],
  ])("scans a text with %s", (_name, text) => {
    expect(validateEvent(JSON.parse(text), { engine: "2.52" }).ok, "the value passes its checks").toBe(true);
    expect(takesSlowPath(text, "2.52")).toBe(true);
  });
  it("does not scan for a label named like an integer field, before or after it", () => {
    for (const labels of ['"labels":{"duration_ms":"1.0"}', '"labels":{"x":"\\"duration_ms\\":1.0"}']) {
      const before = runFailed(`${labels},"cost_usd":1,"duration_ms":5`);
      const after = runFailed(`"cost_usd":1,"duration_ms":5,${labels}`);
      for (const text of [before, after]) {
        expect(validateEvent(JSON.parse(text)).ok, text).toBe(true);
        expect(takesSlowPath(text), text).toBe(false);
      }
    }
  });
  it("does not scan for a nested count that is absent or whose container is null", () => {
    expect(
      takesSlowPath(approvalGranted('"approvals_received":1,"approvals_required":1,"requirement":null'), "2.52"),
    ).toBe(false);
    expect(takesSlowPath(approvalGranted('"approvals_received":1,"approvals_required":1'), "2.52")).toBe(false);
  });
  it("does not scan for a cost or a key merely named like duration_ms elsewhere", () => {
    const text = `{"type":"step_completed","run_id":"2a4b7288-82f1-78d9-abd0-8f703cb1b634","step_id":"2a4b7288-82f1-78d9-abd0-8f703cb1b634","step_name":"duration_ms","kind":"shell","duration_ms":5,"cost_usd":2.2498565746739617e+18,"at":"2005-12-12T04:34:28Z"}`;
    expect(takesSlowPath(text)).toBe(false);
    expect(textIssues(text, JSON.parse(text))).toEqual([]);
  });
});
