// streamEvents' reconnection by the standard (html.spec.whatwg.org, "Server-sent events":
// the last event ID, the reconnection time, which answers are a stream), against a real HTTP
// server on 127.0.0.1. Cases ported from web-platform-tests eventsource/ (WPT) and the tests of
// eventsource (npm) name their source.
import type { IncomingMessage, ServerResponse } from "node:http";
import { getEventListeners } from "node:events";
import { setTimeout as delay } from "node:timers/promises";
import { describe, expect, it, vi } from "vitest";
import {
  EventStreamError,
  MAX_LAST_EVENT_ID_BYTES,
  MIN_RECONNECT_DELAY_MS,
  streamEvents,
  type OpenInfo,
  type ReconnectInfo,
} from "../../src/index.js";
import {
  collect,
  encoder,
  frame,
  instantRetry,
  logLine,
  openStream,
  RUN_CREATED,
  serverPerTest,
  writeChunks,
  type Handler,
} from "../support/sse-server.js";

const { serve, server } = serverPerTest();

/** The Last-Event-ID header of each request, as text (the standard sends it as UTF-8); `null` when absent. */
function lastEventIds(requests: IncomingMessage[]): (string | null)[] {
  return requests.map((req) => {
    const header = req.headers["last-event-id"];
    return typeof header === "string" ? Buffer.from(header, "latin1").toString("utf8") : null;
  });
}

describe("streamEvents: the Last-Event-ID sent on reconnect", () => {
  it("is the last ID the stream set, kept across connections, moved by an id-only block, not by a cut one (standard; eventsource 'will reconnect with last received message id')", async () => {
    const script = [
      // 1: an event with an id, then one without; the connection drops.
      async (res: ServerResponse) => {
        await writeChunks(res, [
          encoder.encode(`id: 1\n${frame("log_line", logLine("a"))}${frame("log_line", logLine("b"))}`),
        ]);
        await delay(50); // let the client read the bytes: the error of a broken connection discards those still queued
        res.socket!.destroy();
      },
      // 2: events without ids: the ID stays 1; the server ends the stream.
      (res: ServerResponse) =>
        res.end(frame("log_line", logLine("c")) + ": ping\n\n" + frame("log_line", logLine("d"))),
      // 3: an id-only block: no event, but the ID is now 2.
      (res: ServerResponse) => res.end("id: 2\n\n"),
      // 4: a block with id 3 that the connection cuts before its blank line.
      async (res: ServerResponse) => {
        await writeChunks(res, [encoder.encode(`id: 3\nevent: log_line\ndata: ${logLine("e").slice(0, 20)}`)]);
        await delay(50); // let the client read the bytes: the error of a broken connection discards those still queued
        res.socket!.destroy();
      },
      // 5: an empty id: no ID any more.
      (res: ServerResponse) => res.end(`id:\n${frame("log_line", logLine("f"))}`),
    ];
    const url = await serve(async (_req, res, n) => {
      const step = script[n - 1];
      if (step === undefined) return void res.writeHead(204).end();
      openStream(res);
      await step(res);
    });
    const reconnects: string[] = [];
    const events = await collect(
      streamEvents(url, { retry: instantRetry(), onReconnect: ({ lastEventId }) => reconnects.push(lastEventId) }),
    );
    expect(events.map((e) => (e.type === "log_line" ? e.line : e.type))).toEqual(["a", "b", "c", "d", "f"]);
    expect(lastEventIds(server().requests)).toEqual([null, "1", "1", "2", "2", null]);
    expect(reconnects).toEqual(["1", "1", "2", "2", ""]);
  });

  it("WPT format-field-id and format-field-id-2: '…' is sent as UTF-8, and again after a connection without id", async () => {
    // As resources/last-event-id.py: with a Last-Event-ID, echo it as data (no id field);
    // without, set the id and a short retry.
    const url = await serve((req, res, n) => {
      if (n > 3) return void res.writeHead(204).end();
      openStream(res);
      const [lastEventId] = lastEventIds([req]);
      res.end(lastEventId === null ? "id: …\nretry: 200\ndata: hello\n\n" : `data: ${lastEventId}\n\n`);
    });
    const data: string[] = [];
    await collect(streamEvents(url, { retry: instantRetry(), onInvalid: (_issues, text) => data.push(text) }));
    expect(server().requests[1]!.headers["last-event-id"]).toBe(Buffer.from("…").toString("latin1"));
    expect(lastEventIds(server().requests)).toEqual([null, "…", "…", "…"]);
    expect(data).toEqual(["hello", "…", "…"]); // not events of this package: onInvalid shows what came
  });
});

