// createWebhookHandler: a receiver for the engine's webhooks as a web-standard
// `(Request) => Promise<Response>`, the shape Hono, Next.js route handlers, Bun.serve, Deno.serve
// and Cloudflare Workers call. What it answers is decided in receive.ts; this file checks the
// options and carries a web Request there and the answer back as a Response.
import { MAX_TIMEOUT_MS } from "../abortable-sleep.js";
import type { UnknownEvent } from "../match.js";
import { formatFor } from "../engine/index.js";
import type { EventOf, EventTypeAt } from "../event.js";
import type { ModelledEngine, NewestEngine } from "../types.js";
import { DEFAULT_MAX_SIZE } from "../validate.js";
import { readBody } from "./read-body.js";
import { Receiver, RECEIVER, type Incoming } from "./receive.js";
import { toResponse } from "./responses.js";
import { SIGNATURE_HEADER, SignatureKeys, secretList, type WebhookSecret } from "./signature.js";

/**
 * How long a webhook request may take by default, in ms, from its arrival to the answer: under
 * the engine's own 5 s per attempt, so that the engine gets the receiver's 503 (and logs why)
 * rather than giving up on its own, with a second left for the network and the body.
 * @example
 * createWebhookHandler({ secret, on, timeout: DEFAULT_WEBHOOK_TIMEOUT_MS - 1500 }); // far from the engine: answer sooner
 */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 4000;

/**
 * The handlers of createWebhookHandler, by event type; each gets its own variant and the
 * request. Types left out are acknowledged (204) without a call. A handler may be async: the
 * response waits for it, up to the `timeout`.
 *
 * The request is the webhook's, its body already read (use the event), and its `signal` aborts
 * when the time is up or the client goes away: pass it on to what the handler waits for.
 *
 * `V` is the engine version the events are read as (the newest modelled by default): the keys
 * are its event types, and each handler gets its variant of that version.
 * @example
 * const on: WebhookEventHandlers = {
 *   run_failed: (event) => alert(`${event.workflow_name} failed: ${event.error ?? "no reason given"}`),
 * };
 * const seed: WebhookEventHandlers<"2.14.1"> = { run_failed: (event) => console.error(event.error) }; // no labels
 */
export type WebhookEventHandlers<V extends string = NewestEngine> = {
  readonly [T in EventTypeAt<V>]?: (event: EventOf<T, V>, request: Request) => unknown;
};

/**
 * Options of createWebhookHandler.
 * @example
 * const options: WebhookHandlerOptions = {
 *   secret: [process.env.WEBHOOK_SECRET!, process.env.WEBHOOK_SECRET_PREVIOUS].filter((s) => s !== undefined),
 *   on: { run_failed: (event) => console.error(event.error) },
 *   onError: (error) => console.error("webhook handler failed", error),
 * };
 */
export interface WebhookHandlerOptions<V extends string = NewestEngine> {
  /**
   * The version of the engine that sends the webhooks ("2.31.4"): events are read as it reads
   * them and typed as its events, and `on` takes its event types. Default: the newest modelled
   * (ENGINE_VERSION). A version the package does not model is a TypeError when the handler is
   * made (and a literal one does not compile).
   */
  engine?: ModelledEngine<V>;
  /**
   * The webhook's secret, or several while rotating (any one of them verifies). Every entry of
   * a list must be set: an unset one is a TypeError naming its index, so leave an unset
   * previous secret out (`[current, previous].filter((s) => s !== undefined)`).
   */
  secret: WebhookSecret;
  /** One handler per event type the receiver cares about. */
  on: WebhookEventHandlers<V>;
  /**
   * An authentic event whose `type` the engine version (`engine`) does not have: it comes from a
   * newer engine. Left out, such events are acknowledged with 204: refusing them would make the
   * engine retry in vain.
   */
  unknown?: (event: UnknownEvent, request: Request) => unknown;
  /**
   * Told about an error thrown by a handler (the answer is then 500), also when the handler
   * fails after its time was up.
   */
  onError?: (error: unknown, request: Request) => void;
  /** The largest body accepted, in bytes; a larger one gets 413 unread. Default DEFAULT_MAX_SIZE (1 MiB). */
  maxSize?: number;
  /**
   * The time a request may take from its arrival to the answer, in ms: reading the body,
   * checking it and the handler. Then the request's signal aborts, and the answer is 408 while
   * the body was still arriving, 503 while the handler ran. Default DEFAULT_WEBHOOK_TIMEOUT_MS
   * (4000): the engine gives up on an attempt after 5 s and sends the event again, so a handler
   * that takes longer means the same event twice, whatever this is.
   */
  timeout?: number;
}

