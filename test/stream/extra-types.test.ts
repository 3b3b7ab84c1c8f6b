// Events of an engine newer than the package: types named in `extraTypes` reach `onUnknown` as
// UnknownEvents, typed by their names, and not `onInvalid`; known names stay a compile error.
import { describe, expect, expectTypeOf, it, vi } from "vitest";
import { streamEvents, type UnknownEvent } from "../../src/index.js";
import type { LogLine } from "../../src/types.js";
import {
  collect,
  encoder,
  frame,
  instantRetry,
  LOG_LINE,
  openStream,
  RUN_ID,
  serverPerTest,
} from "../support/sse-server.js";

const NEWER = { type: "workflow_paused", run_id: RUN_ID, paused_by: "ops", at: "2026-11-25T22:24:23Z" };
const PAUSED = { type: "run_paused", run_id: RUN_ID, at: "2026-11-25T22:24:24Z" };

const { serve, server } = serverPerTest();

/** A server that sends `body` once, then 204. */
function serveOnce(body: string): Promise<string> {
  return serve((_req, res, n) => {
    if (n > 1) return void res.writeHead(204).end();
    openStream(res);
    res.end(body);
  });
}

const STREAM =
  frame("log_line", LOG_LINE) +
  frame("workflow_paused", JSON.stringify(NEWER)) +
  frame("run_paused", JSON.stringify(PAUSED)) +
  frame("workflow_paused", "{not json");