describe("streamEvents: how long it waits before a reconnect", () => {
  /** Answers each request with the next status of `plan` (200: a stream with `body`), then 204. */
  function planned(plan: number[], body: (n: number) => string): Handler {
    return (_req, res, n) => {
      const status = plan[n - 1];
      if (status === undefined) return void res.writeHead(204).end();
      if (status !== 200) return void res.writeHead(status).end();
      openStream(res);
      res.end(body(n));
    };
  }

  /** A random source that goes round `values`. */
  const cycling = (values: number[]) => {
    let i = 0;
    return () => values[i++ % values.length]!;
  };

  it("standard 'reestablish the connection': never less than the server's retry:, jitter above it, backoff on top", async () => {
    const plan = [200, 503, 503, 503, 503, 503, 200, 500];
    const url = await serve(
      planned(plan, (n) => `${n === 1 ? "retry: 3000\n" : ""}${frame("run_created", RUN_CREATED)}`),
    );
    const delays: number[] = [];
    const randoms = [0, 0.5, 0.999];
    await collect(streamEvents(url, { retry: instantRetry(delays, cycling(randoms)) }));
    // Steps: 3000 after a connection with data; 6000, 12000, 24000, then capped at 30000 for
    // failures in a row; 3000 again after the next connection with data, then 6000.
    const steps = [3000, 6000, 12000, 24000, 30000, 30000, 3000, 6000];
    expect(delays).toEqual(steps.map((step, i) => Math.round(step * (1 + 0.5 * randoms[i % 3]!))));
    for (const [i, delay] of delays.entries()) {
      expect(delay).toBeGreaterThanOrEqual(steps[i]!);
      expect(delay).toBeLessThan(steps[i]! * 1.5);
    }
  });

  it("waits the server's retry: even when it is longer than maxDelayMs, which only caps the backoff", async () => {
    const url = await serve(planned([200, 503, 503], () => `retry: 60000\n${frame("run_created", RUN_CREATED)}`));
    const delays: number[] = [];
    await collect(streamEvents(url, { retry: { maxDelayMs: 30_000, ...instantRetry(delays) } }));
    expect(delays).toEqual([60_000, 60_000, 60_000]);
  });

  it("with retry: 0, reconnects after the floor (MIN_RECONNECT_DELAY_MS) after a stream, and backs off from initialDelayMs when attempts fail", async () => {
    const url = await serve(planned([200, 503, 503], () => `retry: 0\n${frame("run_created", RUN_CREATED)}`));
    const delays: number[] = [];
    await collect(streamEvents(url, { retry: { initialDelayMs: 1000, ...instantRetry(delays) } }));
    expect(delays).toEqual([MIN_RECONNECT_DELAY_MS, 2000, 4000]);
  });

  it("WPT format-field-retry-bogus: a bad retry: after a good one leaves the good one", async () => {
    const url = await serve(planned([200], () => `retry:2000\nretry:1000x\n${frame("run_created", RUN_CREATED)}`));
    const delays: number[] = [];
    await collect(streamEvents(url, { retry: instantRetry(delays) }));
    expect(delays).toEqual([2000]);
  });

  it("really waits at least the server's retry: between the end of a stream and the next request", async () => {
    const ended: number[] = [];
    const arrived: number[] = [];
    const url = await serve((_req, res, n) => {
      arrived.push(performance.now());
      if (n > 1) return void res.writeHead(204).end();
      openStream(res);
      res.end(`retry: 600\n${frame("run_created", RUN_CREATED)}`, () => ended.push(performance.now()));
    });
    await collect(streamEvents(url)); // the real sleep; only a lower bound is asserted, which load cannot break
    expect(arrived).toHaveLength(2);
    expect(arrived[1]! - ended[0]!).toBeGreaterThanOrEqual(600 - 2); // timer and clock granularity
  });
});

