// toNodeHandler behind real servers on 127.0.0.1: plain node:http (the portable check of every
// status, through the network), Express (raw route, and the clear refusal after express.json())
// and Fastify (the raw request after reply.hijack(), and a buffer body parser).
import { once } from "node:events";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
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
import { RUN_FAILED_TEXT } from "../support/sample-events.js";
import { within } from "../support/within.js";

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

/** A signed run_failed over node:http; resolves with the status and the JSON body. */
function signedRequest(
  base: string,
  options: { agent?: http.Agent; signal?: AbortSignal } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    void signBody(RUN_FAILED_TEXT, SECRET).then((signature) => {
      const req = http.request(
        `${base}/webhook`,
        {
          method: "POST",
          agent: options.agent,
          signal: options.signal,
          headers: { "Content-Type": "application/json", "X-Signature-256": signature },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (text += chunk));
          res.on("end", () => resolve({ status: res.statusCode!, body: text === "" ? {} : JSON.parse(text) }));
        },
      );
      req.on("error", reject);
      req.end(RUN_FAILED_TEXT);
    }, reject);
  });
}

describe("toNodeHandler: the body left unread closes the connection", () => {
  /**
   * Sends a chunked body without end, as fast as the connection takes it, for at most 2 s;
   * returns what came back, whether the server closed the connection, and how many bytes the
   * server read from it.
   */
  async function endlessChunkedBody(base: string, sockets: net.Socket[]) {
    const client = net.connect(Number(new URL(base).port), "127.0.0.1");
    let received = "";
    let closed = false;
    client.on("data", (data) => (received += data.toString("latin1")));
    // EPIPE or ECONNRESET once the server has closed: expected. The kernel resets a connection
    // closed with unread bytes, and a client still writing may meet that reset on a write before it
    // reads the answer (on a busy machine it does): Node then destroys the socket, the answer unread.
    let resetFirst = false;
    client.on("error", () => (resetFirst ||= received === ""));
    client.on("close", () => (closed = true));
    await once(client, "connect");
    client.write(
      "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n",
    );
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]);
    const start = Date.now();
    while (!closed && Date.now() - start < 2000) {
      if (!client.write(frame))
        await new Promise((resolve) => (client.once("drain", resolve), setTimeout(resolve, 50)));
    }
    const closedByServer = closed;
    client.destroy();
    await delay(20);
    return {
      received,
      resetFirst,
      closedByServer,
      serverRead: sockets.reduce((sum, socket) => sum + socket.bytesRead, 0),
    };
  }

  it("after 413 to a chunked body over maxSize: answers, sends Connection: close, and reads no more (issue 22: 692 MiB in 4 s)", async () => {
    const sockets: net.Socket[] = [];
    const server = http.createServer(toNodeHandler(createWebhookHandler({ secret: SECRET, on: {}, maxSize: 1024 })));
    server.on("connection", (socket: net.Socket) => sockets.push(socket));
    const base = await listen(server);
    const { received, resetFirst, closedByServer, serverRead } = await endlessChunkedBody(base, sockets);
    if (!resetFirst) {
      expect(received).toMatch(/^HTTP\/1\.1 413 /);
      expect(received.toLowerCase()).toContain("\r\nconnection: close\r\n");
      expect(received).toContain('"error":"too_large"');
    }
    expect(closedByServer).toBe(true);
    // What the kernel had buffered when reading stopped, not the megabytes the client kept sending.
    expect(serverRead).toBeLessThan(1024 * 1024);
  });

  it("any other handler that leaves the body unread gets the same: Connection: close, no more read", async () => {
    const sockets: net.Socket[] = [];
    const listener = toNodeHandler(async (request) => {
      await request.body!.getReader().read(); // one chunk, then no more
      return new Response("enough", { status: 413 });
    });
    const server = http.createServer(listener);
    server.on("connection", (socket: net.Socket) => sockets.push(socket));
    const { received, resetFirst, closedByServer, serverRead } = await endlessChunkedBody(
      await listen(server),
      sockets,
    );
    if (!resetFirst) {
      expect(received).toMatch(/^HTTP\/1\.1 413 /);
      expect(received.toLowerCase()).toContain("\r\nconnection: close\r\n");
    }
    expect(closedByServer).toBe(true);
    expect(serverRead).toBeLessThan(1024 * 1024);
  });

  it("keeps the connection when the body was read to its end", async () => {
    const base = await listen(http.createServer(toNodeHandler(createWebhookHandler({ secret: SECRET, on: {} }))));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    agent.on("free", (socket) => sockets.add(socket));
    try {
      for (let i = 0; i < 3; i++) expect((await signedRequest(base, { agent })).status).toBe(204);
      expect(sockets.size).toBe(1);
    } finally {
      agent.destroy();
    }
  });
});

