// toNodeHandler: runs a web-standard handler (createWebhookHandler's) behind node:http, Express
// or Fastify. The request body is streamed into the handler as it arrives, so the handler's size
// limit holds without Node buffering the body first. Typed structurally, so the package needs
// neither @types/node nor a framework.
import { refusal } from "./responses.js";
import { bodyBytes } from "./signature.js";

/**
 * What toNodeHandler reads of a request: the part of node:http's IncomingMessage it needs
 * (Express's and Fastify's raw requests are IncomingMessages).
 * @example
 * const listener = toNodeHandler(handler);
 * http.createServer((req: NodeRequest, res: NodeResponse) => listener(req, res));
 */
export interface NodeRequest {
  method?: string | undefined;
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** True once the body has been read to its end (by a body parser, before this adapter). */
  readableEnded: boolean;
  /** The body a parser made of it, when one already read it: used when bytes or text (express.raw(), express.text()). */
  body?: unknown;
  on(event: "data", listener: (chunk: Uint8Array | string) => void): unknown;
  on(event: "end", listener: () => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

/**
 * What toNodeHandler writes to: the part of node:http's ServerResponse it needs.
 * @example
 * const respond = (res: NodeResponse) => { res.statusCode = 204; res.end(); };
 */
export interface NodeResponse {
  statusCode: number;
  setHeader(name: string, value: string | string[]): unknown;
  end(body?: Uint8Array): unknown;
}

/**
 * Adapts a web-standard handler, such as createWebhookHandler's, to node:http's
 * `(request, response)`: usable as `http.createServer(listener)`, as an Express route handler
 * and, with Fastify, on `request.raw` / `reply.raw` after `reply.hijack()`.
 *
 * The body is streamed to the handler. When a body parser has read it already, the parsed body
 * is used if it is the raw bytes or text (`express.raw({ type: "application/json" })`); a body
 * parsed into an object (`express.json()`) has lost the bytes the signature covers, so such a
 * request gets 500 with a message that says so: mount the webhook route before the parser.
 * @example
 * import http from "node:http";
 * const handler = createWebhookHandler({ secret, on: { run_failed: (event) => console.error(event.error) } });
 * http.createServer(toNodeHandler(handler)).listen(3000);
 */
export function toNodeHandler(
  handler: (request: Request) => Promise<Response>,
  options?: NodeHandlerOptions,
): (request: NodeRequest, response: NodeResponse) => Promise<void> {
  return async (req, res) => {
    let request: Request;
    try {
      request = toRequest(req);
    } catch (error) {
      return send(res, refusal(500, "body_already_parsed", (error as Error).message));
    }
    let response: Response;
    try {
      response = await handler(request);
    } catch (error) {
      // The promise goes to node:http, which ignores it: a rejection would end the process.
      try {
        options?.onError?.(error);
      } catch {
        // a reporter's failure must not change the answer
      }
      response = refusal(500, "handler_failed", "the request handler threw");
    }
    return send(res, response);
  };
}

/**
 * Options of toNodeHandler.
 * @example
 * const listener = toNodeHandler(handler, { onError: (error) => console.error("webhook failed", error) });
 */
export interface NodeHandlerOptions {
  /** Told about an error the handler threw (the response is then 500). createWebhookHandler's handlers never throw: their errors go to its own onError. */
  onError?: (error: unknown) => void;
}

const NO_BODY = new Set(["GET", "HEAD"]);

function toRequest(req: NodeRequest): Request {
  const method = req.method ?? "GET";
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(":")) continue; // HTTP/2 pseudo-headers are not headers
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  let body: ReadableStream<Uint8Array> | Uint8Array | string | undefined;
  if (!NO_BODY.has(method)) {
    if (!req.readableEnded) body = bodyStream(req);
    else if (req.body instanceof Uint8Array || typeof req.body === "string") body = req.body;
    else
      throw new Error(
        "the request body was read and parsed before the webhook handler (by express.json() or similar), " +
          "so the bytes the signature covers are gone: mount the webhook route before the body parser, " +
          'or use express.raw({ type: "application/json" }) for it',
      );
  }
  const init = { method, headers, body, duplex: "half" } as RequestInit;
  return new Request(requestUrl(req), init);
}

/** The URL as the client asked for it; a host header that makes no URL falls back to localhost. */
function requestUrl(req: NodeRequest): string {
  const path = req.url ?? "/";
  const host = req.headers.host;
  try {
    return new URL(path, `http://${typeof host === "string" ? host : "localhost"}`).href;
  } catch {
    return new URL(path.startsWith("/") ? path : "/", "http://localhost").href;
  }
}

/** The request body as a web stream that asks Node for more only when read (back-pressure). */
function bodyStream(req: NodeRequest): ReadableStream<Uint8Array> {
  let finished = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on("data", (chunk) => {
          if (finished) return;
          controller.enqueue(bodyBytes(chunk));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.on("end", () => {
          if (!finished) controller.close();
          finished = true;
        });
        // A client that goes away mid-body makes Node emit "error" (ECONNRESET, "aborted").
        req.on("error", (error) => {
          if (!finished) controller.error(error);
          finished = true;
        });
        req.pause();
      },
      pull() {
        req.resume();
      },
      cancel() {
        // The handler wants no more (the body is over its limit): the rest is read and dropped,
        // as Node does with any unread body, so the connection stays usable for the answer.
        finished = true;
        req.resume();
      },
    },
    { highWaterMark: 1 },
  );
}

async function send(res: NodeResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  const body = new Uint8Array(await response.arrayBuffer());
  res.end(body.byteLength === 0 ? undefined : body);
}
