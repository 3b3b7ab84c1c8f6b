import { thrownBy } from "../support/thrown.js";
import { engineEventLines, formatEventLines, VECTOR_FORMATS, VECTORS_ENGINE } from "../support/vectors.js";
import { describe, expect, expectTypeOf, it, vi } from "vitest";
import {
  ENGINE_FORMATS,
  EventValidationError,
  matchEvent,
  parseEvent,
  type EventHandlers,
  type EventType,
  type MatchResult,
  type UnknownEvent,
  type ValidationIssue,
} from "../../src/index.js";
import { formatTable } from "../../src/engine/index.js";
import { unknownEventIn } from "../../src/match.js";

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

/** Handlers for every type of `format` that each return [their type, the event], and unknown. */
function namingFor<const F extends string>(format: F): EventHandlers<F> {
  const types = formatTable(format).eventTypes;
  return {
    ...Object.fromEntries(types.map((type) => [type, (e: object) => [type, e]])),
    unknown: (e: UnknownEvent, issues: ValidationIssue[]) => ["unknown", e, issues],
  } as unknown as EventHandlers<F>;
}

/** The name of the handler that matchEvent called (namingFor's handlers return it first). */
const handled = (result: unknown) => (result as [string])[0];

/** The first line of `format`'s engine events whose type is `type`. */
function lineOf(format: (typeof VECTOR_FORMATS)[number], type: string): string {
  return formatEventLines(format).find((line) => line.startsWith(`{"type":${JSON.stringify(type)}`))!;
}

describe("matchEvent with an engine version", () => {
  it.each(VECTOR_FORMATS.map((format) => [format]))(
    "sends every event engine %s wrote to the handler of its type, as that engine reads it",
    (format) => {
      const handlers = namingFor<string>(format);
      const seen = new Set<string>();
      for (const line of formatEventLines(format)) {
        const [name, event] = matchEvent(line, handlers, { engine: format }) as [string, unknown];
        expect(name).toBe(JSON.parse(line).type);
        expect(event).toEqual(parseEvent(line, { engine: format }));
        seen.add(name);
      }
      expect([...seen].sort()).toEqual([...ENGINE_FORMATS.find((f) => f.format === format)!.eventTypes].sort());
    },
  );

  it("sends a type the chosen version does not know to unknown, with the unknown_event_type issue naming the version", () => {
    const budget = lineOf("2.20", "run_budget_exceeded");
    for (const input of [budget, JSON.parse(budget) as unknown]) {
      const [name, event, issues] = matchEvent(input, namingFor("2.14"), { engine: "2.14.1" }) as [
        string,
        UnknownEvent,
        ValidationIssue[],
      ];
      expect(name).toBe("unknown");
      expect(event).toEqual(JSON.parse(budget));
      expect(issues).toEqual([
        expect.objectContaining({
          path: "/type",
          code: "unknown_event_type",
          message: expect.stringMatching(
            /^names no event type of engine 2\.14\.x–2\.19\.x, got "run_budget_exceeded"; it is an event of engine 2\.20\.x–2\.40\.x/,
          ),
        }),
      ]);
    }
    // The versions that have it send it to its handler.
    for (const engine of ["2.31.4", "2.52"])
      expect(handled(matchEvent(budget, namingFor<string>("2.52"), { engine }))).toBe("run_budget_exceeded");
  });

  it("takes dotted type names as handler keys", () => {
    const updated = lineOf("2.52", "provider_account.updated");
    const usage = lineOf("2.52", "provider_account.usage_updated");
    expect(handled(matchEvent(updated, namingFor("2.52")))).toBe("provider_account.updated");
    expect(handled(matchEvent(usage, namingFor("2.52")))).toBe("provider_account.usage_updated");
    expect(handled(matchEvent(updated, namingFor("2.40"), { engine: "2.40" }))).toBe("unknown");
    expectTypeOf<EventHandlers>().toHaveProperty("provider_account.updated");
    expectTypeOf<Parameters<EventHandlers["provider_account.usage_updated"]>[0]>().toHaveProperty("windows");
  });

  it("reads fields as the chosen version does: a 2.14 reader ignores labels, or refuses it in strict mode", () => {
    const failed = lineOf("2.20", "run_failed");
    const [, seed] = matchEvent(failed, namingFor("2.14"), { engine: "2.14" }) as [string, object];
    expect(seed).toEqual(JSON.parse(failed)); // labels kept as an unknown field, nothing filled in
    const { labels: _labels, ...withoutLabels } = JSON.parse(failed) as Record<string, unknown>;
    expect((matchEvent(withoutLabels, namingFor("2.20"), { engine: "2.31" }) as [string, object])[1]).toEqual({
      ...withoutLabels,
      labels: {},
    });
    const thrown = thrownBy(() => matchEvent(failed, namingFor("2.14"), { engine: "2.14", strict: true }));
    expect(thrown).toBeInstanceOf(EventValidationError);
    expect((thrown as EventValidationError).issues).toEqual([
      expect.objectContaining({ path: "/labels", code: "additional_property" }),
    ]);
  });

  it("refuses an engine version it does not model with the TypeError naming the modelled ranges, before any handler", () => {
    const unknown = vi.fn();
    // @ts-expect-error: nor does it compile
    expect(() => matchEvent(RUN_FAILED, { ...naming, unknown }, { engine: "2.45.0" })).toThrow(
      new TypeError('engine "2.45.0" is not modelled; modelled: 2.14.x–2.19.x, 2.20.x–2.40.x, 2.52.x'),
    );
    expect(unknown).not.toHaveBeenCalled();
  });
});

