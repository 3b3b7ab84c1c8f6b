// streamEvents' reconnection by the standard (html.spec.whatwg.org, "Server-sent events":
// the last event ID, the reconnection time, which answers are a stream), against a real HTTP
// server on 127.0.0.1. Cases ported from web-platform-tests eventsource/ (WPT) and the tests of
// eventsource (npm) name their source.
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { describe, expect, it, vi } from "vitest";
import { EventStreamError, streamEvents } from "../../src/index.js";
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

  it("with retry: 0, reconnects at once after a stream, yet backs off from initialDelayMs when attempts fail", async () => {
    const url = await serve(planned([200, 503, 503], () => `retry: 0\n${frame("run_created", RUN_CREATED)}`));
    const delays: number[] = [];
    await collect(streamEvents(url, { retry: { initialDelayMs: 1000, ...instantRetry(delays) } }));
    expect(delays).toEqual([0, 2000, 4000]);
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
      if (n > 2) return void res.writeHead(204).end();
      openStream(res);
      res.end(`retry: 150\n${frame("run_created", RUN_CREATED)}`, () => ended.push(performance.now()));
    });
    await collect(streamEvents(url)); // the real sleep; only a lower bound is asserted, which load cannot break
    expect(arrived).toHaveLength(3);
    expect(arrived[1]! - ended[0]!).toBeGreaterThanOrEqual(150 - 2); // timer and clock granularity
    expect(arrived[2]! - ended[1]!).toBeGreaterThanOrEqual(150 - 2);
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
