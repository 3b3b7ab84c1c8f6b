// createWebhookHandler called directly with web-standard Requests: the portable check of every
// status (test/support/webhook-check.ts, which the runtime matrix runs too), then what only a
// direct call shows: Content-Length refused before reading, configuration errors, onError that
// throws, a body that fails mid-way, and the handler's types.
import { describe, expect, expectTypeOf, it } from "vitest";
import { createWebhookHandler, type WebhookHandlerOptions } from "../../src/webhook/index.js";
import type { RunFailed, UnknownEvent } from "../../src/index.js";
import { CHECK_SECRETS, checkWebhookHandler, signBody, type CreateWebhookHandler } from "../support/webhook-check.js";
import { RUN_FAILED_TEXT } from "../support/sample-events.js";

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
      /on\.run_faild names no event type \(known: run_created/,
    );
    expect(make({ secret: SECRET, on: { run_failed: "notify" } })).toThrow(
      /on\.run_failed must be a function, got string/,
    );
    expect(make({ secret: SECRET, on: {}, onError: null })).toThrow(/onError must be a function, got null/);
    expect(make({ secret: SECRET, on: {}, maxSize: -1 })).toThrow(/maxSize must be a number of bytes/);
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
