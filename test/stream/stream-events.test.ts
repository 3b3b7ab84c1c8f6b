import { engineEventLines } from "../support/vectors.js";
import { describe, expect, expectTypeOf, it, vi } from "vitest";
import { EventStreamError, parseEvent, streamEvents } from "../../src/index.js";
import type { Event } from "../../src/event.js";
import type { LogLine, RunFailed, ValidationIssue } from "../../src/types.js";
import {
  collect,
  cutsInsideCharacters,
  encoder,
  frame,
  instantRetry,
  LOG_LINE,
  openStream,
  randomChunks,
  RUN_CREATED,
  RUN_ID,
  seededRandom,
  serverPerTest,
  writeChunks,
} from "../support/sse-server.js";

const VECTOR_LINES = engineEventLines();
const VECTOR_EVENTS = VECTOR_LINES.map((line) => parseEvent(line));

const { serve, server } = serverPerTest();

describe("streamEvents against a real HTTP server streaming the engine vectors", () => {
  it("delivers every complete event exactly once, in order, across a connection dropped mid-event", async () => {
    const random = seededRandom(20261125);
    // Each event as its own bytes, with LF, CRLF or CR line ends, keep-alive comments between
    // events and now and then a comment inside one.
    const frames = VECTOR_LINES.map((line) => {
      const eol = ["\n", "\n", "\r\n", "\r"][Math.floor(random() * 4)]!;
      const type = (JSON.parse(line) as { type: string }).type;
      const keepAlive = random() < 0.2 ? `: keep-alive${eol}${eol}` : "";
      const inside = random() < 0.1 ? `:${eol}` : "";
      return Buffer.from(`${keepAlive}event: ${type}${eol}${inside}data: ${line}${eol}${eol}`);
    });
    // The connection drops inside the first event after the middle that holds a multi-byte
    // character, cut inside that character: the client has a partial line and a partial event.
    const cutEvent = VECTOR_LINES.findIndex((line, i) => i >= 600 && /[^\x00-\x7f]/.test(line));
    const cutFrame = frames[cutEvent]!;
    const cutAt = cutFrame.findIndex((byte) => byte >= 0xc0) + 1;
    expect(cutEvent).toBeGreaterThan(0);
    expect(cutFrame[cutAt]! & 0xc0).toBe(0x80); // the next byte continues the character

    let resumeFrom = -1; // what the server learned from the first connection
    let splitCharacters = 0;
    const url = await serve(async (req, res, n) => {
      if (n === 1) {
        openStream(res);
        const sent = Buffer.concat([...frames.slice(0, cutEvent), cutFrame.subarray(0, cutAt)]);
        const chunks = randomChunks(sent, random);
        splitCharacters += cutsInsideCharacters(chunks);
        await writeChunks(res, chunks);
        resumeFrom = cutEvent; // the first connection got every event before this one, and part of it
        res.socket!.destroy();
      } else if (n === 2) {
        openStream(res);
        const chunks = randomChunks(Buffer.concat(frames.slice(resumeFrom)), random);
        splitCharacters += cutsInsideCharacters(chunks);
        await writeChunks(res, chunks);
        res.end(); // the end of the stream: the client reconnects
      } else {
        res.writeHead(204).end(); // no more: the client stops
      }
    });

    const invalid: unknown[] = [];
    const reconnects: { attempt: number; received: number; cause: unknown }[] = [];
    const received: Event[] = [];
    for await (const event of streamEvents(url, {
      onInvalid: (...args) => invalid.push(args),
      onReconnect: ({ attempt, cause }) => reconnects.push({ attempt, received: received.length, cause }),
      retry: instantRetry(),
    })) {
      received.push(event);
    }

    expect(splitCharacters).toBeGreaterThan(0);
    expect(server().requests).toHaveLength(3);
    // Before the drop: exactly the events before the cut one; the cut one was not delivered.
    expect(reconnects[0]).toMatchObject({ attempt: 1, received: cutEvent });
    expect(reconnects[0]!.cause).toBeInstanceOf(Error); // the network error, not an invalid event
    // Then the server's end of stream, and a 204.
    expect(reconnects.map((r) => r.received)).toEqual([cutEvent, VECTOR_LINES.length]);
    // Nothing partial or broken reached the loop or onInvalid, and every event came once, in order.
    expect(invalid).toEqual([]);
    expect(received).toHaveLength(VECTOR_EVENTS.length);
    expect(received).toEqual(VECTOR_EVENTS);
  });

  it("reads the same vectors from a ReadableStream cut at exactly the chosen bytes", async () => {
    const random = seededRandom(7);
    const bytes = Buffer.from(
      "\uFEFF" + VECTOR_LINES.map((line) => frame(JSON.parse(line).type, line)).join(": ping\n\n"),
    );
    const chunks = randomChunks(bytes, random);
    expect(cutsInsideCharacters(chunks)).toBeGreaterThan(50);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new Uint8Array(chunk));
        controller.close();
      },
    });
    const onInvalid = vi.fn();
    expect(await collect(streamEvents(body, { onInvalid }))).toEqual(VECTOR_EVENTS);
    expect(onInvalid).not.toHaveBeenCalled();
  });
});