describe("streamEvents: extraTypes", () => {
  it("sends the extra names in the types query and hands their events to onUnknown, typed; others stay invalid", async () => {
    const url = await serveOnce(STREAM);
    const unknown: [UnknownEvent, string][] = [];
    const invalid: [string, string][] = [];
    const events = streamEvents(url, {
      types: ["log_line"],
      extraTypes: ["workflow_paused"],
      onUnknown: (event, eventName) => {
        expectTypeOf(event.type).toEqualTypeOf<"workflow_paused">();
        unknown.push([event, eventName]);
      },
      onInvalid: (issues, _data, eventName) => invalid.push([issues[0]!.code, eventName]),
      retry: instantRetry(),
    });
    expectTypeOf(events).toEqualTypeOf<AsyncIterable<LogLine>>();
    expect(await collect(events)).toEqual([JSON.parse(LOG_LINE)]);
    expect(server().requests[0]!.url).toBe("/api/v1/events?types=log_line,workflow_paused");
    expect(unknown).toEqual([[NEWER, "workflow_paused"]]);
    expect(invalid).toEqual([
      ["unknown_event_type", "run_paused"], // not asked for: as before
      ["json_syntax", "workflow_paused"], // asked for, but not an event at all
    ]);
  });

  it("without types, sends no query (the server sends every type) and still delivers the extra ones", async () => {
    const url = await serveOnce(STREAM);
    const onUnknown = vi.fn();
    const events = await collect(
      streamEvents(url, { extraTypes: ["workflow_paused", "run_paused"], onUnknown, retry: instantRetry() }),
    );
    expect(events).toEqual([JSON.parse(LOG_LINE)]);
    expect(server().requests[0]!.url).toBe("/api/v1/events");
    expect(onUnknown.mock.calls).toEqual([
      [NEWER, "workflow_paused"],
      [PAUSED, "run_paused"],
    ]);
  });

  it("works on a ReadableStream source too", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(STREAM));
        controller.close();
      },
    });
    const onUnknown = vi.fn();
    expect(await collect(streamEvents(body, { extraTypes: ["run_paused"], onUnknown }))).toEqual([
      JSON.parse(LOG_LINE),
    ]);
    expect(onUnknown.mock.calls).toEqual([[PAUSED, "run_paused"]]);
  });

  it("ends the loop with what onUnknown throws, without reconnecting", async () => {
    const url = await serveOnce(STREAM);
    const stop = new Error("stop");
    const events = streamEvents(url, {
      extraTypes: ["workflow_paused"],
      onUnknown: () => {
        throw stop;
      },
      retry: instantRetry(),
    });
    await expect(collect(events)).rejects.toBe(stop);
    expect(server().requests).toHaveLength(1);
  });

  it("refuses a known name in extraTypes at compile time, and when called", () => {
    const fetch = vi.fn();
    expect(() =>
      // @ts-expect-error: run_created is known: it belongs in types
      streamEvents("https://ironflow.example.com/", { extraTypes: ["run_created"], onUnknown: () => {}, fetch }),
    ).toThrow(/extraTypes: "run_created" \(at index 0\) is an event type this package knows; list it in types/);
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([
    [{ extraTypes: ["run-paused"], onUnknown: () => {} }, /"run-paused" \(at index 0\) is not an event type name/],
    [{ extraTypes: ["ok", 7], onUnknown: () => {} }, /7 \(at index 1\) is not an event type name/],
    [{ extraTypes: "run_paused", onUnknown: () => {} }, /extraTypes: expected an array of event type names/],
    [{ extraTypes: ["run_paused"] }, /extraTypes needs onUnknown/],
  ])("refuses %j before any request", (options, message) => {
    const fetch = vi.fn();
    expect(() => streamEvents("https://ironflow.example.com/", { ...(options as object), fetch })).toThrow(message);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("streamEvents: the engine option", () => {
  // A run_status_changed as engine 2.14 writes it (no labels), and an event of a type 2.20 added.
  const SEED_STATUS = {
    type: "run_status_changed",
    run_id: RUN_ID,
    workflow_name: "deploy",
    from: "running",
    to: "completed",
    error: null,
    cost_usd: 1.5,
    duration_ms: 60000,
    at: "2026-11-25T22:25:00Z",
  };
  const BUDGET = {
    type: "run_budget_exceeded",
    run_id: RUN_ID,
    workflow_name: "deploy",
    limit_usd: 10,
    spent_usd: 10.5,
    step_budget_usd: 2,
    at: "2026-11-25T22:25:01Z",
  };
  const fetch = vi.fn();

  it("refuses a version the package does not model when called, before any request", () => {
    expect(() =>
      // @ts-expect-error: not a modelled engine version
      streamEvents("https://ironflow.example.com/api/v1/events", { engine: "2.45.0", fetch }),
    ).toThrow(
      /^streamEvents: engine "2\.45\.0" is not modelled; modelled: 2\.14\.x–2\.19\.x, 2\.20\.x–2\.40\.x, 2\.52\.x$/,
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it("reads each event as that version does, and types it so", async () => {
    const url = await serveOnce(
      frame("run_status_changed", JSON.stringify(SEED_STATUS)) + frame("run_budget_exceeded", JSON.stringify(BUDGET)),
    );
    const invalid: string[] = [];
    const seed = streamEvents(url, {
      engine: "2.14.1",
      retry: instantRetry(),
      onInvalid: (issues) => invalid.push(`${issues[0]!.code}: ${issues[0]!.message}`),
    });
    const events = await collect(seed);
    expect(events).toEqual([SEED_STATUS]); // no labels: 2.14 has none
    // The engine that claims to be 2.14 sent a type of 2.20: not an event of that version.
    expect(invalid).toEqual([
      expect.stringMatching(
        /^unknown_event_type: names no event type of engine 2\.14\.x–2\.19\.x, got "run_budget_exceeded"; it is an event of engine 2\.20\.x/,
      ),
    ]);
    const first = events[0]!;
    if (first.type === "run_status_changed") {
      // @ts-expect-error: 2.14's run_status_changed has no labels
      void first.labels;
    }
    const newest = await collect(
      streamEvents(await serveOnce(frame("run_status_changed", JSON.stringify(SEED_STATUS))), {
        retry: instantRetry(),
      }),
    );
    expect(newest).toEqual([{ ...SEED_STATUS, labels: {} }]); // the newest reads the default in
  });

  it("refuses types the version does not know: that engine would answer 400", () => {
    expect(() =>
      streamEvents("https://ironflow.example.com/api/v1/events", {
        engine: "2.14.1",
        // @ts-expect-error: run_budget_exceeded came with 2.20
        types: ["run_budget_exceeded"],
        fetch,
      }),
    ).toThrow(
      /^streamEvents: types: "run_budget_exceeded" \(at index 0\) is not an event type of engine 2\.14\.x–2\.19\.x, which would answer 400 to it/,
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it("refuses extraTypes that would go into ?types= of a given engine version, which knows none of them (400)", () => {
    const onUnknown = () => {};
    const call = (options: object) => () =>
      streamEvents("https://ironflow.example.com/api/v1/events", { fetch, onUnknown, ...options } as never);
    expect(call({ engine: "2.31.4", types: ["run_failed"], extraTypes: ["workflow_paused"] })).toThrow(
      /^streamEvents: extraTypes: "workflow_paused" \(at index 0\) is not an event type of engine 2\.20\.x–2\.40\.x \(this package knows every one of its types\), which would answer 400 to \?types= naming it; extraTypes are for an engine newer than 2\.52\.x, the newest this package models: leave engine out for one$/,
    );
    expect(call({ engine: "2.14", extraTypes: ["run_budget_exceeded"] })).toThrow(
      /"run_budget_exceeded" \(at index 0\) is an event type of engines newer than 2\.14\.x–2\.19\.x, which does not send it/,
    );
    // Without a query they only route events; without an engine, the server may be newer than the package.
    expect(call({ engine: "2.31.4", extraTypes: ["workflow_paused"] })).not.toThrow();
    expect(call({ types: ["run_failed"], extraTypes: ["workflow_paused", "provider_account.deleted"] })).not.toThrow();
    expect(fetch).not.toHaveBeenCalled();
  });
});
