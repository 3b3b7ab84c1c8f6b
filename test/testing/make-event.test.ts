// makeEvent: valid events of every type of the kit's engine format (the seed, 2.14), as that
// engine writes them, seeded and type-checked.
import { describe, expect, expectTypeOf, it } from "vitest";
import { parseEvent, type EventOf } from "../../src/index.js";
import { makeEvent, toEngineJson } from "../../src/testing/index.js";
import { KIT_ENGINE, KIT_EVENT_TYPES, type KitEventType } from "../../src/testing/kit-format.js";

/** Read as the kit's engine writes: strictly, with its version. */
const STRICT = { strict: true, engine: KIT_ENGINE } as const;

const SEEDS = Array.from({ length: 40 }, (_, i) => i * 7919);
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** The engine's timestamps: T and Z, and chrono's AutoSi fraction of 0, 3, 6 or 9 digits. */
const ENGINE_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3}|\.\d{6}|\.\d{9})?Z$/;

/** Overrides that change every field but type, still valid, for each type. */
const OVERRIDES: { [T in KitEventType]: Partial<Omit<EventOf<T, typeof KIT_ENGINE>, "type">> } = {
  run_created: { workflow_name: "deploy" },
  run_status_changed: { from: "running", to: "failed", error: "disk full", cost_usd: 1.5, duration_ms: 60_000 },
  run_failed: { error: null, cost_usd: 0 },
  step_completed: { kind: "gitlab", duration_ms: 0 },
  step_failed: { error: "exit code 2", step_name: "lint" },
  approval_requested: { message: "Ship it?" },
  approval_granted: { approved_by: "zoe" },
  approval_rejected: { rejected_by: "yann" },
  log_line: { stream: "stderr", line: "warning: 🦀" },
  user_signed_in: { username: "ünïcode" },
  user_signed_up: { user_id: "0190f3a2-6c1e-7d3b-9a4f-2b8c1d0e5f67" },
  user_signed_out: { at: "2026-11-25T22:24:21Z" },
};

describe("makeEvent", () => {
  for (const type of KIT_EVENT_TYPES) {
    it(`makes valid ${type} events as the engine writes them, for many seeds`, () => {
      for (const seed of SEEDS) {
        const event = makeEvent(type, undefined, { seed });
        expect(parseEvent(event, STRICT)).toEqual(event);
        expect(parseEvent(toEngineJson(event), STRICT)).toEqual(event);
        expect(event.type).toBe(type);
        for (const [key, value] of Object.entries(event)) {
          if (key.endsWith("_id")) expect(value, key).toMatch(UUID_V7);
          if (key === "at") expect(value).toMatch(ENGINE_TIMESTAMP);
        }
      }
    });

    it(`applies overrides to ${type}, and the result still parses`, () => {
      const overrides = OVERRIDES[type];
      const event = makeEvent(type, overrides as never, { seed: 5 });
      expect(event).toMatchObject(overrides);
      expect(parseEvent(event, STRICT)).toEqual(event);
    });
  }

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

  it("gives the same event for the same seed, and others for other seeds", () => {
    for (const type of KIT_EVENT_TYPES) {
      expect(makeEvent(type, {}, { seed: 99 })).toEqual(makeEvent(type, {}, { seed: 99 }));
      const distinct = new Set(SEEDS.map((seed) => JSON.stringify(makeEvent(type, {}, { seed }))));
      expect(distinct.size, type).toBe(SEEDS.length);
    }
    // Without a seed: fresh events.
    expect(makeEvent("run_created").run_id).not.toBe(makeEvent("run_created").run_id);
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
  });

  it("uses both clock resolutions of engine hosts: 9 fraction digits mostly, 6 sometimes", () => {
    const digits = SEEDS.map((seed) => /\.(\d+)Z$/.exec(makeEvent("log_line", {}, { seed }).at)?.[1]?.length ?? 0);
    expect(digits.filter((n) => n === 9).length).toBeGreaterThan(SEEDS.length / 2);
    expect(digits).toContain(6);
  });

  it("refuses overrides that would make the event invalid, naming the field", () => {
    expect(() => makeEvent("run_created", { run_id: "nope" }, { seed: 1 })).toThrow(
      /^makeEvent: the overrides make an invalid run_created: \/run_id: must be a hyphenated UUID/,
    );
    expect(() => makeEvent("step_completed", { duration_ms: -1 })).toThrow(TypeError);
    expect(() => makeEvent("step_completed", { duration_ms: -1 })).toThrow(/\/duration_ms: must be an integer/);
  });

  it("refuses bad arguments with a clear TypeError", () => {
    expect(() => makeEvent("run_paused" as never)).toThrow(/"run_paused" is not an event type/);
    expect(() => makeEvent("run_created", { type: "run_failed" } as never)).toThrow(/cannot set type/);
    expect(() => makeEvent("run_created", "x" as never)).toThrow(/overrides must be an object/);
    expect(() => makeEvent("run_created", {}, { seed: -1 })).toThrow(/seed must be an integer from 0 to 4294967295/);
    expect(() => makeEvent("run_created", {}, { seed: 1.5 })).toThrow(/seed must be/);
  });

  it("is typed per variant, with overrides checked against it", () => {
    expectTypeOf(makeEvent("run_failed")).toEqualTypeOf<EventOf<"run_failed", typeof KIT_ENGINE>>();
    // @ts-expect-error: run_created has no error field
    makeEvent("run_created", { error: "x" }, { seed: 1 });
    // @ts-expect-error: duration_ms is a number
    expect(() => makeEvent("step_completed", { duration_ms: "5" }, { seed: 1 })).toThrow(TypeError);
    // @ts-expect-error: stream is a LogStream
    expect(() => makeEvent("log_line", { stream: "stdin" }, { seed: 1 })).toThrow(TypeError);
  });
});