describe("streamEvents: which answers are a stream", () => {
  it.each([205, 210, 299])(
    "WPT request-status-error (%i): a 2xx other than 200 fails the connection: EventStreamError with the status, no reconnect",
    async (status) => {
      const url = await serve(
        (_req, res) =>
          void res.writeHead(status, { "content-type": "text/event-stream" }).end(frame("run_created", RUN_CREATED)),
      );
      const onReconnect = vi.fn();
      const error = await collect(streamEvents(url, { retry: instantRetry(), onReconnect })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventStreamError);
      expect((error as EventStreamError).status).toBe(status);
      expect((error as Error).message).toMatch(
        new RegExp(`answered ${status}\\b[^;]*; not reconnecting: an event stream is a 200 answer`),
      );
      expect(server().requests).toHaveLength(1);
      expect(onReconnect).not.toHaveBeenCalled();
    },
  );

  it("WPT request-status-error (204) and eventsource 'will close stream on HTTP 204': 204 ends the loop quietly", async () => {
    const url = await serve((_req, res, n) => {
      if (n > 1) return void res.writeHead(204).end();
      openStream(res);
      res.end(frame("run_created", RUN_CREATED));
    });
    const onReconnect = vi.fn();
    expect(await collect(streamEvents(url, { retry: instantRetry(), onReconnect }))).toHaveLength(1);
    expect(onReconnect).toHaveBeenCalledOnce(); // after the first stream ended; not after the 204
    expect(server().requests).toHaveLength(2);
  });

  it("retries a 503, where WPT request-status-error expects the connection to fail: a documented choice", async () => {
    const url = await serve((_req, res, n) => void res.writeHead(n === 1 ? 503 : 204).end());
    const delays: number[] = [];
    await collect(streamEvents(url, { retry: instantRetry(delays) }));
    expect(server().requests).toHaveLength(2);
    expect(delays).toEqual([1000]);
  });

  it.each([
    ["text/x-bogus", "WPT format-mime-valid-bogus"],
    [undefined, "standard: no Content-Type is not text/event-stream"],
  ])("throws, without reconnecting, on a 200 of type %s (%s)", async (type, _source) => {
    const url = await serve((_req, res) => {
      res.writeHead(200, type === undefined ? {} : { "content-type": type });
      res.end(frame("run_created", RUN_CREATED));
    });
    await expect(collect(streamEvents(url, { retry: instantRetry() }))).rejects.toThrow(
      /not text\/event-stream; not reconnecting/,
    );
    expect(server().requests).toHaveLength(1);
  });

  it("accepts text/event-stream with parameters and in any case", async () => {
    const url = await serve((_req, res, n) => {
      if (n > 1) return void res.writeHead(204).end();
      res.writeHead(200, { "content-type": "Text/Event-Stream; charset=utf-8" });
      res.end(frame("run_created", RUN_CREATED));
    });
    expect(await collect(streamEvents(url, { retry: instantRetry() }))).toHaveLength(1);
  });

  it("refuses a Response source with status 205 as the connection would be failed", () => {
    const response = new Response(null, { status: 205, headers: { "content-type": "text/event-stream" } });
    expect(() => streamEvents(response)).toThrow(EventStreamError);
  });
});

