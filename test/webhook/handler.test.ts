// createWebhookHandler called directly with web-standard Requests: the portable check of every
// status (test/support/webhook-check.ts, which the runtime matrix runs too), then what only a
// direct call shows: Content-Length refused before reading, configuration errors, onError that
// throws, a body that fails mid-way, and the handler's types.
import { afterEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { createWebhookHandler, type WebhookHandlerOptions } from "../../src/webhook/index.js";
import type { RunFailed, UnknownEvent } from "../../src/index.js";
import { CHECK_SECRETS, checkWebhookHandler, signBody, type CreateWebhookHandler } from "../support/webhook-check.js";
import { RUN_FAILED_TEXT } from "../support/sample-events.js";
import { within } from "../support/within.js";

const SECRET = CHECK_SECRETS[0];
const RUN_FAILED = RUN_FAILED_TEXT;

async function post(
  body: string | ReadableStream<Uint8Array> | null,
  headers: Record<string, string> = {},
): Promise<Request> {
  return new Request("http://127.0.0.1/webhook", {
    method: "POST",
    headers: { "X-Signature-256": await signBody(typeof body === "string" ? body : "", SECRET), ...headers },
    body,
    duplex: "half",
  } as RequestInit);
}

describe("createWebhookHandler", () => {
  it("answers every case with the status it promises (the portable check)", async () => {
    expect(await checkWebhookHandler(createWebhookHandler as unknown as CreateWebhookHandler)).toEqual([]);
  });

  it("the check has teeth: a handler that answers 204 to everything fails most of its cases", async () => {
    const careless = (() => async () => new Response(null, { status: 204 })) as unknown as CreateWebhookHandler;
    const failures = await checkWebhookHandler(careless);
    expect(failures.length).toBeGreaterThanOrEqual(10);
    expect(failures.join("\n")).toContain("unsigned: status 204, expected 401");
  });

  it("refuses a body whose Content-Length is over maxSize without reading any of it", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled++;
          controller.enqueue(new Uint8Array(10));
        },
      },
      { highWaterMark: 0 },
    );
    const handler = createWebhookHandler({ secret: SECRET, on: {}, maxSize: 100 });
    const response = await handler(await post(body, { "Content-Length": "101" }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "too_large", message: expect.stringContaining("100 bytes") });
    expect(pulled).toBe(0);
  });

  it("accepts a body of exactly maxSize bytes, and the default limit is DEFAULT_MAX_SIZE", async () => {
    const size = new TextEncoder().encode(RUN_FAILED).byteLength;
    let got: RunFailed | undefined;
    const exact = createWebhookHandler({
      secret: SECRET,
      on: { run_failed: (event) => void (got = event) },
      maxSize: size,
    });
    expect((await exact(await post(RUN_FAILED))).status).toBe(204);
    expect(got?.error).toBe("exit 1");
    const smaller = createWebhookHandler({ secret: SECRET, on: {}, maxSize: size - 1 });
    expect((await smaller(await post(RUN_FAILED))).status).toBe(413);
    const byDefault = createWebhookHandler({ secret: SECRET, on: {} });
    const big = JSON.stringify({ type: "run_paused", pad: "x".repeat(1024 * 1024) });
    expect((await byDefault(await post(big))).status).toBe(413);
  });

  it("waits for an async handler, and a rejected one gives 500 even when onError throws too", async () => {
    const order: string[] = [];
    const handler = createWebhookHandler({
      secret: SECRET,
      on: {
        run_failed: async () => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          order.push("handled");
          throw new Error("late failure");
        },
      },
      onError: () => {
        order.push("reported");
        throw new Error("the reporter broke too");
      },
    });
    const response = await handler(await post(RUN_FAILED));
    order.push("answered");
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: "handler_failed", message: "the handler for this event threw" });
    expect(order).toEqual(["handled", "reported", "answered"]);
  });

  it("answers 400 when the body stream fails mid-way", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("{"));
        controller.error(new Error("connection reset"));
      },
    });
    const handler = createWebhookHandler({ secret: SECRET, on: {} });
    const response = await handler(await post(body));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "unreadable" });
  });

  it("refuses a bad configuration when it is made, saying what is wrong", () => {
    const make = (options: unknown) => () => createWebhookHandler(options as WebhookHandlerOptions);
    expect(make({ secret: "", on: {} })).toThrow(/createWebhookHandler: the secret is empty/);
    expect(make({ secret: [], on: {} })).toThrow(/createWebhookHandler: the list of secrets is empty/);
    expect(make({ secret: SECRET })).toThrow(/on must be an object/);
    expect(make({ secret: SECRET, on: { run_faild: () => {} } })).toThrow(
      /on\.run_faild names no event type of engine 2\.52\.x \(known: run_created/,
    );
    expect(make({ secret: SECRET, on: { run_failed: "notify" } })).toThrow(
      /on\.run_failed must be a function, got string/,
    );
    expect(make({ secret: SECRET, on: {}, onError: null })).toThrow(/onError must be a function, got null/);
    expect(make({ secret: SECRET, on: {}, maxSize: -1 })).toThrow(/maxSize must be a number of bytes/);
    for (const timeout of [0, -1, 1.5, Infinity, "4000", 2 ** 31])
      expect(make({ secret: SECRET, on: {}, timeout })).toThrow(
        /createWebhookHandler: timeout must be a whole number of milliseconds/,
      );
    expect(make(undefined)).toThrow(TypeError);
  });

  it("types each handler's event as its variant and refuses unknown keys at compile time", () => {
    createWebhookHandler({
      secret: [SECRET, "whsec_previous"],
      on: {
        run_failed: (event, request) => {
          expectTypeOf(event).toEqualTypeOf<RunFailed>();
          expectTypeOf(request).toEqualTypeOf<Request>();
        },
      },
      unknown: (event) => expectTypeOf(event).toEqualTypeOf<UnknownEvent>(),
    });
    expectTypeOf(createWebhookHandler).returns.toEqualTypeOf<(request: Request) => Promise<Response>>();
    // @ts-expect-error: a key that names no event type
    expect(() => createWebhookHandler({ secret: SECRET, on: { run_faild: () => {} } })).toThrow(TypeError);
  });
});