/**
 * A webhook receiver as a web-standard request handler. Its responses:
 * - 405 (with `Allow: POST`) for any method but POST;
 * - 413 for a body over `maxSize`, refused from its Content-Length or as soon as more has
 *   arrived, never buffering more than the limit; the rest is left unread, and the answer
 *   carries `Connection: close`;
 * - 401 for a missing, malformed or wrong X-Signature-256 (`{ error, message }`, `error` a WebhookErrorCode);
 * - 400 for an authentic body that is not a valid event (`{ issues }`, our ValidationIssues);
 * - 204 once the handler for the event's type has returned (or at once, when there is none);
 *   an event of a type from a newer engine goes to `unknown`, or gets 204: never 400;
 * - 500 when a handler throws; the error goes to `onError`;
 * - 408 (`Connection: close`) when the body has not all arrived within `timeout`, 503 when the
 *   handler has not finished by then: the request's signal aborts, and the handler is not
 *   waited for.
 *
 * Throws TypeError at once for a bad configuration (no secret, an unset entry in the list of
 * secrets, an engine version the package does not model, a handler key that names no event type
 * of that version, a bad maxSize or timeout).
 * @example
 * // Next.js, app/api/ironflow/route.ts: the handler is the route handler.
 * export const POST = createWebhookHandler({
 *   secret: process.env.WEBHOOK_SECRET!,
 *   on: { run_failed: (event) => notify(`${event.workflow_name} failed: ${event.error ?? "no reason given"}`) },
 * });
 */
export function createWebhookHandler<const V extends string = NewestEngine>(
  options: WebhookHandlerOptions<V>,
): (request: Request) => Promise<Response> {
  const caller = "createWebhookHandler";
  const { on, unknown, onError, maxSize, timeout, engine } = checkOptions(
    options as unknown as WebhookHandlerOptions<string>,
    caller,
  );
  const receiver = new Receiver({
    keys: new SignatureKeys(secretList(options.secret, caller), caller),
    on: on as Record<string, (event: never, request: Request) => unknown>,
    unknown,
    onError,
    maxSize: maxSize ?? DEFAULT_MAX_SIZE,
    timeout: timeout ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
    engine: engine as string | undefined,
  });
  const handler = async (request: Request): Promise<Response> =>
    toResponse(await receiver.receive(fromRequest(request)));
  return Object.defineProperty(handler, RECEIVER, { value: receiver });
}

/** A web Request as the receiver reads it. */
function fromRequest(request: Request): Incoming {
  return {
    method: request.method,
    signature: request.headers.get(SIGNATURE_HEADER),
    readBody: (limit, deadline) => readBody(request, limit, deadline),
    // Its body is read by then; the handler gets the event, and this request for its headers and signal.
    request: (signal) => new Request(request.url, { method: request.method, headers: request.headers, signal }),
    onGone: (listener) => {
      if (request.signal.aborted) listener();
      else request.signal.addEventListener("abort", listener, { once: true });
    },
  };
}

/** The options, checked once when the handler is made, so a mistake shows at start-up and not per request. */
function checkOptions(options: WebhookHandlerOptions<string>, caller: string): WebhookHandlerOptions<string> {
  if (options === null || typeof options !== "object") throw new TypeError(`${caller}: options must be an object`);
  const { on, unknown, onError, maxSize, timeout, engine } = options;
  const format = formatFor(engine, caller);
  if (on === null || typeof on !== "object")
    throw new TypeError(`${caller}: on must be an object of handlers by event type`);
  for (const [key, handler] of Object.entries(on)) {
    if (!format.eventTypes.includes(key))
      throw new TypeError(
        `${caller}: on.${key} names no event type of engine ${format.range} (known: ${format.eventTypes.join(", ")})`,
      );
    if (typeof handler !== "function")
      throw new TypeError(`${caller}: on.${key} must be a function, got ${typeof handler}`);
  }
  for (const [name, value] of [
    ["unknown", unknown],
    ["onError", onError],
  ] as const)
    if (value !== undefined && typeof value !== "function")
      throw new TypeError(`${caller}: ${name} must be a function, got ${value === null ? "null" : typeof value}`);
  if (maxSize !== undefined && !(typeof maxSize === "number" && maxSize >= 0 && Number.isFinite(maxSize)))
    throw new TypeError(`${caller}: maxSize must be a number of bytes, 0 or more`);
  checkTimeout(timeout, caller);
  return options;
}

/** `timeout` as the receiver takes it: undefined (the default), or a whole number of ms from 1 to MAX_TIMEOUT_MS. */
export function checkTimeout(timeout: unknown, caller: string): void {
  if (timeout === undefined) return;
  if (!(typeof timeout === "number" && Number.isInteger(timeout) && timeout >= 1 && timeout <= MAX_TIMEOUT_MS))
    throw new TypeError(
      `${caller}: timeout must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, got ${
        typeof timeout === "number" ? timeout : typeof timeout
      }`,
    );
}
