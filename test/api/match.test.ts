import { thrownBy } from "../support/thrown.js";
import { engineEventLines, VECTORS_ENGINE } from "../support/vectors.js";
import { describe, expect, expectTypeOf, it, vi } from "vitest";
import {
  ENGINE_FORMATS,
  EventValidationError,
  matchEvent,
  type EventHandlers,
  type EventType,
  type MatchResult,
  type UnknownEvent,
  type ValidationIssue,
} from "../../src/index.js";

const VECTORS = engineEventLines();

/** Handlers that each return their own name, so a test sees which one ran. */
const naming = {
  run_created: (e) => ["run_created", e.run_id] as const,
  run_status_changed: (e) => ["run_status_changed", e.run_id] as const,
  run_failed: (e) => ["run_failed", e.run_id] as const,
  step_completed: (e) => ["step_completed", e.run_id] as const,
  step_failed: (e) => ["step_failed", e.run_id] as const,
  approval_requested: (e) => ["approval_requested", e.run_id] as const,
  approval_granted: (e) => ["approval_granted", e.run_id] as const,
  approval_rejected: (e) => ["approval_rejected", e.run_id] as const,
  log_line: (e) => ["log_line", e.run_id] as const,
  user_signed_in: (e) => ["user_signed_in", e.user_id] as const,
  user_signed_up: (e) => ["user_signed_up", e.user_id] as const,
  user_signed_out: (e) => ["user_signed_out", e.user_id] as const,
  run_budget_exceeded: (e) => ["run_budget_exceeded", e.run_id] as const,
  retry_forced: (e) => ["retry_forced", e.run_id] as const,
  approval_escalated: (e) => ["approval_escalated", e.run_id] as const,
  "provider_account.updated": (e) => ["provider_account.updated", e.account_id] as const,
  "provider_account.usage_updated": (e) => ["provider_account.usage_updated", e.account_id] as const,
  signal_awaited: (e) => ["signal_awaited", e.run_id] as const,
  signal_received: (e) => ["signal_received", e.signal_id] as const,
  schedule_occurrences_missed: (e) => ["schedule_occurrences_missed", e.schedule_id] as const,
  unknown: (e) => ["unknown", e.type] as const,
} satisfies EventHandlers;

/** The event types of the vectors (the seed engine's twelve). */
const VECTOR_TYPES = ENGINE_FORMATS.find((f) => f.format === VECTORS_ENGINE)!.eventTypes;

const RUN_FAILED = {
  type: "run_failed",
  run_id: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
  workflow_name: "deploy",
  error: "exit code 1",
  cost_usd: 0.42,
  duration_ms: 5000,
  labels: {},
  at: "2026-11-25T22:24:21.123Z",
};