describe("unknownEventIn with an engine version", () => {
  it("finds the event of a type the version read does not know, from that version's issues", () => {
    const budget = lineOf("2.20", "run_budget_exceeded");
    const issues = (thrownBy(() => parseEvent(budget, { engine: "2.14" })) as EventValidationError).issues;
    expect(unknownEventIn(budget, issues)).toEqual(JSON.parse(budget));
    expect(unknownEventIn(new TextEncoder().encode(budget), issues)).toEqual(JSON.parse(budget));
    expect(parseEvent(budget, { engine: "2.20" }).type).toBe("run_budget_exceeded"); // no issues there
    const bad = (thrownBy(() => parseEvent(budget.replace(/"at":"[^"]*"/, '"at":"x"'), { engine: "2.31" })) as EventValidationError)
      .issues;
    expect(unknownEventIn(budget, bad)).toBeUndefined(); // a known type with a bad field is not unknown
  });
});

describe("matchEvent with an engine version at compile time", () => {
  /** The seed engine's 12 handlers, each typed by its variant of engine 2.14. */
  const seedSummary = (input: unknown) =>
    matchEvent(
      input,
      {
        run_created: (e) => e.workflow_name,
        run_status_changed: (e) => e.to,
        run_failed: (e) => {
          expectTypeOf(e).not.toHaveProperty("labels"); // no labels before 2.20
          return e.error;
        },
        step_completed: (e) => e.duration_ms,
        step_failed: (e) => e.error,
        approval_requested: (e) => e.message,
        approval_granted: (e) => e.approved_by,
        approval_rejected: (e) => e.rejected_by,
        log_line: (e) => e.stream,
        user_signed_in: (e) => e.username,
        user_signed_up: (e) => e.username,
        user_signed_out: () => false,
        unknown: (e) => e.type.length,
      },
      { engine: "2.14" },
    );

  it("takes the 12 handlers of engine 2.14, each typed as that version's variant", () => {
    expectTypeOf(seedSummary).returns.toEqualTypeOf<string | null | number | boolean>();
    expect(seedSummary(RUN_FAILED)).toBe("exit code 1");
    expect(seedSummary(lineOf("2.20", "retry_forced"))).toBe("retry_forced".length);
  });

  it("types labels at 2.31 and the twenty variants at the newest", () => {
    const labels = matchEvent(RUN_FAILED, { ...namingFor("2.31"), run_failed: (e) => e.labels }, { engine: "2.31" });
    expectTypeOf(labels).toMatchTypeOf<Record<string, string> | unknown>();
    expect(labels).toEqual({});
    expectTypeOf<keyof EventHandlers>().toEqualTypeOf<EventType | "unknown" | "invalid">();
    expectTypeOf<Exclude<keyof EventHandlers<"2.14">, "unknown" | "invalid">>().toEqualTypeOf<
      | "run_created"
      | "run_status_changed"
      | "run_failed"
      | "step_completed"
      | "step_failed"
      | "approval_requested"
      | "approval_granted"
      | "approval_rejected"
      | "log_line"
      | "user_signed_in"
      | "user_signed_up"
      | "user_signed_out"
    >();
  });

  it("refuses, per version, a missing handler, a type the version does not have, and an unmodelled version", () => {
    const seed = namingFor("2.14");
    const newest = naming;
    // Each line below must fail to compile; `npx tsc -p .` checks that the errors are there.
    // @ts-expect-error: the newest engine needs all twenty handlers, not the seed's twelve
    expect(() => matchEvent(RUN_FAILED, seed)).not.toThrow(); // at run time, run_failed's handler is there
    // @ts-expect-error: 2.31 has run_budget_exceeded and retry_forced too
    expect(() => matchEvent(RUN_FAILED, seed, { engine: "2.31" })).not.toThrow();
    // @ts-expect-error: run_budget_exceeded is not an event of engine 2.14
    expect(() => matchEvent(RUN_FAILED, { ...seed, run_budget_exceeded: () => 1 }, { engine: "2.14" })).not.toThrow();
    // @ts-expect-error: 2.45 is not a modelled version
    expect(() => matchEvent(RUN_FAILED, newest, { engine: "2.45" })).toThrow(TypeError);
    const { log_line: _gone, ...eleven } = seed;
    // @ts-expect-error: no handler for log_line
    expect(() => matchEvent(RUN_FAILED, eleven, { engine: "2.14" })).not.toThrow();
  });
});
