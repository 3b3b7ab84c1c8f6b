// Type-level tests of the public API, checked by `npx tsc -p .` (vitest only runs the few
// runtime assertions): narrowing on `type`, EventOf, the constants' types, what a parsed
// event's fields are, and the result types of the parse/validate functions.
import { expect, expectTypeOf, test } from "vitest";
import {
  BUILTIN_STEP_KINDS,
  ENGINE_VERSION,
  Event,
  EventValidationError,
  LOG_STREAMS,
  RUN_STATUSES,
  eventType,
  isEvent,
  parseEvent,
  parseLogStream,
  validateEvent,
  type ApprovalEscalated,
  type ApprovalGranted,
  type ApprovalRejected,
  type ApprovalRequested,
  type BuiltinStepKind,
  type EventAt,
  type EventOf,
  type EventType,
  type EventTypeAt,
  type LogLine,
  type LogStream,
  type ProviderAccountUpdated,
  type ProviderAccountUsageUpdated,
  type RetryForced,
  type RunBudgetExceeded,
  type RunCreated,
  type RunFailed,
  type RunStatus,
  type RunStatusChanged,
  type ScheduleOccurrencesMissed,
  type SignalAwaited,
  type SignalReceived,
  type StepCompleted,
  type StepFailed,
  type StepKind,
  type UserSignedIn,
  type UserSignedOut,
  type UserSignedUp,
  type ValidationIssue,
  type ValidationResult,
} from "../../src/index.js";

// ---------------------------------------------------------------------------------------------
// Helpers

/** The newest engine's 20 variants, spelled out from their exported interfaces. */
type AllVariants =
  | RunCreated
  | RunStatusChanged
  | RunFailed
  | RunBudgetExceeded
  | RetryForced
  | StepCompleted
  | StepFailed
  | ApprovalRequested
  | ApprovalGranted
  | ApprovalRejected
  | ApprovalEscalated
  | LogLine
  | UserSignedIn
  | UserSignedUp
  | UserSignedOut
  | ProviderAccountUpdated
  | ProviderAccountUsageUpdated
  | SignalAwaited
  | SignalReceived
  | ScheduleOccurrencesMissed;

type AllTypes =
  | "run_created"
  | "run_status_changed"
  | "run_failed"
  | "run_budget_exceeded"
  | "retry_forced"
  | "step_completed"
  | "step_failed"
  | "approval_requested"
  | "approval_granted"
  | "approval_rejected"
  | "approval_escalated"
  | "log_line"
  | "user_signed_in"
  | "user_signed_up"
  | "user_signed_out"
  | "provider_account.updated"
  | "provider_account.usage_updated"
  | "signal_awaited"
  | "signal_received"
  | "schedule_occurrences_missed";

/** true for each variant that has a string index signature. */
type HasIndexSignature<T> = T extends unknown ? (string extends keyof T ? true : false) : never;

const LOG_LINE_TEXT = JSON.stringify({
  type: "log_line",
  id: "0190f3a2-6c1f-7000-8000-00000000f001",
  run_id: "0190f3a2-6c1e-7d3b-9a4f-2b8c1d0e5f67",
  step_id: "0190f3a2-6c1f-7000-8000-000000000001",
  step_name: "build",
  stream: "stderr",
  line: "warning: unused variable",
  at: "2026-11-25T22:24:21.123Z",
});

