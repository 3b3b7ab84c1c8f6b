import { describe, expect, expectTypeOf, it } from "vitest";
import { ENGINE_FORMATS, EVENT_TYPES, filterEvents, parseEvent } from "../../src/index.js";
// The Event type from types.js: the package root's `Event` is also the constants object.
import type { Event, EventOf } from "../../src/event.js";
import type { LogLine, RunFailed } from "../../src/types.js";
import { engineEventLines, formatEventLines, VECTOR_FORMATS, VECTORS_ENGINE } from "../support/vectors.js";
import type { EventAt } from "../../src/event.js";
import type { Engine2_14, ProviderAccountUpdated } from "../../src/types.js";

const EVENTS: Event[] = engineEventLines().map((line) => parseEvent(line));
/** The event types of the vectors (the seed engine's twelve, 100 events each). */
const VECTOR_TYPES = ENGINE_FORMATS.find((f) => f.format === VECTORS_ENGINE)!.eventTypes;

describe("filterEvents", () => {
  it("keeps exactly the events of the listed types, in order", () => {
    const kept = EVENTS.filter(filterEvents(["run_failed", "log_line"]));
    expect(kept).toHaveLength(200);
    expect(kept).toEqual(EVENTS.filter((e) => e.type === "run_failed" || e.type === "log_line"));
  });

  it("matches nothing with an empty list, as the engine's subscribe does", () => {
    expect(EVENTS.filter(filterEvents([]))).toEqual([]);
  });

  it("matches everything with every type (Event.ALL)", () => {
    expect(EVENTS.filter(filterEvents(EVENT_TYPES))).toHaveLength(EVENTS.length);
  });

  it.each(VECTOR_TYPES.map((type) => [type]))("with only %s, keeps its 100 events and no other", (type) => {
    const kept = EVENTS.filter(filterEvents([type]));
    expect(kept).toHaveLength(100);
    expect(kept.every((e) => e.type === type)).toBe(true);
  });

  it("compares type strings exactly: no case folding, no prefixes, no other spelling", () => {
    const isRunFailed = filterEvents(["run_failed"]);
    const event = EVENTS.find((e) => e.type === "run_failed")!;
    expect(isRunFailed(event)).toBe(true);
    for (const type of ["Run_Failed", "RUN_FAILED", "run_failed ", "run", "run_failedx", "run-failed"])
      expect(isRunFailed({ ...event, type } as unknown as Event)).toBe(false);
  });

  it("is not changed by a later change to the list it was given", () => {
    const types: ("run_failed" | "log_line")[] = ["run_failed"];
    const predicate = filterEvents(types);
    types.push("log_line");
    expect(EVENTS.filter(predicate).every((e) => e.type === "run_failed")).toBe(true);
  });

  it("returns false, and does not throw, for a value that is not an event object", () => {
    const predicate = filterEvents(["run_failed"]);
    for (const value of [null, undefined, 1, "run_failed", []])
      expect(predicate(value as unknown as Event)).toBe(false);
  });

  it("throws at run time for a name that is not an event type, naming it and listing the valid ones", () => {
    const call = () => filterEvents(["run_failed", "nope"] as never);
    expect(call).toThrow(TypeError);
    expect(call).toThrow(
      'filterEvents: "nope" (at index 1) is not an event type; valid: run_created, run_status_changed,',
    );
    expect(call).toThrow(new RegExp(`${EVENT_TYPES.at(-1)}$`)); // the newest engine's types, all of them
  });

  it.each([
    ["a wrong case", ["RUN_FAILED"], '"RUN_FAILED" (at index 0)'],
    ["a number", [7], "7 (at index 0)"],
    ["null", [null], "null (at index 0)"],
  ])("throws for %s in the list", (_name, types, named) => {
    expect(() => filterEvents(types as never)).toThrow(named);
  });

  it("throws for a list that is not an array", () => {
    expect(() => filterEvents("run_failed" as never)).toThrow(/expected an array of event types, got "run_failed"/);
    expect(() => filterEvents(undefined as never)).toThrow(/expected an array of event types, got nothing/);
  });
});

describe("filterEvents at compile time", () => {
  it("narrows in Array.filter and in if", () => {
    const failures = EVENTS.filter(filterEvents(["run_failed", "log_line"]));
    expectTypeOf(failures).toEqualTypeOf<(RunFailed | LogLine)[]>();
    const isLogLine = filterEvents(["log_line"]);
    expectTypeOf(isLogLine).toEqualTypeOf<(event: Event) => event is EventOf<"log_line">>();
    let lines = 0;
    for (const event of EVENTS) if (isLogLine(event)) lines += event.line.length >= 0 ? 1 : 0; // .line: only on LogLine
    expect(lines).toBe(100);
  });

  it("refuses a name that is not an event type", () => {
    // Each line below must fail to compile; `npx tsc -p .` checks that the errors are there.
    // @ts-expect-error: "nope" is not an EventType
    expect(() => filterEvents(["nope"])).toThrow(TypeError);
    // @ts-expect-error: wrong case
    expect(() => filterEvents(["RUN_FAILED"])).toThrow(TypeError);
    // @ts-expect-error: one bad name among good ones
    expect(() => filterEvents(["run_failed", "run_paused"])).toThrow(TypeError);
  });
});

