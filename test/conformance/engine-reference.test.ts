// The `mod tests` of the engine's event.rs (ironflow-engine 2.14.1, module notify), ported:
// the serde round trips, the type string of every variant and the Event::ALL list, plus the
// constants and LogStream parsing that the same file defines. Read as engine 2.14.1 reads them
// (`engine: "2.14.1"`); the constants without a version are the newest engine's.
import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import {
  BUILTIN_STEP_KINDS,
  ENGINE_FORMATS,
  ENGINE_VERSION,
  Event,
  LOG_STREAMS,
  RUN_STATUSES,
  eventType,
  parseEvent,
  parseLogStream,
  type EventTypeAt,
} from "../../src/index.js";
import { thrownBy } from "../support/thrown.js";

/** The engine release whose event.rs these tests come from. */
const SEED = "2.14.1";
type EventType = EventTypeAt<typeof SEED>;
const SEED_FORMAT = ENGINE_FORMATS.find((f) => f.format === "2.14")!;

/** A fresh UUID shaped like the engine's `Uuid::now_v7()`: 48 bits of milliseconds, version 7, variant 10. */
function uuidV7(): string {
  const bytes = randomBytes(16);
  const ms = BigInt(Date.now());
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `Utc::now()` as the engine writes it (RFC 3339, `Z`). */
function now(): string {
  return new Date().toISOString();
}

/** serde_json::to_string, then serde_json::from_str: here JSON.stringify, then parseEvent. */
function roundTrip(event: Record<string, unknown>) {
  const json = JSON.stringify(event);
  return { json, back: parseEvent(json, { engine: SEED }) };
}

describe("serde round trips (event.rs mod tests)", () => {
  test("run_status_changed_serde_roundtrip", () => {
    const { json, back } = roundTrip({
      type: "run_status_changed",
      run_id: uuidV7(),
      workflow_name: "deploy",
      from: "running",
      to: "completed",
      error: null,
      cost_usd: 0.42, // Decimal::new(42, 2)
      duration_ms: 5000,
      at: now(),
    });
    expect(eventType(back)).toBe("run_status_changed");
    expect(json).toContain('"type":"run_status_changed"');
  });

  test("run_failed_serde_roundtrip", () => {
    const { json, back } = roundTrip({
      type: "run_failed",
      run_id: uuidV7(),
      workflow_name: "deploy",
      error: "step crashed",
      cost_usd: 0.1, // Decimal::new(10, 2)
      duration_ms: 3000,
      at: now(),
    });
    expect(eventType(back)).toBe("run_failed");
    expect(json).toContain('"type":"run_failed"');
    expect(json).toContain("step crashed");
  });

  test("user_signed_in_serde_roundtrip", () => {
    const { json, back } = roundTrip({
      type: "user_signed_in",
      user_id: uuidV7(),
      username: "alice",
      at: now(),
    });
    expect(eventType(back)).toBe("user_signed_in");
    expect(json).toContain("alice");
  });

  test("step_failed_serde_roundtrip", () => {
    const { back } = roundTrip({
      type: "step_failed",
      run_id: uuidV7(),
      step_id: uuidV7(),
      step_name: "build",
      kind: "shell", // StepKind::Shell
      error: "exit code 1",
      at: now(),
    });
    expect(eventType(back)).toBe("step_failed");
  });

  test("approval_requested_serde_roundtrip", () => {
    // The Rust test only serializes; parsing it back as well costs nothing here.
    const { json, back } = roundTrip({
      type: "approval_requested",
      run_id: uuidV7(),
      step_id: uuidV7(),
      message: "Deploy to prod?",
      at: now(),
    });
    expect(json).toContain("approval_requested");
    expect(eventType(back)).toBe("approval_requested");
  });

  test("log_line_serde_roundtrip", () => {
    const { json, back } = roundTrip({
      type: "log_line",
      run_id: uuidV7(),
      step_id: uuidV7(),
      step_name: "build",
      stream: "stdout", // LogStream::Stdout
      line: "Compiling ironflow v0.1.0",
      at: now(),
    });
    expect(eventType(back)).toBe("log_line");
    expect(json).toContain('"type":"log_line"');
    expect(json).toContain("Compiling ironflow");
  });

  test("the round trip keeps every field as written", () => {
    const event = {
      type: "run_failed",
      run_id: uuidV7(),
      workflow_name: "deploy",
      error: "step crashed",
      cost_usd: 0.1,
      duration_ms: 3000,
      at: now(),
    };
    expect(roundTrip(event).back).toStrictEqual(event);
  });
});

describe("event_type_all_variants (event.rs mod tests)", () => {
  const id = uuidV7();
  const at = now();
  const cases: [Record<string, unknown>, EventType][] = [
    [{ type: "run_created", run_id: id, workflow_name: "w", at }, "run_created"],
    [
      {
        type: "run_status_changed",
        run_id: id,
        workflow_name: "w",
        from: "pending",
        to: "running",
        error: null,
        cost_usd: 0, // Decimal::ZERO
        duration_ms: 0,
        at,
      },
      "run_status_changed",
    ],
    [
      { type: "run_failed", run_id: id, workflow_name: "w", error: "boom", cost_usd: 0, duration_ms: 0, at },
      "run_failed",
    ],
    [
      {
        type: "step_completed",
        run_id: id,
        step_id: id,
        step_name: "s",
        kind: "shell",
        duration_ms: 0,
        cost_usd: 0,
        at,
      },
      "step_completed",
    ],
    [{ type: "step_failed", run_id: id, step_id: id, step_name: "s", kind: "shell", error: "err", at }, "step_failed"],
    [{ type: "approval_requested", run_id: id, step_id: id, message: "ok?", at }, "approval_requested"],
    [{ type: "approval_granted", run_id: id, approved_by: "alice", at }, "approval_granted"],
    [{ type: "approval_rejected", run_id: id, rejected_by: "bob", at }, "approval_rejected"],
    [
      {
        type: "log_line",
        run_id: id,
        step_id: id,
        step_name: "build",
        stream: "stdout",
        line: "Compiling ironflow v0.1.0",
        at,
      },
      "log_line",
    ],
    [{ type: "user_signed_in", user_id: id, username: "u", at }, "user_signed_in"],
    [{ type: "user_signed_up", user_id: id, username: "u", at }, "user_signed_up"],
    [{ type: "user_signed_out", user_id: id, at }, "user_signed_out"],
  ];

  test.each(cases.map(([event, expected]) => [expected, event] as const))("%s", (expected, event) => {
    expect(eventType(parseEvent(event, { engine: SEED }))).toBe(expected);
  });

  test("the cases cover every variant once", () => {
    expect(cases.map(([, type]) => type)).toEqual(SEED_FORMAT.eventTypes);
  });
});

describe("Event constants", () => {
  // event.rs: `impl Event { pub const RUN_CREATED ... pub const ALL }`, in this order.
  const engineOrder = [
    ["RUN_CREATED", "run_created"],
    ["RUN_STATUS_CHANGED", "run_status_changed"],
    ["RUN_FAILED", "run_failed"],
    ["STEP_COMPLETED", "step_completed"],
    ["STEP_FAILED", "step_failed"],
    ["APPROVAL_REQUESTED", "approval_requested"],
    ["APPROVAL_GRANTED", "approval_granted"],
    ["APPROVAL_REJECTED", "approval_rejected"],
    ["LOG_LINE", "log_line"],
    ["USER_SIGNED_IN", "user_signed_in"],
    ["USER_SIGNED_UP", "user_signed_up"],
    ["USER_SIGNED_OUT", "user_signed_out"],
  ] as const;

  // The newest engine's list (2.52): the seed's, with eight more placed as its Event enum has them.
  const newestOrder = [
    ...engineOrder.slice(0, 3),
    ["RUN_BUDGET_EXCEEDED", "run_budget_exceeded"],
    ["RETRY_FORCED", "retry_forced"],
    ...engineOrder.slice(3, 8),
    ["APPROVAL_ESCALATED", "approval_escalated"],
    ...engineOrder.slice(8),
    ["PROVIDER_ACCOUNT_UPDATED", "provider_account.updated"],
    ["PROVIDER_ACCOUNT_USAGE_UPDATED", "provider_account.usage_updated"],
    ["SIGNAL_AWAITED", "signal_awaited"],
    ["SIGNAL_RECEIVED", "signal_received"],
    ["SCHEDULE_OCCURRENCES_MISSED", "schedule_occurrences_missed"],
  ] as const;

  test.each(newestOrder)("Event.%s is %j", (name, value) => {
    expect(Event[name]).toBe(value);
  });

  test("the seed's Event::ALL lists the 12 types in the engine's order, each once", () => {
    expect([...SEED_FORMAT.eventTypes]).toStrictEqual(engineOrder.map(([, value]) => value));
    expect(new Set(SEED_FORMAT.eventTypes).size).toBe(12);
  });

  test("Event.ALL lists the newest engine's 20 types in its order, each once", () => {
    expect([...Event.ALL]).toStrictEqual(newestOrder.map(([, value]) => value));
    expect(new Set(Event.ALL).size).toBe(20);
  });

  test("Event has exactly the newest engine's constants and ALL", () => {
    expect(Object.keys(Event).sort()).toStrictEqual([...newestOrder.map(([name]) => name), "ALL"].sort());
  });

  test("ENGINE_VERSION is the newest engine release modelled", () => {
    expect(ENGINE_VERSION).toBe("2.52.2");
  });
});

describe("enumerations", () => {
  const SEED_STATUSES = ["pending", "running", "completed", "failed", "retrying", "cancelled", "awaiting_approval"];

  test("the seed's RunStatus", () => {
    expect([...SEED_FORMAT.runStatuses]).toStrictEqual(SEED_STATUSES);
  });

  test("RUN_STATUSES: the newest engine's, the seed's and three more", () => {
    expect([...RUN_STATUSES]).toStrictEqual([...SEED_STATUSES, "warning", "sleeping", "paused"]);
  });

  test("LOG_STREAMS", () => {
    expect([...LOG_STREAMS]).toStrictEqual(["stdout", "stderr", "system"]);
  });

  test("BUILTIN_STEP_KINDS", () => {
    expect([...BUILTIN_STEP_KINDS]).toStrictEqual(["shell", "http", "agent", "workflow", "approval"]);
  });
});

describe("parseLogStream (LogStream::from_str)", () => {
  test.each(["stdout", "stderr", "system"])("reads %j", (s) => {
    expect(parseLogStream(s)).toBe(s);
  });

  test.each(["STDOUT", "Stdout", "stdout ", " stderr", "", "out", "stdin", "std_out", "system\n"])(
    "refuses %j as the engine does",
    (s) => {
      const thrown = thrownBy(() => parseLogStream(s));
      expect(thrown).toBeInstanceOf(Error);
      expect((thrown as Error).message).toBe(`unknown log stream: ${s}`);
    },
  );

  test("the doc example: parse then as_str gives the same text", () => {
    const stream = parseLogStream("stdout");
    expect(String(stream)).toBe("stdout");
  });
});