describe("streamEvents: comments under maxSize", () => {
  it("a padding comment longer than maxSize on connect spoils nothing: the next event arrives, no too_large", async () => {
    const url = await serve((_req, res, n) => {
      if (n > 1) return void res.writeHead(204).end();
      openStream(res);
      res.end(`:${" ".repeat(2048)}\n\nfoo: ${"x".repeat(4096)}\n${frame("run_created", RUN_CREATED)}`);
    });
    const onInvalid = vi.fn();
    const events = await collect(streamEvents(url, { retry: instantRetry(), onInvalid, maxSize: 1000 }));
    expect(events).toEqual([JSON.parse(RUN_CREATED)]);
    expect(onInvalid).not.toHaveBeenCalled();
  });
});

describe("streamEvents against a server that closes at once, and over many reconnects (issue 22)", () => {
  it("a server that sends retry: 0 and closes gets no more than one connection per MIN_RECONNECT_DELAY_MS (it got 1,263 in 3 s)", async () => {
    const url = await serve((_req, res) => {
      openStream(res);
      res.end("retry: 0\n\n");
    });
    const signal = AbortSignal.timeout(1200);
    await collect(streamEvents(url, { signal, onReconnect: () => {} })); // the real sleep
    // The first at once, then one per wait of at least 500 ms: 3 at most in 1.2 s.
    expect(server().requests.length).toBeGreaterThanOrEqual(2);
    expect(server().requests.length).toBeLessThanOrEqual(1 + Math.floor(1200 / MIN_RECONNECT_DELAY_MS));
  });

  it("keeps one abort listener on the caller's signal per connection, removed after it (they piled up: MaxListenersExceededWarning)", async () => {
    const controller = new AbortController();
    const duringConnections: number[] = [];
    const url = await serve((_req, res, n) => {
      duringConnections.push(getEventListeners(controller.signal, "abort").length);
      if (n > 25) return void res.writeHead(204).end();
      openStream(res);
      res.end(frame("run_created", RUN_CREATED));
    });
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    const betweenConnections: number[] = [];
    try {
      await collect(
        streamEvents(url, {
          signal: controller.signal,
          retry: instantRetry(),
          onReconnect: () => betweenConnections.push(getEventListeners(controller.signal, "abort").length),
        }),
      );
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    } finally {
      process.off("warning", onWarning);
    }
    expect(betweenConnections).toHaveLength(25);
    expect(new Set(duringConnections)).toEqual(new Set([1]));
    expect(new Set(betweenConnections)).toEqual(new Set([0]));
    expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
  });

  it("ignores an id: longer than MAX_LAST_EVENT_ID_BYTES: the stream goes on with the last ID (a 900 KB id made the next request fail with 431, for good)", async () => {
    const url = await serve((_req, res, n) => {
      if (n > 2) return void res.writeHead(204).end();
      openStream(res);
      res.end(
        n === 1
          ? `id: 7\n${frame("run_created", RUN_CREATED)}`
          : `id: ${"x".repeat(900 * 1024)}\n${frame("log_line", logLine("after"))}`,
      );
    });
    const events = await collect(streamEvents(url, { retry: instantRetry() }));
    expect(events.map((e) => e.type)).toEqual(["run_created", "log_line"]);
    expect(lastEventIds(server().requests)).toEqual([null, "7", "7"]);
  });

  it("keeps an id: of exactly MAX_LAST_EVENT_ID_BYTES bytes of UTF-8, and drops one a byte longer", async () => {
    const fits = "é".repeat(MAX_LAST_EVENT_ID_BYTES / 2); // two bytes each
    const url = await serve((_req, res, n) => {
      if (n > 2) return void res.writeHead(204).end();
      openStream(res);
      res.end(n === 1 ? `id: ${fits}\n\n` : `id: ${fits}x\n\n`);
    });
    await collect(streamEvents(url, { retry: instantRetry() }));
    expect(lastEventIds(server().requests)).toEqual([null, fits, fits]);
  });
});