/** Reads one field of each variant: compiles only if `type` narrows in a switch, and the switch is exhaustive. */
function summary(event: AllVariants): string {
  switch (event.type) {
    case "run_created":
      expectTypeOf(event).toEqualTypeOf<RunCreated>();
      return event.workflow_name;
    case "run_status_changed":
      expectTypeOf(event).toEqualTypeOf<RunStatusChanged>();
      return `${event.from} -> ${event.to}`;
    case "run_failed":
      expectTypeOf(event).toEqualTypeOf<RunFailed>();
      return event.error ?? "no reason given";
    case "run_budget_exceeded":
      expectTypeOf(event).toEqualTypeOf<RunBudgetExceeded>();
      return String(event.limit_usd);
    case "retry_forced":
      expectTypeOf(event).toEqualTypeOf<RetryForced>();
      return event.current_version;
    case "step_completed":
      expectTypeOf(event).toEqualTypeOf<StepCompleted>();
      return event.kind;
    case "step_failed":
      expectTypeOf(event).toEqualTypeOf<StepFailed>();
      return event.error;
    case "approval_requested":
      expectTypeOf(event).toEqualTypeOf<ApprovalRequested>();
      return event.message;
    case "approval_granted":
      expectTypeOf(event).toEqualTypeOf<ApprovalGranted>();
      return event.approved_by;
    case "approval_rejected":
      expectTypeOf(event).toEqualTypeOf<ApprovalRejected>();
      return event.rejected_by;
    case "approval_escalated":
      expectTypeOf(event).toEqualTypeOf<ApprovalEscalated>();
      return event.assignee ?? event.policy;
    case Event.LOG_LINE: // the constants narrow as well as the literals
      expectTypeOf(event).toEqualTypeOf<LogLine>();
      return event.line;
    case "user_signed_in":
      expectTypeOf(event).toEqualTypeOf<UserSignedIn>();
      return event.username;
    case "user_signed_up":
      expectTypeOf(event).toEqualTypeOf<UserSignedUp>();
      return event.username;
    case "user_signed_out":
      expectTypeOf(event).toEqualTypeOf<UserSignedOut>();
      return event.user_id;
    case Event.PROVIDER_ACCOUNT_UPDATED: // a dotted wire type has its constant
      expectTypeOf(event).toEqualTypeOf<ProviderAccountUpdated>();
      return event.change;
    case "provider_account.usage_updated":
      expectTypeOf(event).toEqualTypeOf<ProviderAccountUsageUpdated>();
      return String(event.windows[0]?.utilization);
    case "signal_awaited":
      expectTypeOf(event).toEqualTypeOf<SignalAwaited>();
      return event.key;
    case "signal_received":
      expectTypeOf(event).toEqualTypeOf<SignalReceived>();
      return event.resumed_runs.join();
    case "schedule_occurrences_missed":
      expectTypeOf(event).toEqualTypeOf<ScheduleOccurrencesMissed>();
      return event.reason;
    default: {
      expectTypeOf(event).toBeNever();
      const unreachable: never = event;
      return unreachable;
    }
  }
}

// ---------------------------------------------------------------------------------------------

test("the exported type Event is the union of the newest engine's 20 variants", () => {
  // `import { Event }` must give both the constants object and the union type (DESIGN.md).
  expectTypeOf<Event>().toEqualTypeOf<AllVariants>();
});

test("testing event.type narrows in an if", () => {
  const event = parseEvent(LOG_LINE_TEXT);
  if (event.type === "log_line") {
    expectTypeOf(event).toEqualTypeOf<LogLine>();
    expectTypeOf(event.stream).toEqualTypeOf<LogStream>();
    expect(event.stream).toBe("stderr");
  } else {
    expectTypeOf(event).toEqualTypeOf<Exclude<AllVariants, LogLine>>();
    throw new Error("expected a log line");
  }
  if (event.type === Event.LOG_LINE) expectTypeOf(event).toEqualTypeOf<LogLine>();
});

test("testing event.type narrows in a switch, exhaustively", () => {
  expect(summary(parseEvent(LOG_LINE_TEXT))).toBe("warning: unused variable");
});

test("the union has no property that only some variants have, until narrowed", () => {
  const event = parseEvent(LOG_LINE_TEXT);
  // @ts-expect-error `line` exists on LogLine only
  void event.line;
  expectTypeOf(event.at).toEqualTypeOf<string>();
  expectTypeOf(event.type).toEqualTypeOf<EventType>();
});

