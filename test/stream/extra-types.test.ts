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