describe("streamEvents: invalid and unknown events", () => {
  it("sends each to onInvalid with its issues, data and event name, skips it, and goes on", async () => {
    const unknown = JSON.stringify({ type: "run_paused", run_id: RUN_ID, at: "2026-11-25T22:24:21Z" });
    const badField = RUN_CREATED.replace(RUN_ID, "not-a-uuid");
    const url = await serve((_req, res, n) => {
      if (n > 1) return void res.writeHead(204).end();
      openStream(res);
      res.end(
        frame("run_created", RUN_CREATED) +
          frame("log_line", "{not json") +
          frame("run_paused", unknown) +
          frame("run_created", badField) +
          "data: \n\n" + // an empty data line: an event with empty data
          frame("log_line", LOG_LINE),
      );
    });
    const calls: [ValidationIssue[], string, string][] = [];
    const events = await collect(
      streamEvents(url, { onInvalid: (...args) => calls.push(args), retry: instantRetry() }),
    );
    expect(events).toEqual([JSON.parse(RUN_CREATED), JSON.parse(LOG_LINE)]);
    expect(calls.map(([issues, data, name]) => [issues.map((i) => i.code), data, name])).toEqual([
      [["json_syntax"], "{not json", "log_line"],
      [["unknown_event_type"], unknown, "run_paused"],
      [["format"], badField, "run_created"],
      [["json_syntax"], "", "message"],
    ]);
    expect(calls[2]![0][0]!.path).toBe("/run_id");
  });

  it("validates in strict mode when asked", async () => {
    const extra = RUN_CREATED.replace("{", '{"extra":1,');
    const url = await serve((_req, res, n) => {
      if (n % 2 === 0) return void res.writeHead(204).end(); // each stream is read once
      openStream(res);
      res.end(frame("run_created", extra));
    });
    const onInvalid = vi.fn();
    expect(await collect(streamEvents(url, { retry: instantRetry(), onInvalid }))).toHaveLength(1);
    expect(onInvalid).not.toHaveBeenCalled();
    expect(await collect(streamEvents(url, { retry: instantRetry(), onInvalid, strict: true }))).toEqual([]);
    expect(onInvalid.mock.calls[0]![0][0].code).toBe("additional_property");
  });

  it("reports an event over maxSize as too_large without keeping its data", async () => {
    const url = await serve((_req, res, n) => {
      if (n > 1) return void res.writeHead(204).end();
      openStream(res);
      res.end(frame("log_line", LOG_LINE.replace("compiling", "x".repeat(5000))) + frame("log_line", LOG_LINE));
    });
    const onInvalid = vi.fn();
    const events = await collect(streamEvents(url, { retry: instantRetry(), onInvalid, maxSize: 1000 }));
    expect(events).toEqual([JSON.parse(LOG_LINE)]);
    expect(onInvalid).toHaveBeenCalledOnce();
    expect(onInvalid.mock.calls[0]![0][0].code).toBe("too_large");
  });

  it("ends the loop with the error onInvalid throws, without reconnecting", async () => {
    const url = await serve((_req, res) => {
      openStream(res);
      res.end(frame("log_line", "{"));
    });
    const stop = new Error("stop");
    const events = streamEvents(url, {
      retry: instantRetry(),
      onInvalid: () => {
        throw stop;
      },
    });
    await expect(collect(events)).rejects.toBe(stop);
    expect(server().requests).toHaveLength(1);
  });
});

