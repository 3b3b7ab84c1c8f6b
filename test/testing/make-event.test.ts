// makeEvent: valid events of every type of every engine format, as that engine writes them,
// seeded and typed per version.
import { describe, expect, expectTypeOf, it } from "vitest";
import { ENGINE_FORMATS, parseEvent, type EventOf, type EventType } from "../../src/index.js";
import { makeEvent, toEngineJson } from "../../src/testing/index.js";

const SEEDS = Array.from({ length: 40 }, (_, i) => i * 7919);
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** The engine's timestamps: T and Z, and chrono's AutoSi fraction of 0, 3, 6 or 9 digits. */
const ENGINE_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3}|\.\d{6}|\.\d{9})?Z$/;
const ASSIGNEE = /^(?:user|group):.+$/;

/** Overrides that change fields of each type (of the newest format), still valid. */
const OVERRIDES: { [T in EventType]: Partial<Omit<EventOf<T>, "type">> } = {
  run_created: { workflow_name: "deploy" },
  run_status_changed: { from: "running", to: "failed", error: "disk full", cost_usd: 1.5, duration_ms: 60_000 },
  run_failed: { error: null, cost_usd: 0 },
  run_budget_exceeded: { limit_usd: 10, spent_usd: 9.5 },
  retry_forced: { original_version: "v1", current_version: "v2" },
  step_completed: { kind: "gitlab", duration_ms: 0 },
  step_failed: { error: "exit code 2", step_name: "lint" },
  approval_requested: { message: "Ship it?" },
  approval_granted: { approved_by: "zoe" },
  approval_rejected: { rejected_by: "yann" },
  approval_escalated: { assignee: "group:sre", stage: 2 },
  log_line: { stream: "stderr", line: "warning: 🦀" },
  user_signed_in: { username: "ünïcode" },
  user_signed_up: { user_id: "0190f3a2-6c1e-7d3b-9a4f-2b8c1d0e5f67" },
  user_signed_out: { at: "2026-11-25T22:24:21Z" },
  "provider_account.updated": { change: "deleted" },
  "provider_account.usage_updated": { windows: [] },
  signal_awaited: { key: "PR-1" },
  signal_received: { resumed_runs: [] },
  schedule_occurrences_missed: { count: 3 },
};

for (const { format, first, eventTypes } of ENGINE_FORMATS) {
  /** Read as that engine writes: strictly, with its version. */
  const strict = { strict: true, engine: first } as const;
  const at = { engine: first };

  describe(`makeEvent, engine ${format}`, () => {
    for (const type of eventTypes as EventType[]) {
      it(`makes valid ${type} events as the engine writes them, for many seeds`, () => {
        for (const seed of SEEDS) {
          const event = makeEvent(type, undefined, { seed, ...at });
          expect(parseEvent(event, strict)).toEqual(event);
          expect(parseEvent(toEngineJson(event, at), strict)).toEqual(event);
          expect(event.type).toBe(type);
          for (const [key, value] of Object.entries(event)) {
            if (key.endsWith("_id") && value !== null) expect(value, key).toMatch(UUID_V7);
            if (key === "at") expect(value).toMatch(ENGINE_TIMESTAMP);
          }
        }
      });

      it(`applies overrides to ${type}, and the result still parses`, () => {
        const overrides = OVERRIDES[type];
        const event = makeEvent(type, overrides as never, { seed: 5, ...at });
        expect(event).toMatchObject(overrides);
        expect(parseEvent(event, strict)).toEqual(event);
      });
    }

    it("gives the same event for the same seed, and others for other seeds", () => {
      for (const type of eventTypes as EventType[]) {
        expect(makeEvent(type, {}, { seed: 99, ...at })).toEqual(makeEvent(type, {}, { seed: 99, ...at }));
        const distinct = new Set(SEEDS.map((seed) => JSON.stringify(makeEvent(type, {}, { seed, ...at }))));
        expect(distinct.size, type).toBe(SEEDS.length);
      }
    });

    it("writes every field the format has, defaults included, and none it lacks", () => {
      const format_ = ENGINE_FORMATS.find((each) => each.format === format)!;
      for (const type of format_.eventTypes as EventType[])
        for (const seed of SEEDS.slice(0, 5)) {
          const event = makeEvent(type, {}, { seed, ...at });
          // parseEvent fills in defaults: an event with them all is unchanged by it, key for key.
          expect(Object.keys(parseEvent(event, { engine: first }))).toEqual(Object.keys(event));
        }
    });
  });
}