describe("createWebhookHandler: the secrets", () => {
  it("refuses a rotation list with an unset entry when it is made, naming the entry (issue 22: it did not say which)", () => {
    const unset = process.env.IRONFLOW_TEST_SURELY_UNSET;
    expect(() => createWebhookHandler({ secret: [SECRET, unset!], on: {} })).toThrow(
      new TypeError(
        "createWebhookHandler: secret[1] is undefined (an unset environment variable?); " +
          "leave a secret that is not set out of the list: [current, previous].filter((s) => s !== undefined)",
      ),
    );
    expect(() => createWebhookHandler({ secret: [unset!, SECRET], on: {} })).toThrow(/secret\[0\] is undefined/);
    expect(() => createWebhookHandler({ secret: [SECRET, ""], on: {} })).toThrow(/secret\[1\] is empty/);
    expect(() => createWebhookHandler({ secret: unset!, on: {} })).toThrow(
      "createWebhookHandler: the secret is undefined (an unset environment variable?)",
    );
  });

  it("verifies with the current secret when the previous one is unset and filtered out, as the docs write it", async () => {
    const previous = process.env.IRONFLOW_TEST_SURELY_UNSET;
    const handler = createWebhookHandler({ secret: [SECRET, previous].filter((s) => s !== undefined), on: {} });
    expect((await handler(await post(RUN_FAILED))).status).toBe(204);
  });

  afterEach(() => vi.restoreAllMocks());

  it("imports each secret's key once, not once per request (issue 22: 0.37x a bare receiver)", async () => {
    // Where the runtime has no native HMAC (browsers, edge runtimes), Web Crypto does the work.
    vi.spyOn(process, "getBuiltinModule").mockReturnValue(undefined as never);
    const signature = await signBody(RUN_FAILED, SECRET);
    const request = (header = signature) =>
      new Request("http://127.0.0.1/webhook", {
        method: "POST",
        headers: { "X-Signature-256": header },
        body: RUN_FAILED,
      });
    const importKey = vi.spyOn(crypto.subtle, "importKey");
    const handler = createWebhookHandler({ secret: ["whsec_a", "whsec_b", SECRET], on: {} });
    for (let i = 0; i < 4; i++) expect((await handler(request())).status).toBe(204);
    expect((await handler(request(`sha256=${"0".repeat(64)}`))).status).toBe(401);
    expect(importKey).toHaveBeenCalledTimes(3);
  });
});