describe("streamEvents: the request", () => {
  it("sends types and run_id as the query, with a literal comma, plus the given headers", async () => {
    const url = await serve((_req, res) => void res.writeHead(204).end());
    const events = streamEvents(`${url}?keep=1&types=log_line`, {
      types: ["run_failed", "step_failed"],
      runId: RUN_ID,
      headers: { Authorization: "Bearer t0ken" },
    });
    expect(await collect(events)).toEqual([]);
    const [req] = server().requests;
    expect(req!.url).toBe(`/api/v1/events?keep=1&types=run_failed,step_failed&run_id=${RUN_ID}`);
    expect(req!.headers.authorization).toBe("Bearer t0ken");
    expect(req!.headers.accept).toBe("text/event-stream");
    expect(req!.headers["last-event-id"]).toBeUndefined();
  });

  it("uses the injected fetch", async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response(null, { status: 204 }));
    await collect(streamEvents("https://ironflow.example.com/api/v1/events", { fetch, types: ["log_line"] }));
    expect(fetch).toHaveBeenCalledOnce();
    expect(fetch.mock.calls[0]![0]).toBe("https://ironflow.example.com/api/v1/events?types=log_line");
    expect(new Headers(fetch.mock.calls[0]![1].headers).get("accept")).toBe("text/event-stream");
  });

  it("passes credentials to fetch, as EventSource's withCredentials does (eventsource 'can use the withCredentials option')", async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response(null, { status: 204 }));
    await collect(streamEvents("https://ironflow.example.com/api/v1/events", { fetch, credentials: "include" }));
    expect(fetch.mock.calls[0]![1].credentials).toBe("include");
    // Left out, the field is not set at all: some runtimes refuse it.
    await collect(streamEvents("https://ironflow.example.com/api/v1/events", { fetch }));
    expect("credentials" in fetch.mock.calls[1]![1]).toBe(false);
  });

  it("passes credentials to the global fetch of a real request", async () => {
    const url = await serve((_req, res) => void res.writeHead(204).end());
    const spy = vi.spyOn(globalThis, "fetch");
    try {
      await collect(streamEvents(url, { credentials: "same-origin" }));
      expect(spy.mock.calls[0]![1]).toMatchObject({ credentials: "same-origin" });
    } finally {
      spy.mockRestore();
    }
    expect(server().requests).toHaveLength(1);
  });

  it("keeps only the asked-for types even when the server sends others, and types the events so", async () => {
    const url = await serve((_req, res, n) => {
      if (n > 1) return void res.writeHead(204).end();
      openStream(res);
      res.end(frame("run_created", RUN_CREATED) + frame("log_line", LOG_LINE));
    });
    const events = streamEvents(url, { types: ["log_line", "run_failed"], retry: instantRetry() });
    expectTypeOf(events).toEqualTypeOf<AsyncIterable<LogLine | RunFailed>>();
    expect(await collect(events)).toEqual([JSON.parse(LOG_LINE)]);
  });

  it.each([
    [
      { types: ["nope"] },
      /streamEvents: types: "nope" \(at index 0\) is not an event type of engine 2\.52\.x, which would answer 400 to it; valid: run_created, /,
    ],
    [{ types: [] }, /types is empty/],
    [{ types: "log_line" }, /expected an array of event types/],
    [{ runId: "not-a-uuid" }, /runId must be a hyphenated UUID .*, got "not-a-uuid"/],
    [{ runId: 42 }, /runId must be a hyphenated UUID .*, got 42/],
    [{ retry: { maxDelayMs: -1 } }, /retry.maxDelayMs must be a finite number/],
    [{ retry: { initialDelayMs: Number.NaN } }, /retry.initialDelayMs must be a finite number/],
    [{ maxSize: -1 }, /maxSize must be a finite number of bytes/],
    [{ credentials: "with" }, /credentials must be one of "omit", "same-origin", "include", got "with"/],
  ])("refuses %j before any request, when called", (options, message) => {
    const fetch = vi.fn();
    expect(() => streamEvents("https://ironflow.example.com/api/v1/events", { ...(options as object), fetch })).toThrow(
      message,
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it("refuses a URL that does not parse, and types or runId with a source that is not a URL", () => {
    expect(() => streamEvents("not a url")).toThrow(TypeError);
    const response = new Response("", { headers: { "content-type": "text/event-stream" } });
    expect(() => streamEvents(response, { types: ["log_line"] })).toThrow(/need a URL source/);
    expect(() => streamEvents(response.body!, { runId: RUN_ID })).toThrow(/need a URL source/);
    expect(() => streamEvents(42 as never)).toThrow(/source must be a URL/);
  });

  it("refuses unknown types at compile time", () => {
    const fetch = vi.fn();
    // @ts-expect-error: "nope" is not an event type
    expect(() => streamEvents("https://ironflow.example.com/", { types: ["nope"], fetch })).toThrow(TypeError);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("streamEvents: statuses and reconnects", () => {
  it.each([
    [401, "check the headers option"],
    [403, "not allowed"],
    [404, "check the URL"],
    [400, "refused the request"],
  ])("throws EventStreamError on %i without reconnecting", async (status, hint) => {
    const url = await serve((_req, res) => void res.writeHead(status).end("no"));
    const controller = new AbortController();
    const onReconnect = vi.fn(() => controller.abort()); // were it to reconnect, the loop would stop here
    const events = streamEvents(url, { retry: instantRetry(), onReconnect, signal: controller.signal });
    const error = await collect(events).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventStreamError);
    expect((error as EventStreamError).status).toBe(status);
    expect((error as Error).message).toContain(`GET ${url} answered ${status}`);
    expect((error as Error).message).toContain("not reconnecting");
    expect((error as Error).message).toContain(hint);
    expect(server().requests).toHaveLength(1);
    expect(onReconnect).not.toHaveBeenCalled();
  });

  it("throws, without reconnecting, when the answer is not an event stream", async () => {
    const url = await serve((_req, res) => void res.writeHead(200, { "content-type": "text/html" }).end("<html>"));
    await expect(collect(streamEvents(url, { retry: instantRetry() }))).rejects.toThrow(
      /content type "text\/html", not text\/event-stream/,
    );
    expect(server().requests).toHaveLength(1);
  });

  it("reconnects after 5xx, 408 and 429 with capped exponential backoff, restarting after a connection with data", async () => {
    const plan = [503, 500, 429, 408, 502, 503, 200, 503, 503];
    const url = await serve((_req, res, n) => {
      const status = plan[n - 1];
      if (status === undefined) return void res.writeHead(204).end();
      if (status !== 200) return void res.writeHead(status).end();
      openStream(res);
      res.end(frame("run_created", RUN_CREATED));
    });
    const delays: number[] = [];
    const causes: unknown[] = [];
    const events = await collect(
      streamEvents(url, {
        retry: { initialDelayMs: 1000, maxDelayMs: 10_000, ...instantRetry(delays, () => 0) },
        onReconnect: ({ cause }) => causes.push(cause),
      }),
    );
    expect(events).toEqual([JSON.parse(RUN_CREATED)]);
    expect(server().requests).toHaveLength(plan.length + 1);
    // random() = 0: no jitter, the steps themselves: 1000, 2000, 4000, 8000, 10000 (capped), 10000;
    // then the connection with data restarts the series: 1000, 2000, 4000.
    expect(delays).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000, 1000, 2000, 4000]);
    expect((causes[0] as EventStreamError).status).toBe(503);
    expect((causes[6] as Error).message).toMatch(/the server ended the stream/);
  });

  it("adds the random part of the wait above the step, up to half of it again", async () => {
    const url = await serve((_req, res, n) => void res.writeHead(n < 3 ? 503 : 204).end());
    const delays: number[] = [];
    await collect(streamEvents(url, { retry: { initialDelayMs: 1000, ...instantRetry(delays, () => 0.999) } }));
    expect(delays).toEqual([1500, 2999]);
  });

  it("reconnects after a network error (a refused connection)", async () => {
    const url = await serve((_req, res) => void res.writeHead(204).end());
    await server().close(); // nothing listens there now
    const controller = new AbortController();
    const causes: unknown[] = [];
    await collect(
      streamEvents(url, {
        signal: controller.signal,
        retry: instantRetry(),
        onReconnect: ({ attempt, cause }) => {
          causes.push(cause);
          if (attempt === 3) controller.abort();
        },
      }),
    );
    expect(causes).toHaveLength(3);
    for (const cause of causes) {
      expect(cause).toBeInstanceOf(EventStreamError);
      expect((cause as Error).message).toMatch(
        /^streamEvents: GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/events got no answer \(TypeError: fetch failed: .*ECONNREFUSED/,
      );
      expect((cause as Error).cause).toBeInstanceOf(TypeError); // fetch failed
    }
  });

  it("sends Last-Event-ID after an id: field, and takes the server's retry: as the first wait", async () => {
    const url = await serve((req, res, n) => {
      if (n === 2) return void res.writeHead(204).end(String(req.headers["last-event-id"]));
      openStream(res);
      res.end(`retry: 700\nid: 42\n${frame("run_created", RUN_CREATED)}`);
    });
    const delays: number[] = [];
    expect(await collect(streamEvents(url, { retry: instantRetry(delays, () => 0) }))).toHaveLength(1);
    expect(server().requests[1]!.headers["last-event-id"]).toBe("42");
    expect(delays).toEqual([700]);
  });
});

describe("streamEvents: ending the loop", () => {
  it("ends cleanly when the signal aborts while the connection is open, and closes it", async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    const url = await serve(async (_req, res) => {
      openStream(res);
      res.on("close", closed);
      res.write(frame("run_created", RUN_CREATED) + frame("log_line", LOG_LINE));
      const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), 5);
      res.on("close", () => clearInterval(keepAlive));
    });
    const controller = new AbortController();
    const received: Event[] = [];
    for await (const event of streamEvents(url, { signal: controller.signal })) {
      received.push(event);
      if (received.length === 2) controller.abort();
    }
    expect(received.map((e) => e.type)).toEqual(["run_created", "log_line"]);
    await connectionClosed;
    expect(server().requests).toHaveLength(1);
  });

  it("ends cleanly when the signal aborts while it waits to reconnect", async () => {
    const url = await serve((_req, res) => void res.writeHead(503).end());
    const controller = new AbortController();
    // The real sleep, with a wait no test would sit through: only the abort can end it.
    const events = streamEvents(url, {
      signal: controller.signal,
      retry: { initialDelayMs: 3_600_000 },
      onReconnect: () => controller.abort(),
    });
    expect(await collect(events)).toEqual([]);
    expect(server().requests).toHaveLength(1);
  });

  it("makes no request when the signal has already aborted", async () => {
    const fetch = vi.fn();
    expect(await collect(streamEvents("https://x.example/", { fetch, signal: AbortSignal.abort() }))).toEqual([]);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("closes the connection when the loop is left with break", async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    const url = await serve((_req, res) => {
      openStream(res);
      res.on("close", closed);
      res.write(frame("run_created", RUN_CREATED) + frame("log_line", LOG_LINE));
    });
    for await (const event of streamEvents(url)) {
      expect(event.type).toBe("run_created");
      break;
    }
    await connectionClosed;
    expect(server().requests).toHaveLength(1);
  });
});

describe("streamEvents: a Response or ReadableStream source", () => {
  /** A stream of `text`, then its end, or `error` once the text has been read. */
  const body = (text: string, error?: Error) => {
    let sent = false;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(encoder.encode(text));
        } else if (error) controller.error(error);
        else controller.close();
      },
    });
  };

  it("reads a Response once, and ends with it", async () => {
    const response = new Response(body(frame("run_created", RUN_CREATED) + "data: {}"), {
      headers: { "content-type": "text/event-stream; charset=utf-8" },
    });
    const onInvalid = vi.fn();
    expect(await collect(streamEvents(response, { onInvalid }))).toEqual([JSON.parse(RUN_CREATED)]);
    expect(onInvalid).not.toHaveBeenCalled(); // "data: {}" never ended: not an event at all
  });

  it("throws EventStreamError for a Response with an error status", () => {
    expect(() => streamEvents(new Response("", { status: 401 }))).toThrow(EventStreamError);
  });

  it("throws EventStreamError when the stream fails, after the events that came before", async () => {
    const received: Event[] = [];
    const failing = body(frame("run_created", RUN_CREATED) + "event: log_line\ndata: {", new Error("socket hang up"));
    const error = await (async () => {
      for await (const event of streamEvents(failing)) received.push(event);
    })().catch((e: unknown) => e);
    expect(received).toEqual([JSON.parse(RUN_CREATED)]);
    expect(error).toBeInstanceOf(EventStreamError);
    expect((error as Error).message).toContain("socket hang up");
  });

  it("ends when the signal aborts while a read is pending", async () => {
    const controller = new AbortController();
    const neverEnding = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(encoder.encode(frame("run_created", RUN_CREATED)));
      },
    });
    const received: Event[] = [];
    for await (const event of streamEvents(neverEnding, { signal: controller.signal })) {
      received.push(event);
      setTimeout(() => controller.abort(), 0); // while the next read waits for bytes that never come
    }
    expect(received).toHaveLength(1);
  });
});
