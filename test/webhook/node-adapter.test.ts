// toNodeHandler behind real servers on 127.0.0.1: plain node:http (the portable check of every
// status, through the network), Express (raw route, and the clear refusal after express.json())
// and Fastify (the raw request after reply.hijack(), and a buffer body parser).
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import Fastify from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { createWebhookHandler, toNodeHandler, type NodeRequest, type NodeResponse } from "../../src/webhook/index.js";
import { listenLocally } from "../support/local-server.js";
import {
  CHECK_SECRETS,
  checkWebhookHandler,
  signBody,
  type CreateWebhookHandler,
  type Mount,
} from "../support/webhook-check.js";

const SECRET = CHECK_SECRETS[0];
const EVENT = JSON.stringify({
  type: "user_signed_out",
  user_id: "460a7a4d-ab36-70a1-98a2-709815e295fd",
  at: "2054-04-07T21:24:08.379Z",
});

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Listens on 127.0.0.1 on a free port; closed after the test. */
async function listen(server: http.Server): Promise<string> {
  const { origin, close } = await listenLocally(server);
  closers.push(close);
  return origin;
}

/** Sends a web Request to `base` over the network, body streamed. */
function forward(base: string, request: Request): Promise<Response> {
  const url = new URL(request.url);
  return fetch(`${base}${url.pathname}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    duplex: "half",
    signal: AbortSignal.timeout(20_000),
  } as RequestInit);
}

async function signedPost(base: string, body = EVENT): Promise<Response> {
  return fetch(`${base}/webhook`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Signature-256": await signBody(body, SECRET) },
    body,
    signal: AbortSignal.timeout(10_000),
  });
}

describe("toNodeHandler", () => {
  it("serves the handler from node:http with every status of the portable check", async () => {
    const viaNodeHttp: Mount = async (handler) => {
      const base = await listen(http.createServer(toNodeHandler(handler)));
      return { exchange: (request) => forward(base, request), close: async () => {} };
    };
    expect(await checkWebhookHandler(createWebhookHandler as unknown as CreateWebhookHandler, viaNodeHttp)).toEqual([]);
  });

  it("passes the request's URL, method and headers on, and writes the handler's status and headers", async () => {
    let seen: Request | undefined;
    const listener = toNodeHandler(async (request) => {
      seen = request;
      return new Response("teapot", { status: 418, headers: { "X-Handled-By": "test" } });
    });
    const base = await listen(http.createServer(listener));
    const response = await fetch(`${base}/hooks/ironflow?x=1`, {
      method: "PUT",
      headers: { "X-Custom": "a" },
      body: "hi",
    });
    expect(response.status).toBe(418);
    expect(response.headers.get("x-handled-by")).toBe("test");
    expect(await response.text()).toBe("teapot");
    expect(seen!.method).toBe("PUT");
    expect(new URL(seen!.url).pathname + new URL(seen!.url).search).toBe("/hooks/ironflow?x=1");
    expect(seen!.headers.get("x-custom")).toBe("a");
    expect(await seen!.text()).toBe("hi");
  });

  it("answers 500 when the handler itself rejects, tells onError, and the server goes on", async () => {
    const reported: unknown[] = [];
    const listener = toNodeHandler(
      async () => {
        throw new Error("broken handler");
      },
      { onError: (error) => void reported.push(error) },
    );
    const base = await listen(http.createServer(listener));
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${base}/webhook`, { method: "POST", body: "{}" });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ error: "handler_failed", message: "the request handler threw" });
    }
    expect(reported.map((error) => (error as Error).message)).toEqual(["broken handler", "broken handler"]);
  });

  it("works as an Express route, with the body streamed or taken from express.raw()", async () => {
    const received: string[] = [];
    const handler = createWebhookHandler({
      secret: SECRET,
      on: { user_signed_out: (event) => void received.push(event.user_id) },
    });
    const app = express();
    app.post("/webhook", toNodeHandler(handler));
    app.post("/raw", express.raw({ type: "application/json" }), toNodeHandler(handler));
    app.post("/parsed", express.json(), toNodeHandler(handler));
    const base = await listen(http.createServer(app));
    expect((await signedPost(base)).status).toBe(204);
    const raw = await fetch(`${base}/raw`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Signature-256": await signBody(EVENT, SECRET) },
      body: EVENT,
    });
    expect(raw.status).toBe(204);
    expect(received).toEqual(["460a7a4d-ab36-70a1-98a2-709815e295fd", "460a7a4d-ab36-70a1-98a2-709815e295fd"]);
    const parsed = await fetch(`${base}/parsed`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Signature-256": await signBody(EVENT, SECRET) },
      body: EVENT,
    });
    expect(parsed.status).toBe(500);
    expect(await parsed.json()).toMatchObject({
      error: "body_already_parsed",
      message: expect.stringContaining("mount the webhook route before the body parser"),
    });
  });

  it("works in Fastify on the raw request and response after reply.hijack()", async () => {
    const received: string[] = [];
    const listener = toNodeHandler(
      createWebhookHandler({ secret: SECRET, on: { user_signed_out: (event) => void received.push(event.type) } }),
    );
    const app = Fastify();
    await app.register(async (webhooks) => {
      // Leave the body unread for the adapter: this parser, scoped to the plugin, parses nothing.
      webhooks.removeAllContentTypeParsers();
      webhooks.addContentTypeParser("*", (_request, _payload, done) => done(null));
      webhooks.post("/webhook", async (request, reply) => {
        reply.hijack();
        await listener(request.raw, reply.raw);
      });
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    closers.push(() => app.close());
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    expect((await signedPost(base)).status).toBe(204);
    expect((await signedPost(base, EVENT.replace("user_signed_out", "user_signed_in"))).status).toBe(400);
    expect(received).toEqual(["user_signed_out"]);
  });

  it("takes node:http's request and response types, and Express's", () => {
    const listener = toNodeHandler(async () => new Response(null, { status: 204 }));
    const fromNode: (req: http.IncomingMessage, res: http.ServerResponse) => unknown = listener;
    const fromExpress: (req: express.Request, res: express.Response) => unknown = listener;
    const structural: (req: NodeRequest, res: NodeResponse) => Promise<void> = listener;
    expect([fromNode, fromExpress, structural].every((f) => f === listener)).toBe(true);
  });
});
