// node:http's request, read for the webhook receiver (as an Incoming, with no web Request made
// unless a handler is called) or turned into a web Request for any other handler; and its
// response, watched for a client that goes away. Typed structurally, so the package needs
// neither @types/node nor a framework.
import { concat, declaredOver, TIMED_OUT, TOO_LARGE, UNREADABLE, type BodyOutcome } from "./read-body.js";
import type { Deadline } from "./deadline.js";
import type { Incoming } from "./receive.js";
import { bodyBytes, SIGNATURE_HEADER } from "./signature.js";

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
  /** True once the whole message has arrived, read or not; false while body bytes are still due. */
  complete?: boolean;
  /** The body a parser made of it, when one already read it: used when bytes or text (express.raw(), express.text()). */
  body?: unknown;
  on(event: "data", listener: (chunk: Uint8Array | string) => void): unknown;
  on(event: "end" | "close", listener: () => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  removeListener(event: "data", listener: (chunk: Uint8Array | string) => void): unknown;
  removeListener(event: "end" | "close", listener: () => void): unknown;
  removeListener(event: "error", listener: (error: Error) => void): unknown;
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
  end(body?: Uint8Array | string): unknown;
  /** True once the answer has been handed to the connection: a `close` before that means the client left. */
  writableFinished?: boolean;
  on(event: "close", listener: () => void): unknown;
}

/** The request's headers as web Headers (HTTP/2 pseudo-headers left out: they are not headers). */
export function nodeHeaders(req: NodeRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(":")) continue;
    if (typeof value === "string") headers.append(name, value);
    else for (const one of value) headers.append(name, one);
  }
  return headers;
}

/** The URL as the client asked for it; a host header that makes no URL falls back to localhost. */
export function requestUrl(req: NodeRequest): string {
  const path = req.url ?? "/";
  const host = req.headers.host;
  try {
    return new URL(path, `http://${typeof host === "string" ? host : "localhost"}`).href;
  } catch {
    return new URL(path.startsWith("/") ? path : "/", "http://localhost").href;
  }
}

/** Calls `listener` when the connection closes before the answer was handed to it: the client left. */
export function onClientGone(res: NodeResponse, listener: () => void): void {
  res.on("close", () => {
    if (res.writableFinished !== true) listener();
  });
}

/**
 * Why a body is gone before the handler: a parser read it and made something else of it (an
 * object, from express.json()), so the bytes the signature covers are lost. Undefined when the
 * body is still unread, or was kept as bytes or text.
 */
export function parsedBodyProblem(req: NodeRequest): string | undefined {
  if (!req.readableEnded || req.body instanceof Uint8Array || typeof req.body === "string") return undefined;
  return (
    "the request body was read and parsed before the webhook handler (by express.json() or similar), " +
    "so the bytes the signature covers are gone: mount the webhook route before the body parser, " +
    'or use express.raw({ type: "application/json" }) for it'
  );
}

/** True while body bytes are still due: answering now leaves them unread on the connection. */
export function bodyLeftUnread(req: NodeRequest): boolean {
  return req.complete === false && !req.readableEnded;
}

/** The request as the webhook receiver reads it. */
export function nodeIncoming(req: NodeRequest, res: NodeResponse): Incoming {
  return {
    method: req.method ?? "GET",
    signature: req.headers[SIGNATURE_HEADER_LOWER],
    readBody: (limit, deadline) => readNodeBody(req, limit, deadline),
    request: (signal) => new Request(requestUrl(req), { method: req.method, headers: nodeHeaders(req), signal }),
    onGone: (listener) => onClientGone(res, listener),
  };
}

/** node:http gives header names in lower case. */
const SIGNATURE_HEADER_LOWER = SIGNATURE_HEADER.toLowerCase();

/**
 * The body, read from the request's events up to `limit`. Past the limit, or when `deadline`
 * ends, reading stops there (the request is paused, not drained): the answer then closes the
 * connection.
 */
function readNodeBody(req: NodeRequest, limit: number, deadline: Deadline): Promise<BodyOutcome> {
  if (req.readableEnded) {
    const bytes = bodyBytes(req.body as string | Uint8Array); // parsedBodyProblem refused anything else
    return Promise.resolve(bytes.byteLength > limit ? TOO_LARGE : bytes);
  }
  const declared = req.headers["content-length"];
  if (declaredOver(typeof declared === "string" ? declared : undefined, limit)) {
    req.pause();
    return Promise.resolve(TOO_LARGE);
  }
  return new Promise((resolve) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let done = false;
    let forget = () => {};
    const finish = (outcome: BodyOutcome) => {
      if (done) return;
      done = true;
      req.removeListener("data", onData);
      req.removeListener("end", onEnd);
      req.removeListener("error", onError);
      req.removeListener("close", onError);
      forget();
      if (typeof outcome === "symbol") req.pause(); // stop reading here: the rest is not drained
      resolve(outcome);
    };
    const onData = (chunk: Uint8Array | string) => {
      const bytes = bodyBytes(chunk);
      size += bytes.byteLength;
      if (size > limit) finish(TOO_LARGE);
      else chunks.push(bytes);
    };
    const onEnd = () => finish(concat(chunks, size));
    // A client that goes away mid-body: node:http emits "error" (ECONNRESET, "aborted") or "close" before "end".
    const onError = () => finish(UNREADABLE);
    if (deadline.reason !== undefined) return finish(TIMED_OUT);
    forget = deadline.onEnd(() => finish(TIMED_OUT));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onError);
  });
}

/**
 * Thrown by toRequest for a request a web Request cannot carry: its method is one the Fetch
 * standard forbids (CONNECT, TRACE, TRACK).
 */
export class UnsupportedMethod extends Error {}

/**
 * The request as a web Request, its body streamed as it arrives, its signal `signal`. Throws
 * UnsupportedMethod, or an Error saying why the body is gone (parsedBodyProblem).
 */
export function toRequest(req: NodeRequest, signal: AbortSignal): Request {
  const method = req.method ?? "GET";
  if (FORBIDDEN_METHODS.has(method.toUpperCase()))
    throw new UnsupportedMethod(
      `${method} requests cannot be handed to a fetch-style handler (the Fetch standard forbids the method)`,
    );
  let body: ReadableStream<Uint8Array> | Uint8Array | string | undefined;
  if (!NO_BODY.has(method)) {
    const problem = parsedBodyProblem(req);
    if (problem !== undefined) throw new Error(problem);
    body = req.readableEnded ? (req.body as Uint8Array | string) : bodyStream(req);
  }
  const init = { method, headers: nodeHeaders(req), body, duplex: "half", signal } as RequestInit;
  return new Request(requestUrl(req), init);
}

const NO_BODY = new Set(["GET", "HEAD"]);
/** The methods `new Request` refuses. */
const FORBIDDEN_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);

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
        // The handler wants no more (the body is over its limit): reading stops here, and the
        // answer closes the connection (bodyLeftUnread), rather than reading the rest to keep it.
        finished = true;
        req.pause();
      },
    },
    { highWaterMark: 1 },
  );
}
