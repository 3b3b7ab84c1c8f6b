// src/validate.ts returns on the success path without a result object of its own
// (parseEvent, isEvent) and fills in defaults only where an event leaves them out.
import { describe, expect, it } from "vitest";
import { EventValidationError, isEvent, parseEvent, validateEvent } from "../../src/index.js";

// As the newest engine writes them: a log line with its id, a failed run with its labels.
const runFailed = {
  type: "run_failed",
  run_id: "61644a25-da5a-7317-94e2-3bc1eca8c766",
  workflow_name: "deploy",
  cost_usd: 1.5,
  duration_ms: 1000,
  labels: {},
  at: "1997-03-22T04:04:25.881Z",
};
const logLine = {
  type: "log_line",
  id: "0190f3a2-6c1f-7000-8000-00000000f001",
  run_id: "61644a25-da5a-7317-94e2-3bc1eca8c766",
  step_id: "d9ed086c-0f3f-73f9-8ec8-9a67bfdc6a1e",
  step_name: "build",
  stream: "stdout",
  line: "ok",
  at: "1997-03-22T04:04:25Z",
};

describe("the success path", () => {
  it("returns the very value when nothing is left out", () => {
    const value = { ...logLine };
    expect(parseEvent(value)).toBe(value);
    expect(isEvent(value)).toBe(true);
    const result = validateEvent(value);
    expect(result.ok && result.event).toBe(value);
  });

  it("fills in a left-out error as null in a copy, and leaves the caller's value alone", () => {
    const value = { ...runFailed };
    const result = validateEvent(value);
    expect(result).toEqual({ ok: true, event: { ...runFailed, error: null } });
    expect(result.ok && result.event).not.toBe(value);
    expect("error" in value).toBe(false);
    expect(parseEvent(value)).toEqual({ ...runFailed, error: null });
    expect("error" in value).toBe(false);
    expect(isEvent(value)).toBe(false); // valid on the wire, but not yet in its parsed shape
    expect(isEvent({ ...runFailed, error: null })).toBe(true);
  });

  it("fills in the default on the value it parsed from text", () => {
    expect(parseEvent(JSON.stringify(runFailed))).toEqual({ ...runFailed, error: null });
    const withError = parseEvent(JSON.stringify({ ...runFailed, error: "boom" }));
    expect(withError).toEqual({ ...runFailed, error: "boom" });
  });

  it("gives issues, and never an event, for an invalid value", () => {
    const result = validateEvent({ ...logLine, stream: "stdin" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((issue) => [issue.path, issue.code])).toEqual([["/stream", "enum"]]);
    expect(() => parseEvent({ ...logLine, stream: "stdin" })).toThrow(EventValidationError);
    expect(isEvent({ ...logLine, stream: "stdin" })).toBe(false);
  });

  it("reads the strict option only when it is exactly true", () => {
    const extra = { ...logLine, extra: 1 };
    expect(validateEvent(extra).ok).toBe(true);
    expect(validateEvent(extra, { strict: "yes" as unknown as boolean }).ok).toBe(true);
    expect(validateEvent(extra, null as never).ok).toBe(true);
    const strict = validateEvent(extra, { strict: true });
    expect(!strict.ok && strict.issues.map((issue) => [issue.path, issue.code])).toEqual([
      ["/extra", "additional_property"],
    ]);
  });
});