describe("matchEvent at run time", () => {
  it("calls the handler of each engine event's type with the event, and returns what it returns", () => {
    const seen = new Set<EventType>();
    for (const line of VECTORS) {
      const event = JSON.parse(line) as { type: EventType; run_id?: string; user_id?: string };
      const [name, id] = matchEvent(event, naming);
      expect(name).toBe(event.type);
      expect(id).toBe(event.run_id ?? event.user_id);
      seen.add(name as EventType);
    }
    expect([...seen].sort()).toEqual([...VECTOR_TYPES].sort());
  });

  it("parses JSON text as parseEvent does", () => {
    expect(matchEvent(JSON.stringify(RUN_FAILED), naming)).toEqual(["run_failed", RUN_FAILED.run_id]);
  });

  it("gives the handler the validated event, with the left-out error read as null", () => {
    const { error: _left_out, ...withoutError } = RUN_FAILED;
    const onFailed = vi.fn((e: { error: string | null }) => e.error);
    const result = matchEvent(withoutError, { ...naming, run_failed: onFailed });
    expect(result).toBeNull();
    expect(onFailed).toHaveBeenCalledOnce();
  });

  it("sends an event of a newer engine to unknown, with the value and the unknown_event_type issue", () => {
    const future = { type: "run_paused", run_id: RUN_FAILED.run_id, at: RUN_FAILED.at, extra: [1, 2] };
    const unknown = vi.fn((_event: UnknownEvent, _issues: ValidationIssue[]) => "fallback");
    expect(matchEvent(future, { ...naming, unknown })).toBe("fallback");
    expect(unknown).toHaveBeenCalledOnce();
    const [value, issues] = unknown.mock.calls[0]!;
    expect(value).toBe(future);
    expect(issues).toEqual([expect.objectContaining({ path: "/type", code: "unknown_event_type" })]);
  });

  it("sends unknown-type JSON text to unknown as the parsed object", () => {
    const text = '{"type":"run_paused","run_id":"x","nested":{"a":[1]}}';
    const unknown = vi.fn((event: UnknownEvent) => event);
    expect(matchEvent(text, { ...naming, unknown })).toEqual(JSON.parse(text));
  });

  it("takes a type in the wrong case for an unknown one, not a known one", () => {
    expect(matchEvent({ ...RUN_FAILED, type: "Run_Failed" }, naming)).toEqual(["unknown", "Run_Failed"]);
  });

  it.each([
    ["a known type with a bad field", { ...RUN_FAILED, duration_ms: -1 }, "range"],
    ["a known type with a missing field", { type: "run_created" }, "required"],
    ["no type", { run_id: RUN_FAILED.run_id }, "required"],
    ["a type that is not a string", { ...RUN_FAILED, type: 7 }, "type"],
    ["an array", [RUN_FAILED], "type"],
    ["null", null, "type"],
    ["broken JSON text", '{"type":"run_failed",', "json_syntax"],
  ])("throws EventValidationError for %s when there is no invalid handler", (_name, input, code) => {
    const handlers = { ...naming, unknown: vi.fn() };
    const thrown = thrownBy(() => matchEvent(input, handlers));
    expect(thrown).toBeInstanceOf(EventValidationError);
    expect((thrown as EventValidationError).issues.map((i) => i.code)).toContain(code);
    expect(handlers.unknown).not.toHaveBeenCalled();
  });

  it("calls invalid instead, when given, with the input and the issues", () => {
    const input = { ...RUN_FAILED, duration_ms: -1 };
    const invalid = vi.fn((_input: unknown, issues: ValidationIssue[]) => issues.map((i) => i.path));
    expect(matchEvent(input, { ...naming, invalid })).toEqual(["/duration_ms"]);
    expect(invalid.mock.calls[0]![0]).toBe(input);
  });

  it("passes strict to validation: an extra field is fine by default and invalid in strict mode", () => {
    const input = { ...RUN_FAILED, extra: true };
    expect(matchEvent(input, naming)[0]).toBe("run_failed");
    expect(() => matchEvent(input, naming, { strict: true })).toThrow(/additional|not a field/);
  });

  it("tells a JavaScript caller which handler is missing", () => {
    const { log_line: _missing, ...partial } = naming;
    const line = VECTORS.find((l) => l.includes('"type":"log_line"'))!;
    expect(() => matchEvent(line, partial as unknown as EventHandlers)).toThrow(
      new TypeError("matchEvent: handlers.log_line must be a function, got undefined"),
    );
  });

  it("lets an error thrown by a handler through unchanged", () => {
    const boom = new Error("boom");
    expect(() =>
      matchEvent(RUN_FAILED, {
        ...naming,
        run_failed: () => {
          throw boom;
        },
      }),
    ).toThrow(boom);
  });
});

describe("matchEvent at compile time", () => {
  it("types each handler's argument as its variant and returns the union of the results", () => {
    const result = matchEvent(RUN_FAILED as unknown, {
      run_created: (e) => e.workflow_name,
      run_status_changed: (e) => e.to,
      run_failed: (e) => e.error,
      step_completed: (e) => e.duration_ms,
      step_failed: (e) => e.error,
      approval_requested: (e) => e.message,
      approval_granted: (e) => e.approved_by,
      approval_rejected: (e) => e.rejected_by,
      log_line: (e) => e.stream,
      user_signed_in: (e) => e.username,
      user_signed_up: (e) => e.username,
      user_signed_out: () => false,
      run_budget_exceeded: (e) => e.limit_usd,
      retry_forced: (e) => e.current_version,
      approval_escalated: (e) => e.assignee,
      "provider_account.updated": (e) => e.change,
      "provider_account.usage_updated": (e) => e.windows.length,
      signal_awaited: (e) => e.key,
      signal_received: (e) => e.resumed_runs.length,
      schedule_occurrences_missed: (e) => e.count,
      unknown: (e) => e.type.length,
    });
    expectTypeOf(result).toEqualTypeOf<string | null | number | boolean>();
    expect(result).toBe("exit code 1");
  });

  it("adds invalid's result to the union when invalid is given", () => {
    const result = matchEvent("{", { ...naming, invalid: () => undefined });
    expectTypeOf(result).toEqualTypeOf<MatchResult<typeof naming> | undefined>();
    expect(result).toBeUndefined();
  });

  it("refuses a handler object without a handler for every type, or without unknown, or with a typo", () => {
    const { user_signed_out: _a, ...missingOne } = naming;
    const { unknown: _b, ...missingFallback } = naming;
    // Each line below must fail to compile; `npx tsc -p .` checks that the errors are there.
    // @ts-expect-error: no handler for user_signed_out
    expect(() => matchEvent(RUN_FAILED, missingOne)).not.toThrow();
    // @ts-expect-error: no unknown fallback for events of a newer engine
    expect(() => matchEvent(RUN_FAILED, missingFallback)).not.toThrow();
    // @ts-expect-error: log_lines names no event type
    expect(() => matchEvent(RUN_FAILED, { ...naming, log_lines: () => 1 })).not.toThrow();
    const onLogLine = (e: { type: "log_line"; line: string }) => e.line;
    // @ts-expect-error: a handler typed for the wrong variant
    expect(matchEvent(RUN_FAILED, { ...naming, run_failed: onLogLine })).toBeUndefined(); // a RunFailed has no .line
  });
});