describe("createWebhookHandler: methods, the size limit and time", () => {
  it("answers every method but POST with 405 and Allow: POST", async () => {
    const handler = createWebhookHandler({ secret: SECRET, on: {} });
    for (const method of ["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "PROPFIND", "QUERY"]) {
      const response = await handler(new Request("http://127.0.0.1/webhook", { method }));
      expect(`${method} ${response.status} ${response.headers.get("allow")}`).toBe(`${method} 405 POST`);
    }
  });

  it("answers 413 with Connection: close, so a runtime that honours it drops the rest of the body", async () => {
    const handler = createWebhookHandler({ secret: SECRET, on: {}, maxSize: 10 });
    const response = await handler(await post(RUN_FAILED));
    expect(response.status).toBe(413);
    expect(response.headers.get("connection")).toBe("close");
  });

  it("answers 503 once `timeout` has passed for a handler that never settles, and aborts its request's signal", async () => {
    const reasons: unknown[] = [];
    const handler = createWebhookHandler({
      secret: SECRET,
      timeout: 50,
      on: {
        run_failed: (_event, request) => {
          request.signal.addEventListener("abort", () => reasons.push(request.signal.reason));
          return new Promise(() => {});
        },
      },
    });
    const response = await within(3000, "no answer", handler(await post(RUN_FAILED)));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: "handler_timeout",
      message:
        "the webhook took longer than 50 ms (timeout): the handler had not finished; the engine will send the event again",
    });
    expect(reasons).toHaveLength(1);
    expect((reasons[0] as Error).name).toBe("TimeoutError");
  });

  it("tells onError of a handler that fails after its time was up, and never leaves the rejection unhandled", async () => {
    const reported: unknown[] = [];
    const handler = createWebhookHandler({
      secret: SECRET,
      timeout: 20,
      on: { run_failed: () => new Promise((_, reject) => setTimeout(() => reject(new Error("too late")), 60)) },
      onError: (error) => reported.push(error),
    });
    expect((await handler(await post(RUN_FAILED))).status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(reported.map((error) => (error as Error).message)).toEqual(["too late"]);
  });

  it("answers 408 with Connection: close when the body has not all arrived within `timeout`", async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("{"));
      },
      cancel() {
        cancelled = true;
      },
    });
    const handler = createWebhookHandler({ secret: SECRET, on: {}, timeout: 30 });
    const response = await within(3000, "no answer", handler(await post(body)));
    expect(response.status).toBe(408);
    expect(response.headers.get("connection")).toBe("close");
    expect(await response.json()).toMatchObject({ error: "timeout" });
    expect(cancelled).toBe(true);
  });

  it("aborts the handler's request signal when the client goes away (the request's own signal aborts)", async () => {
    const client = new AbortController();
    let seen: AbortSignal | undefined;
    const handler = createWebhookHandler({
      secret: SECRET,
      on: {
        run_failed: (_event, request) => {
          seen = request.signal;
          client.abort();
        },
      },
    });
    const request = new Request(await post(RUN_FAILED), { signal: client.signal });
    expect((await handler(request)).status).toBe(204);
    expect(seen?.aborted).toBe(true);
    expect((seen?.reason as Error).name).toBe("AbortError");
  });

  it("answers 408 at once, without reading the body or calling the handler, when the client has gone already", async () => {
    const called = vi.fn();
    const handler = createWebhookHandler({ secret: SECRET, on: { run_failed: called } });
    const request = new Request(await post(RUN_FAILED), { signal: AbortSignal.abort() });
    const response = await within(3000, "no answer", handler(request));
    expect(response.status).toBe(408);
    expect(called).not.toHaveBeenCalled();
  });

  it("gives the request to a handler that may read it (one not declared with the event alone)", async () => {
    const args: unknown[][] = [];
    const handler = createWebhookHandler({
      secret: SECRET,
      on: { run_failed: (...all: unknown[]) => void args.push(all) },
      unknown: (event) => void args.push([event]),
    });
    expect((await handler(await post(RUN_FAILED))).status).toBe(204);
    expect(args[0]![1]).toBeInstanceOf(Request); // (...all) has length 0: it may read the request
  });
});