describe("makeEvent", () => {
  it("makes the newest format's events without an engine", () => {
    const granted = makeEvent("approval_granted", {}, { seed: 1 });
    expect(granted).toHaveProperty("approvals_required");
    expect(parseEvent(granted, { strict: true })).toEqual(granted);
    expect(makeEvent("provider_account.updated", {}, { seed: 2 }).type).toBe("provider_account.updated");
  });

  it("makes each version's fields: labels from 2.20, the log line's id and approval counts from 2.52", () => {
    expect(makeEvent("run_failed", {}, { seed: 1, engine: "2.14" })).not.toHaveProperty("labels");
    expect(makeEvent("run_failed", {}, { seed: 1, engine: "2.31.4" })).toHaveProperty("labels");
    expect(makeEvent("log_line", {}, { seed: 1, engine: "2.31" })).not.toHaveProperty("id");
    expect(makeEvent("log_line", {}, { seed: 1 }).id).toMatch(UUID_V7);
    expect(makeEvent("approval_granted", {}, { seed: 1, engine: "2.31" })).not.toHaveProperty("approvals_received");
  });

  it("draws the newer engines' values: assignee strings, float utilizations, statuses of the version", () => {
    const assignees = SEEDS.map((seed) => makeEvent("approval_escalated", {}, { seed }).assignee);
    for (const assignee of assignees) if (assignee !== null) expect(assignee).toMatch(ASSIGNEE);
    expect(assignees.some((assignee) => assignee?.startsWith("user:"))).toBe(true);
    expect(assignees.some((assignee) => assignee?.startsWith("group:"))).toBe(true);
    const shares = SEEDS.flatMap((seed) =>
      makeEvent("provider_account.usage_updated", {}, { seed }).windows.map((window) => window.utilization),
    );
    for (const share of shares) expect(share >= 0 && share <= 1).toBe(true);
    expect(shares.some((share) => !Number.isInteger(share))).toBe(true);
    const seedStatuses = new Set(
      SEEDS.flatMap((seed) => {
        const moved = makeEvent("run_status_changed", {}, { seed, engine: "2.14" });
        return [moved.from, moved.to];
      }),
    );
    for (const status of ["paused", "sleeping", "warning"]) expect(seedStatuses).not.toContain(status);
    const newest = new Set(SEEDS.map((seed) => makeEvent("run_status_changed", {}, { seed }).to));
    expect([...newest].some((status) => ["paused", "sleeping", "warning"].includes(status))).toBe(true);
  });

  it("draws realistic content: known names, small costs, legal moves, errors only on failure", () => {
    for (const seed of SEEDS) {
      const moved = makeEvent("run_status_changed", {}, { seed });
      expect(moved.from).not.toBe(moved.to);
      expect(moved.error === null).toBe(moved.to !== "failed");
      const step = makeEvent("step_completed", {}, { seed });
      expect(step.cost_usd).toBeGreaterThanOrEqual(0);
      expect(step.cost_usd).toBeLessThan(1);
      expect(step.step_name).toMatch(/^[a-z-]+$/);
      // The ID's time is at or before the event's.
      const idMs = parseInt(step.step_id.replace(/-/g, "").slice(0, 12), 16);
      expect(idMs).toBeLessThanOrEqual(Date.parse(step.at));
    }
    // Without a seed: fresh events.
    expect(makeEvent("run_created").run_id).not.toBe(makeEvent("run_created").run_id);
  });

  it("writes the fields in the engine's order, type first", () => {
    expect(Object.keys(makeEvent("step_completed", { cost_usd: 2 }, { seed: 1 }))).toEqual([
      "type",
      "run_id",
      "step_id",
      "step_name",
      "kind",
      "duration_ms",
      "cost_usd",
      "at",
    ]);
  });

  it("uses both clock resolutions of engine hosts: 9 fraction digits mostly, 6 sometimes", () => {
    const digits = SEEDS.map((seed) => /\.(\d+)Z$/.exec(makeEvent("log_line", {}, { seed }).at)?.[1]?.length ?? 0);
    expect(digits.filter((n) => n === 9).length).toBeGreaterThan(SEEDS.length / 2);
    expect(digits).toContain(6);
  });

  it("refuses overrides that would make the event invalid, naming the field and the version", () => {
    expect(() => makeEvent("run_created", { run_id: "nope" }, { seed: 1 })).toThrow(
      /^makeEvent: the overrides make an invalid run_created of engine 2\.52\.x: \/run_id: must be a hyphenated UUID/,
    );
    expect(() => makeEvent("step_completed", { duration_ms: -1 })).toThrow(TypeError);
    expect(() => makeEvent("step_completed", { duration_ms: -1 })).toThrow(/\/duration_ms: must be an integer/);
    expect(() => makeEvent("approval_escalated", { assignee: "alice" }, { seed: 1 })).toThrow(/\/assignee/);
    expect(() =>
      makeEvent("run_status_changed", { from: "running", to: "paused" } as never, { seed: 1, engine: "2.14" }),
    ).toThrow(/of engine 2\.14\.x–2\.19\.x: \/to/);
  });

  it("refuses bad arguments with a clear TypeError", () => {
    expect(() => makeEvent("run_paused" as never)).toThrow(/"run_paused" is not an event type of engine 2\.52\.x/);
    expect(() => makeEvent("retry_forced", {}, { engine: "2.14" } as never)).toThrow(
      /"retry_forced" is not an event type of engine 2\.14\.x–2\.19\.x \(it is one of engine 2\.20\.x–2\.40\.x, 2\.52\.x\)/,
    );
    expect(() => makeEvent("run_created", {}, { engine: "2.45" } as never)).toThrow(
      /^makeEvent: engine "2\.45" is not modelled/,
    );
    expect(() => makeEvent("run_created", { type: "run_failed" } as never)).toThrow(/cannot set type/);
    expect(() => makeEvent("run_created", "x" as never)).toThrow(/overrides must be an object/);
    expect(() => makeEvent("run_created", {}, { seed: -1 })).toThrow(/seed must be an integer from 0 to 4294967295/);
    expect(() => makeEvent("run_created", {}, { seed: 1.5 })).toThrow(/seed must be/);
  });

  it("is typed per variant and per version, with overrides checked against it", () => {
    expectTypeOf(makeEvent("run_failed")).toEqualTypeOf<EventOf<"run_failed">>();
    expectTypeOf(makeEvent("run_failed", {}, { engine: "2.14.1" })).toEqualTypeOf<EventOf<"run_failed", "2.14.1">>();
    expectTypeOf(makeEvent("run_failed", {}, { engine: "2.31.4" }).labels).toEqualTypeOf<Record<string, string>>();
    // @ts-expect-error: a 2.14 run_failed has no labels
    void makeEvent("run_failed", {}, { engine: "2.14.1" }).labels;
    // @ts-expect-error: engine 2.31 has no provider account events
    expect(() => makeEvent("provider_account.updated", {}, { engine: "2.31" })).toThrow(TypeError);
    // @ts-expect-error: 2.45 is not a modelled version
    expect(() => makeEvent("run_created", {}, { engine: "2.45" })).toThrow(TypeError);
    // @ts-expect-error: run_created has no error field
    makeEvent("run_created", { error: "x" }, { seed: 1 });
    // @ts-expect-error: duration_ms is a number
    expect(() => makeEvent("step_completed", { duration_ms: "5" }, { seed: 1 })).toThrow(TypeError);
    // @ts-expect-error: stream is a LogStream
    expect(() => makeEvent("log_line", { stream: "stdin" }, { seed: 1 })).toThrow(TypeError);
  });
});