describe("toNodeHandler: methods", () => {
  it("answers every method but POST with 405 and Allow: POST, TRACE included (issue 22: TRACE got 500 body_already_parsed)", async () => {
    const base = await listen(http.createServer(toNodeHandler(createWebhookHandler({ secret: SECRET, on: {} }))));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    try {
      const methods = http.METHODS.filter((method) => method !== "POST" && method !== "CONNECT");
      const answers = await Promise.all(
        methods.map(
          (method) =>
            new Promise<string>((resolve, reject) => {
              // node:http itself refuses a TRACE with a body (400): the request is the one a scanner sends.
              const body = ["GET", "HEAD", "TRACE"].includes(method) ? "" : "{}";
              const headers = { "Content-Length": String(body.length) }; // node:http sends DELETE's body unframed otherwise
              const req = http.request(`${base}/webhook`, { method, agent, headers }, (res) => {
                res.resume();
                res.on("end", () => resolve(`${method} ${res.statusCode} ${res.headers.allow}`));
              });
              req.on("error", reject);
              req.end(body);
            }),
        ),
      );
      expect(answers).toEqual(methods.map((method) => `${method} 405 POST`));
    } finally {
      agent.destroy();
    }
  });

  it("answers 501 for a method a web Request cannot carry, when the handler is not a webhook handler", async () => {
    const base = await listen(http.createServer(toNodeHandler(async () => new Response(null, { status: 204 }))));
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${base}/`, { method: "TRACE" }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(501);
  });
});

describe("toNodeHandler: time and the client", () => {
  it("aborts request.signal when the client goes away while the handler runs (issue 22: it never aborted)", async () => {
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    const reasons: unknown[] = [];
    const handler = createWebhookHandler({
      secret: SECRET,
      timeout: 10_000,
      on: {
        run_failed: (_event, request) =>
          new Promise<void>((resolve) => {
            request.signal.addEventListener("abort", () => {
              reasons.push(request.signal.reason);
              resolve();
            });
            started();
          }),
      },
    });
    const base = await listen(http.createServer(toNodeHandler(handler)));
    const client = new AbortController();
    const answered = signedRequest(base, { signal: client.signal }).catch(() => "aborted");
    await within(5000, "the handler was not called", handlerStarted);
    client.abort();
    expect(await answered).toBe("aborted");
    await within(
      2000,
      "request.signal did not abort",
      (async () => {
        while (reasons.length === 0) await delay(10);
      })(),
    );
    expect((reasons[0] as Error).name).toBe("AbortError");
  });

  it("answers 503 once `timeout` has passed for a handler that never settles, its signal aborted with a TimeoutError", async () => {
    const reasons: unknown[] = [];
    const handler = createWebhookHandler({
      secret: SECRET,
      timeout: 150,
      on: {
        run_failed: (_event, request) => {
          request.signal.addEventListener("abort", () => reasons.push(request.signal.reason));
          return new Promise(() => {}); // never settles
        },
      },
    });
    const base = await listen(http.createServer(toNodeHandler(handler)));
    const started = Date.now();
    const { status, body } = await within(3000, "no answer", signedRequest(base));
    expect(status).toBe(503);
    expect(body).toMatchObject({ error: "handler_timeout", message: expect.stringContaining("150 ms") });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect((reasons[0] as Error).name).toBe("TimeoutError");
  });

  it("answers 408 and closes the connection when the body does not arrive within `timeout`", async () => {
    const handler = createWebhookHandler({ secret: SECRET, timeout: 150, on: {} });
    const base = await listen(http.createServer(toNodeHandler(handler)));
    const client = net.connect(Number(new URL(base).port), "127.0.0.1");
    let received = "";
    client.on("data", (data) => (received += data.toString("latin1")));
    await once(client, "connect");
    client.write("POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{");
    await within(3000, "the connection stayed open", once(client, "close"));
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(received.toLowerCase()).toContain("\r\nconnection: close\r\n");
    expect(received).toContain('"error":"timeout"');
  });

  it("takes the shorter of its own timeout and the handler's, and bounds any other handler too", async () => {
    const never = createWebhookHandler({
      secret: SECRET,
      timeout: 10_000,
      on: { run_failed: () => new Promise(() => {}) },
    });
    const base = await listen(http.createServer(toNodeHandler(never, { timeout: 100 })));
    expect((await within(3000, "no answer", signedRequest(base))).status).toBe(503);

    let aborted: unknown;
    const generic = toNodeHandler(
      (request) =>
        new Promise<Response>(() => {
          request.signal.addEventListener("abort", () => (aborted = request.signal.reason));
        }),
      { timeout: 100 },
    );
    const other = await listen(http.createServer(generic));
    const { status, body } = await within(3000, "no answer", signedRequest(other));
    expect(status).toBe(503);
    expect(body).toMatchObject({ error: "handler_timeout" });
    expect((aborted as Error).name).toBe("TimeoutError");
    expect(() => toNodeHandler(generic as never, { timeout: 0 })).toThrow(
      /toNodeHandler: timeout must be a whole number/,
    );
  });
});