describe("createWebhookHandler: the engine option", () => {
  const RUN_ID = "6f453241-8579-4d6e-8ab2-171da6321d19";
  // A run_status_changed as engine 2.14 writes it (no labels), and an event of a type 2.20 added.
  const SEED_STATUS = JSON.stringify({
    type: "run_status_changed",
    run_id: RUN_ID,
    workflow_name: "deploy",
    from: "running",
    to: "completed",
    error: null,
    cost_usd: 1.5,
    duration_ms: 60000,
    at: "2026-11-25T22:25:00Z",
  });
  const BUDGET = JSON.stringify({
    type: "run_budget_exceeded",
    run_id: RUN_ID,
    workflow_name: "deploy",
    limit_usd: 10,
    spent_usd: 10.5,
    step_budget_usd: 2,
    at: "2026-11-25T22:25:01Z",
  });

  it("refuses, when it is made, a version the package does not model and a handler for a type the version does not have", () => {
    // @ts-expect-error: not a modelled engine version
    expect(() => createWebhookHandler({ secret: SECRET, engine: "2.45.0", on: {} })).toThrow(
      /^createWebhookHandler: engine "2\.45\.0" is not modelled; modelled: 2\.14\.x–2\.19\.x, 2\.20\.x–2\.40\.x, 2\.52\.x$/,
    );
    expect(() =>
      createWebhookHandler({
        secret: SECRET,
        engine: "2.14.1",
        // @ts-expect-error: run_budget_exceeded came with 2.20
        on: { run_budget_exceeded: () => {} },
      }),
    ).toThrow(/on\.run_budget_exceeded names no event type of engine 2\.14\.x–2\.19\.x/);
  });

  it("reads each event as that version does, types it so, and hands a type of a newer version to unknown", async () => {
    const received: unknown[] = [];
    const newer: string[] = [];
    const seed = createWebhookHandler({
      secret: SECRET,
      engine: "2.14.1",
      on: {
        run_status_changed: (event) => {
          // @ts-expect-error: 2.14's run_status_changed has no labels
          void event.labels;
          received.push(event);
        },
      },
      unknown: (event) => void newer.push(event.type),
    });
    expect((await seed(await post(SEED_STATUS))).status).toBe(204);
    expect((await seed(await post(BUDGET))).status).toBe(204);
    expect(received).toEqual([JSON.parse(SEED_STATUS)]);
    expect(newer).toEqual(["run_budget_exceeded"]);

    const budgets: unknown[] = [];
    const newest = createWebhookHandler({
      secret: SECRET,
      on: {
        run_status_changed: (event) => void received.push(event.labels),
        run_budget_exceeded: (event) => void budgets.push(event.limit_usd),
      },
    });
    expect((await newest(await post(SEED_STATUS))).status).toBe(204);
    expect((await newest(await post(BUDGET))).status).toBe(204);
    expect(received.at(-1)).toEqual({}); // the newest reads the default in
    expect(budgets).toEqual([10]);
  });
});