describe("streamEvents: what onReconnect and onOpen are told (issue 22)", () => {
  it("tells how long the stream has been down, and how many attempts in a row failed, each with its cause", async () => {
    const plan = [200, 503, 503, 200];
    const url = await serve((_req, res, n) => {
      const status = plan[n - 1];
      if (status === undefined) return void res.writeHead(204).end();
      if (status !== 200) return void res.writeHead(status).end();
      openStream(res);
      res.end(frame("run_created", RUN_CREATED));
    });
    const reconnects: ReconnectInfo[] = [];
    const opens: OpenInfo[] = [];
    await collect(
      streamEvents(url, {
        retry: { random: () => 0, sleep: (ms) => delay(40) }, // a real wait, shorter than asked
        onReconnect: (info) => reconnects.push(info),
        onOpen: (info) => opens.push(info),
      }),
    );
    expect(reconnects.map(({ attempt, failures }) => [attempt, failures])).toEqual([
      [1, 0], // the stream ended after it was up
      [2, 1],
      [3, 2],
      [4, 0], // up again, then ended
    ]);
    expect(reconnects.map((r) => r.cause.message.replace(url, "URL"))).toEqual([
      "streamEvents: GET URL: the server ended the stream",
      "streamEvents: GET URL answered 503 Service Unavailable",
      "streamEvents: GET URL answered 503 Service Unavailable",
      "streamEvents: GET URL: the server ended the stream",
    ]);
    for (const r of reconnects) expect(r.cause).toBeInstanceOf(EventStreamError);
    // Down since the first stream ended: growing by each wait (40 ms) until the stream is up again.
    expect(reconnects[0]!.downtimeMs).toBeLessThan(40);
    expect(reconnects[1]!.downtimeMs).toBeGreaterThanOrEqual(38);
    expect(reconnects[2]!.downtimeMs).toBeGreaterThanOrEqual(reconnects[1]!.downtimeMs + 38);
    expect(reconnects[3]!.downtimeMs).toBeLessThan(40);
    expect(opens.map((o) => o.attempt)).toEqual([0, 3]);
    expect(opens[1]!.downtimeMs).toBeGreaterThanOrEqual(3 * 38);
  });

  it("without onReconnect, warns once per streak of failures, at its third attempt, with the cause", async () => {
    const url = await serve((_req, res, n) => void res.writeHead(n <= 6 ? 502 : 204).end());
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      await collect(streamEvents(url, { retry: instantRetry() }));
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(
        /^streamEvents: GET .* answered 502 Bad Gateway; 3 attempts in a row have failed, the stream has been down for \d+ s; still retrying \(pass onReconnect/,
      );
    } finally {
      warn.mockRestore();
    }
  });

  it("says, for a URL of another origin than the page, that a fetch failure may be a CORS refusal, and what to allow", async () => {
    vi.stubGlobal("location", { origin: "https://dashboard.example", href: "https://dashboard.example/" });
    const causes: EventStreamError[] = [];
    const controller = new AbortController();
    try {
      await collect(
        streamEvents("https://ironflow.example/api/v1/events", {
          // What a browser's fetch does with a CORS refusal: a TypeError that says nothing.
          fetch: () => Promise.reject(new TypeError("Failed to fetch")),
          headers: { Authorization: "Bearer t" },
          credentials: "include",
          signal: controller.signal,
          retry: instantRetry(),
          onReconnect: ({ cause, attempt }) => {
            causes.push(cause);
            if (attempt === 2) controller.abort();
          },
        }),
      );
    } finally {
      vi.unstubAllGlobals();
    }
    expect(causes).toHaveLength(2);
    expect(causes[0]!.message).toBe(
      "streamEvents: GET https://ironflow.example/api/v1/events got no answer (TypeError: Failed to fetch): " +
        "the network failed, or the server refused this page's origin by CORS, which a browser reports the same way " +
        "(the developer console says which); for https://dashboard.example, the server must answer with " +
        "Access-Control-Allow-Origin: https://dashboard.example, Access-Control-Allow-Headers: authorization " +
        "(in its answer to the preflight OPTIONS request), Access-Control-Allow-Credentials: true",
    );
    expect(causes[0]!.cause).toBeInstanceOf(TypeError);
  });
});
