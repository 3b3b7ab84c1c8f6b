// toNodeHandler: runs a web-standard handler (createWebhookHandler's) behind node:http, Express
// or Fastify. A handler of createWebhookHandler gets node:http's request directly (its receiver,
// receive.ts), so no web Request is made unless one of its handlers is called; any other
// handler gets a web Request whose body streams in as it arrives. Either way a body left unread
// (over the limit, too slow) closes the connection rather than being read to keep it, a client
// that goes away aborts the request's signal, and a handler that never settles is given up on.
import { DEFAULT_WEBHOOK_TIMEOUT_MS, checkTimeout } from "./handler.js";
import { clientLeft } from "./deadline.js";
import { RECEIVER, type Receiver } from "./receive.js";
import { CLOSE_CONNECTION, refusal, type Answer } from "./responses.js";
import {
  bodyLeftUnread,
  onClientGone,
  nodeIncoming,
  parsedBodyProblem,
  toRequest,
  UnsupportedMethod,
  type NodeRequest,
  type NodeResponse,
} from "./node-request.js";

export type { NodeRequest, NodeResponse } from "./node-request.js";

/**
 * Options of toNodeHandler.
 * @example
 * const listener = toNodeHandler(handler, { onError: (error) => console.error("webhook failed", error) });
 */
export interface NodeHandlerOptions {
  /** Told about an error the handler threw (the response is then 500). createWebhookHandler's handlers never throw: their errors go to its own onError. */
  onError?: (error: unknown) => void;
  /**
   * The time a request may take, in ms, from its arrival to the answer; then the request's
   * signal aborts and the answer is 503. Default: a handler of createWebhookHandler's own
   * `timeout`, any other handler DEFAULT_WEBHOOK_TIMEOUT_MS. Given for a handler of
   * createWebhookHandler, the shorter of the two applies.
   */
  timeout?: number;
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
 *
 * An answer given while body bytes are still due (413 over the limit, 408 too slow, 405 to a
 * PUT) carries `Connection: close`, and node:http closes the connection once it is sent: the
 * rest of the body is never read. `request.signal` aborts when the client goes away or the
 * timeout passes (then the answer is 503). A method a web Request cannot carry (TRACE, TRACK)
 * gets 405 from a handler of createWebhookHandler, 501 from any other.
 * @example
 * import http from "node:http";
 * const handler = createWebhookHandler({ secret, on: { run_failed: (event) => console.error(event.error) } });
 * http.createServer(toNodeHandler(handler)).listen(3000);
 */
export function toNodeHandler(
  handler: (request: Request) => Promise<Response>,
  options?: NodeHandlerOptions,
): (request: NodeRequest, response: NodeResponse) => Promise<void> {
  checkTimeout(options?.timeout, "toNodeHandler");
  const receiver = (handler as { [RECEIVER]?: Receiver })[RECEIVER];
  if (receiver !== undefined) {
    const timeout = Math.min(options?.timeout ?? receiver.timeout, receiver.timeout);
    return async (req, res) => {
      const problem = req.method === "POST" ? parsedBodyProblem(req) : undefined;
      if (problem !== undefined) return write(req, res, refusal(500, "body_already_parsed", problem));
      write(req, res, await receiver.receive(nodeIncoming(req, res), timeout));
    };
  }
  const timeout = options?.timeout ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  return async (req, res) => {
    const controller = new AbortController();
    onClientGone(res, () => controller.abort(clientLeft()));
    let request: Request;
    try {
      request = toRequest(req, controller.signal);
    } catch (error) {
      if (error instanceof UnsupportedMethod)
        return write(req, res, refusal(501, "method_not_supported", error.message));
      return write(req, res, refusal(500, "body_already_parsed", (error as Error).message));
    }
    let response: Response | Answer;
    try {
      response = await withTimeout(handler(request), timeout, controller);
    } catch (error) {
      // The promise goes to node:http, which ignores it: a rejection would end the process.
      try {
        options?.onError?.(error);
      } catch {
        // a reporter's failure must not change the answer
      }
      response = refusal(500, "handler_failed", "the request handler threw");
    }
    if (response instanceof Response) return send(req, res, response);
    write(req, res, response);
  };
}

/**
 * The handler's response, or 503 once `timeout` ms have passed (then `controller`, the
 * request's signal, aborts with a TimeoutError). A later rejection is dropped: the answer has
 * gone, and the handler was told to stop.
 */
function withTimeout(
  response: Promise<Response>,
  timeout: number,
  controller: AbortController,
): Promise<Response | Answer> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      const message = `the request took longer than ${timeout} ms (timeout)`;
      controller.abort(new DOMException(message, "TimeoutError"));
      resolve(refusal(503, "handler_timeout", `${message}: the handler had not answered`));
    }, timeout);
    response.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/** Writes an answer; with `Connection: close` when body bytes are still due, so none is read to keep the connection. */
function write(req: NodeRequest, res: NodeResponse, answer: Answer): void {
  res.statusCode = answer.status;
  if (answer.headers !== undefined)
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  if (bodyLeftUnread(req)) res.setHeader("Connection", CLOSE_CONNECTION.Connection!);
  if (answer.body === undefined) return void res.end();
  res.setHeader("Content-Type", "application/json");
  res.end(JSON.stringify(answer.body));
}

async function send(req: NodeRequest, res: NodeResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  if (bodyLeftUnread(req)) res.setHeader("Connection", CLOSE_CONNECTION.Connection!);
  const body = new Uint8Array(await response.arrayBuffer());
  res.end(body.byteLength === 0 ? undefined : body);
}
