// The `engine` option of parseEvent, validateEvent and isEvent: each reads an event as the
// engine version it names does (its event types, statuses, fields, defaults, number fields),
// and says in its issues which engine it read as.
import { describe, expect, it } from "vitest";
import { ENGINE_FORMATS, isEvent, parseEvent, validateEvent, type ValidationIssue } from "../../src/index.js";
import { issuesThrownBy } from "../support/thrown.js";

const RUN_ID = "2a4b7288-82f1-78d9-abd0-8f703cb1b634";
const AT = "2005-12-12T04:34:28Z";
const RETRY_FORCED = { type: "retry_forced", run_id: RUN_ID, step_id: RUN_ID, forced_by: "alice", at: AT };
const STATUS_CHANGED = {
  type: "run_status_changed",
  run_id: RUN_ID,
  workflow_name: "deploy",
  from: "running",
  to: "paused",
  error: null,
  cost_usd: 0,
  duration_ms: 1,
  at: AT,
};

function issuesOf(value: unknown, engine?: string, strict = false): ValidationIssue[] {
  const result = validateEvent(value, { engine, strict });
  return result.ok ? [] : result.issues;
}

describe("event types per engine", () => {
  it("refuses a type the engine did not have yet, naming the range read and the one that has it", () => {
    const [issue] = issuesOf(RETRY_FORCED, "2.14.1");
    expect(issue).toMatchObject({ path: "/type", code: "unknown_event_type" });
    expect(issue!.message).toMatch(
      /^names no event type of engine 2\.14\.x–2\.19\.x, got "retry_forced"; it is an event of engine 2\.20\.x–2\.40\.x \(known: run_created, .*user_signed_out\)$/,
    );
  });

  it("names the newest range, and no other, for a type no engine has", () => {
    const [issue] = issuesOf({ ...RETRY_FORCED, type: "run_paused" });
    expect(issue!.message).toMatch(/^names no event type of engine 2\.52\.x, got "run_paused" \(known: run_created, /);
    expect(issue!.message).toContain("schedule_occurrences_missed)");
  });

  it("reads each format's own types in that format and every later one", () => {
    for (const [i, format] of ENGINE_FORMATS.entries())
      for (const later of ENGINE_FORMATS.slice(i))
        expect(later.eventTypes, `${format.format} in ${later.format}`).toEqual(
          expect.arrayContaining([...format.eventTypes]),
        );
  });
});

describe("run statuses per engine", () => {
  it("refuses a status the engine did not have, and reads it in the one that did", () => {
    const issues = issuesOf(STATUS_CHANGED, "2.14");
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: "/to", code: "enum" });
    expect(issues[0]!.message).not.toContain('"paused",');
    expect(parseEvent(STATUS_CHANGED)).toMatchObject({ to: "paused" });
    expect(parseEvent(STATUS_CHANGED, { engine: "2.52.0" })).toMatchObject({ to: "paused" });
  });
});

describe("fields per engine", () => {
  const labelled = { ...STATUS_CHANGED, to: "completed", labels: { team: "ci" } };

  it("reads labels from 2.20 on; before, a field it does not know, refused in strict mode", () => {
    expect(parseEvent(labelled, { engine: "2.20", strict: true })).toEqual(labelled);
    expect(isEvent(labelled, { engine: "2.14" })).toBe(true); // an unknown field, let through
    expect(issuesOf(labelled, "2.14", true)).toEqual([
      {
        path: "/labels",
        code: "additional_property",
        message: "is not a field of run_status_changed (strict mode refuses fields the schema does not name)",
      },
    ]);
  });

  it("checks a newer field's value in the format that has it", () => {
    expect(issuesOf({ ...labelled, labels: { team: 1 } }, "2.31.4")).toEqual([
      expect.objectContaining({ path: "/labels/team", code: "type" }),
    ]);
  });

  it("says what a nested field must be, and no more than that", () => {
    const granted = {
      type: "approval_granted",
      run_id: RUN_ID,
      approved_by: "alice",
      requirement: { required_approvers: "2" },
      at: AT,
    };
    expect(issuesOf(granted)).toEqual([
      {
        path: "/requirement/required_approvers",
        code: "type",
        message: 'must be an integer from 0 to 4294967295, got "2"',
      },
    ]);
  });
});

describe("the text of number fields per engine, at any depth", () => {
  const granted = (requirement: string) =>
    `{"type":"approval_granted","run_id":"${RUN_ID}","approved_by":"alice","requirement":${requirement},"at":"${AT}"}`;

  it("refuses a nested unsigned integer written as a float, as the engine's reader does", () => {
    const issues = issuesThrownBy(() => parseEvent(granted('{"required_approvers":2.0}')));
    expect(issues).toEqual([
      {
        path: "/requirement/required_approvers",
        code: "type",
        message:
          "must be an integer from 0 to 4294967295 written without a fraction or exponent, got 2.0, which the engine reads as a float",
      },
    ]);
    expect(parseEvent(granted('{"required_approvers":2}'))).toMatchObject({ requirement: { required_approvers: 2 } });
  });

  it("refuses a count written as a float in the format that has the field", () => {
    const missed = `{"type":"schedule_occurrences_missed","schedule_id":"${RUN_ID}","workflow_name":"w","reason":"overlap","count":3E0,"first":"${AT}","last":"${AT}","at":"${AT}"}`;
    expect(issuesThrownBy(() => parseEvent(missed))).toEqual([
      expect.objectContaining({ path: "/count", code: "type" }),
    ]);
  });
});