test("EventOf<T> is the variant whose type is T", () => {
  expectTypeOf<EventOf<"log_line">>().toEqualTypeOf<LogLine>();
  expectTypeOf<EventOf<"run_failed">>().toEqualTypeOf<RunFailed>();
  expectTypeOf<EventOf<"user_signed_out">>().toEqualTypeOf<UserSignedOut>();
  expectTypeOf<EventOf<"run_created" | "run_failed">>().toEqualTypeOf<RunCreated | RunFailed>();
  expectTypeOf<EventOf<EventType>>().toEqualTypeOf<AllVariants>();
  // @ts-expect-error not an event type
  type _Unknown = EventOf<"run_deleted">;
});

test("EventType is the union of the 20 type strings", () => {
  expectTypeOf<EventType>().toEqualTypeOf<AllTypes>();
  expectTypeOf<AllVariants["type"]>().toEqualTypeOf<AllTypes>();
});

test("Event.ALL is readonly EventType[], and each constant is its literal", () => {
  expectTypeOf(Event.ALL).toEqualTypeOf<readonly EventType[]>();
  expectTypeOf(Event.RUN_CREATED).toEqualTypeOf<"run_created">();
  expectTypeOf(Event.RUN_STATUS_CHANGED).toEqualTypeOf<"run_status_changed">();
  expectTypeOf(Event.LOG_LINE).toEqualTypeOf<"log_line">();
  expectTypeOf(Event.USER_SIGNED_OUT).toEqualTypeOf<"user_signed_out">();
  const mutate = () => {
    // @ts-expect-error readonly (never called: the list is shared)
    Event.ALL.push("run_created");
  };
  void mutate;
  expect(Event.ALL).toHaveLength(20);
});

test("a parsed run_failed / run_status_changed error is string | null, and required", () => {
  expectTypeOf<RunFailed["error"]>().toEqualTypeOf<string | null>();
  expectTypeOf<RunStatusChanged["error"]>().toEqualTypeOf<string | null>();
  // Pick keeps optionality: `{ error?: ... }` would not equal this.
  expectTypeOf<Pick<RunFailed, "error">>().toEqualTypeOf<{ error: string | null }>();
  expectTypeOf<Pick<RunStatusChanged, "error">>().toEqualTypeOf<{ error: string | null }>();
  expectTypeOf<StepFailed["error"]>().toEqualTypeOf<string>();
  // No variant has an optional field once parsed.
  expectTypeOf<Required<AllVariants>>().toEqualTypeOf<AllVariants>();
});

test("StepKind takes any string; BuiltinStepKind is the 5 built-in kinds", () => {
  expectTypeOf<BuiltinStepKind>().toEqualTypeOf<"shell" | "http" | "agent" | "workflow" | "approval">();
  expectTypeOf<BuiltinStepKind>().toExtend<StepKind>();
  expectTypeOf<"gitlab">().toExtend<StepKind>();
  expectTypeOf<"">().toExtend<StepKind>();
  expectTypeOf<string>().toExtend<StepKind>();
  expectTypeOf<StepKind>().toExtend<string>();
  expectTypeOf<number>().not.toExtend<StepKind>();
  expectTypeOf<"gitlab">().not.toExtend<BuiltinStepKind>();
  expectTypeOf<StepCompleted["kind"]>().toEqualTypeOf<StepKind>();
  expectTypeOf(BUILTIN_STEP_KINDS).toExtend<readonly string[]>();
  expectTypeOf(BUILTIN_STEP_KINDS).toExtend<readonly BuiltinStepKind[]>();
});