/** Every modelled format's engine events, read as that engine reads them. */
const BY_FORMAT = Object.fromEntries(
  VECTOR_FORMATS.map((format) => [format, formatEventLines(format).map((line) => parseEvent(line, { engine: format }))]),
);

describe("filterEvents with an engine version", () => {
  it.each(VECTOR_FORMATS.map((format) => [format]))("takes every type of engine %s, and keeps each type's events", (format) => {
    const types = ENGINE_FORMATS.find((f) => f.format === format)!.eventTypes;
    const events = BY_FORMAT[format]!;
    expect(events.filter(filterEvents(types, { engine: format }) as (e: unknown) => boolean)).toHaveLength(events.length);
    for (const type of types) {
      const kept = events.filter(filterEvents([type], { engine: format }) as (e: unknown) => boolean);
      expect(kept.length).toBeGreaterThan(0);
      expect(kept).toEqual(events.filter((e) => e.type === type));
    }
  });

  it("takes dotted type names", () => {
    const events = BY_FORMAT["2.52"] as Event[];
    const isAccount = filterEvents(["provider_account.updated", "provider_account.usage_updated"]);
    const kept = events.filter(isAccount);
    expect(kept.length).toBeGreaterThan(0);
    expect(new Set(kept.map((e) => e.type))).toEqual(new Set(["provider_account.updated", "provider_account.usage_updated"]));
  });

  it("refuses a name the chosen version does not know, listing that version's types and where the name is", () => {
    const call = () => filterEvents(["run_failed", "run_budget_exceeded"] as never, { engine: "2.14.1" });
    expect(call).toThrow(
      new TypeError(
        'filterEvents: "run_budget_exceeded" (at index 1) is not an event type of engine 2.14.x–2.19.x ' +
          `(it is an event of engine 2.20.x–2.40.x); valid: ${ENGINE_FORMATS[0]!.eventTypes.join(", ")}`,
      ),
    );
    expect(() => filterEvents(["provider_account.updated"] as never, { engine: "2.31" })).toThrow(
      /is not an event type of engine 2\.20\.x–2\.40\.x \(it is an event of engine 2\.52\.x\); valid: run_created, .*, user_signed_out$/,
    );
    expect(() => filterEvents(["run_paused"] as never, { engine: "2.52.0" })).toThrow(
      /"run_paused" \(at index 0\) is not an event type of engine 2\.52\.x; valid: /,
    );
    expect(() => filterEvents("run_failed" as never, { engine: "2.14" })).toThrow(
      /expected an array of event types of engine 2\.14\.x–2\.19\.x, got "run_failed"/,
    );
  });

  it("refuses an engine version it does not model, naming the modelled ranges", () => {
    // @ts-expect-error: 2.45 is not modelled, so it does not compile either
    expect(() => filterEvents(["run_failed"], { engine: "2.45" })).toThrow(
      new TypeError('engine "2.45" is not modelled; modelled: 2.14.x–2.19.x, 2.20.x–2.40.x, 2.52.x'),
    );
    expect(() => filterEvents(["run_failed"] as never, { engine: 2.14 } as never)).toThrow(TypeError);
  });
});

describe("filterEvents with an engine version at compile time", () => {
  it("takes that version's events and narrows to its variants", () => {
    const seedEvents = BY_FORMAT["2.14"] as EventAt<"2.14">[];
    const failures = seedEvents.filter(filterEvents(["run_failed"], { engine: "2.14" }));
    expectTypeOf(failures).toEqualTypeOf<Engine2_14.RunFailed[]>();
    expectTypeOf(failures[0]!).not.toHaveProperty("labels");
    const labelled = (BY_FORMAT["2.20"] as EventAt<"2.31">[]).filter(filterEvents(["run_failed"], { engine: "2.31" }));
    expectTypeOf(labelled[0]!.labels).toEqualTypeOf<Record<string, string>>();
    const accounts = EVENTS.filter(filterEvents(["provider_account.updated"]));
    expectTypeOf(accounts).toEqualTypeOf<ProviderAccountUpdated[]>();
  });

  it("refuses a name the version does not have", () => {
    // @ts-expect-error: run_budget_exceeded came with engine 2.20
    expect(() => filterEvents(["run_budget_exceeded"], { engine: "2.14" })).toThrow(TypeError);
    // @ts-expect-error: provider_account.updated came with engine 2.52
    expect(() => filterEvents(["provider_account.updated"], { engine: "2.31.4" })).toThrow(TypeError);
    expect(() => filterEvents(["provider_account.updated"], { engine: "2.52" })).not.toThrow();
  });
});
