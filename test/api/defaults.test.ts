// Defaults as serde fills them (src/defaults.ts, with the generated fillers): per engine format,
// at any depth, each object or array default fresh for each event; a caller's value is copied
// where a default goes in, never changed.
import { describe, expect, it } from "vitest";
import { isEvent, parseEvent, validateEvent } from "../../src/index.js";

const RUN_FAILED = {
  type: "run_failed",
  run_id: "2a4b7288-82f1-78d9-abd0-8f703cb1b634",
  workflow_name: "deploy",
  cost_usd: 0.25,
  duration_ms: 1200,
  at: "2005-12-12T04:34:28.233Z",
};
const APPROVAL_GRANTED = {
  type: "approval_granted",
  run_id: "2a4b7288-82f1-78d9-abd0-8f703cb1b634",
  approved_by: "alice",
  at: "2005-12-12T04:34:28Z",
};
const WINDOW = {
  account_id: "42a0d8e3-d8fc-7bd2-a5ca-6dce442258a3",
  window: "seven_day",
  utilization: 0.5,
  status: "allowed_warning",
  observed_at: "2040-08-12T03:34:30Z",
};
const USAGE_UPDATED = {
  type: "provider_account.usage_updated",
  account_id: "7d3a6192-5955-768c-83c5-4f21b4b03712",
  name: "main",
  windows: [WINDOW, { ...WINDOW, resets_at: "2068-05-06T09:42:45Z", model_scope: "sonnet" }],
  at: "2011-11-28T20:53:15Z",
};

/** parseEvent of the text and of the value, and validateEvent's event: all three must agree. */
function readAll(value: object, engine?: string): unknown[] {
  const options = { engine };
  const result = validateEvent(value, options);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return [parseEvent(JSON.stringify(value), options), parseEvent(value, options), result.event];
}

describe("defaults per engine format", () => {
  it("fills what the format's engine fills: error in every format, labels from 2.20 on", () => {
    for (const event of readAll(RUN_FAILED, "2.14")) expect(event).toEqual({ ...RUN_FAILED, error: null });
    for (const engine of ["2.31.4", undefined])
      for (const event of readAll(RUN_FAILED, engine))
        expect(event).toEqual({ ...RUN_FAILED, error: null, labels: {} });
  });

  it("fills an approval's own defaults (2.52) and leaves a given value as it is", () => {
    for (const event of readAll(APPROVAL_GRANTED))
      expect(event).toEqual({
        ...APPROVAL_GRANTED,
        step_id: null,
        approvals_received: 1,
        approvals_required: 1,
        requirement: null,
      });
    for (const event of readAll({ ...APPROVAL_GRANTED, approvals_received: 3 }))
      expect(event).toMatchObject({ approvals_received: 3, approvals_required: 1 });
    for (const event of readAll(APPROVAL_GRANTED, "2.14")) expect(event).toEqual(APPROVAL_GRANTED);
  });

  it("fills the defaults of a nested object", () => {
    const given = { ...APPROVAL_GRANTED, requirement: { required_approvers: 2 } };
    for (const event of readAll(given))
      expect((event as { requirement: unknown }).requirement).toEqual({
        required_approvers: 2,
        reason: null,
        approver_groups: [],
      });
  });

  it("fills the defaults of each item of an array, and leaves the items that have them", () => {
    for (const event of readAll(USAGE_UPDATED)) {
      const windows = (event as typeof USAGE_UPDATED).windows;
      expect(windows[0]).toEqual({ ...WINDOW, resets_at: null, model_scope: null });
      expect(windows[1]).toEqual(USAGE_UPDATED.windows[1]);
    }
  });
});

describe("fresh defaults", () => {
  it("gives each event its own object and array defaults, at any depth", () => {
    const text = JSON.stringify({ ...APPROVAL_GRANTED, requirement: { required_approvers: 2 } });
    const first = parseEvent(text) as { requirement: { approver_groups: string[] } };
    const second = parseEvent(text) as { requirement: { approver_groups: string[] } };
    expect(first.requirement.approver_groups).not.toBe(second.requirement.approver_groups);
    first.requirement.approver_groups.push("ops");
    expect(parseEvent(text)).toMatchObject({ requirement: { approver_groups: [] } });

    const labels = [parseEvent(JSON.stringify(RUN_FAILED)), parseEvent(RUN_FAILED), validateEvent(RUN_FAILED)]
      .map((event) => ("event" in event ? event.event : event) as { labels: Record<string, string> })
      .map((event) => event.labels);
    expect(new Set(labels).size).toBe(3);
    labels[0]!.team = "ci";
    expect(parseEvent(RUN_FAILED)).toMatchObject({ labels: {} });
  });
});

describe("a caller's value", () => {
  it("is copied where a default goes in, at any depth, and never changed", () => {
    const given = structuredClone({ ...USAGE_UPDATED, windows: [WINDOW] });
    const before = structuredClone(given);
    const event = parseEvent(given) as typeof given;
    expect(given).toEqual(before);
    expect(event).not.toBe(given);
    expect(event.windows).not.toBe(given.windows);
    expect(event.windows[0]).not.toBe(given.windows[0]);
  });

  it("is the event itself when nothing is missing (isEvent says so only then)", () => {
    const complete = { ...RUN_FAILED, error: null, labels: {} };
    expect(parseEvent(complete)).toBe(complete);
    expect(isEvent(complete)).toBe(true);
    expect(isEvent(RUN_FAILED)).toBe(false);
    expect(isEvent({ ...RUN_FAILED, error: null }, { engine: "2.14" })).toBe(true);
    expect(isEvent({ ...RUN_FAILED, error: null })).toBe(false); // labels is left out
  });
});