test("the enumerations are typed by their unions", () => {
  expectTypeOf<RunStatus>().toEqualTypeOf<
    | "pending"
    | "running"
    | "completed"
    | "failed"
    | "retrying"
    | "cancelled"
    | "awaiting_approval"
    | "warning"
    | "sleeping"
    | "paused"
  >();
  expectTypeOf<LogStream>().toEqualTypeOf<"stdout" | "stderr" | "system">();
  expectTypeOf(RUN_STATUSES).toExtend<readonly RunStatus[]>();
  expectTypeOf(LOG_STREAMS).toExtend<readonly LogStream[]>();
  expectTypeOf(parseLogStream).parameter(0).toEqualTypeOf<string>();
  expectTypeOf(parseLogStream).returns.toEqualTypeOf<LogStream>();
  expectTypeOf(ENGINE_VERSION).toEqualTypeOf<"2.52.2">();
});

test("variants have no index signature", () => {
  expectTypeOf<HasIndexSignature<AllVariants>>().toEqualTypeOf<false>();
  const line = {} as LogLine;
  // @ts-expect-error not a field of LogLine
  void line.nonexistent;
  const failed = {} as RunFailed;
  // @ts-expect-error not a field of RunFailed
  void failed.message;
  // @ts-expect-error excess property in a literal
  const extra: UserSignedOut = { type: "user_signed_out", user_id: "u", at: "t", username: "x" };
  void extra;
});

test("parseEvent takes anything and returns an event; eventType returns its EventType", () => {
  expectTypeOf(parseEvent).parameter(0).toEqualTypeOf<unknown>();
  // Generic in the engine version: called without one, it returns the newest engine's union.
  expectTypeOf(parseEvent(LOG_LINE_TEXT)).toEqualTypeOf<AllVariants>();
  // eventType takes an event of any modelled engine version, and gives its type string.
  expectTypeOf(eventType).parameter(0).toEqualTypeOf<EventAt<string>>();
  expectTypeOf(eventType(parseEvent(LOG_LINE_TEXT))).toEqualTypeOf<EventType>();
  expectTypeOf(eventType(parseEvent(LOG_LINE_TEXT, { engine: "2.14" }))).toEqualTypeOf<EventTypeAt<"2.14">>();
  expectTypeOf(parseEvent(LOG_LINE_TEXT, { strict: true })).toEqualTypeOf<AllVariants>();
  // @ts-expect-error strict is a boolean
  expect(() => parseEvent(LOG_LINE_TEXT, { strict: "yes" })).not.toThrow();
});

test("validateEvent's result narrows on ok", () => {
  const result = validateEvent(JSON.parse(LOG_LINE_TEXT));
  expectTypeOf(result).toEqualTypeOf<ValidationResult>();
  if (result.ok) {
    expectTypeOf(result.event).toEqualTypeOf<AllVariants>();
    // @ts-expect-error no issues on success
    void result.issues;
  } else {
    expectTypeOf(result.issues).toEqualTypeOf<ValidationIssue[]>();
    // @ts-expect-error no event on failure
    void result.event;
  }
  expect(result.ok).toBe(true);
});

test("isEvent is a type guard for the union", () => {
  const value: unknown = JSON.parse(LOG_LINE_TEXT);
  if (isEvent(value)) expectTypeOf(value).toEqualTypeOf<AllVariants>();
  expect(isEvent(value)).toBe(true);
});

test("issues and the error type", () => {
  expectTypeOf<ValidationIssue["path"]>().toEqualTypeOf<string>();
  expectTypeOf<ValidationIssue["message"]>().toEqualTypeOf<string>();
  expectTypeOf<ValidationIssue["code"]>().toExtend<string>();
  expectTypeOf<EventValidationError["issues"]>().toEqualTypeOf<ValidationIssue[]>();
  expectTypeOf<EventValidationError>().toExtend<Error>();
});

test("Event, declared once beside its constants, is the generated union of the variants", () => {
  expectTypeOf<Event>().toEqualTypeOf<import("../../generated/types.js").Event>();
  expectTypeOf<EventOf<"run_failed">>().toEqualTypeOf<RunFailed>();
  expectTypeOf<EventType>().toEqualTypeOf<import("../../generated/types.js").Event["type"]>();
});
