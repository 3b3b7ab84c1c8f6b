// createWebhookHandler: a receiver for the engine's webhooks as a web-standard
// `(Request) => Promise<Response>`, the shape Hono, Next.js route handlers, Bun.serve, Deno.serve
// and Cloudflare Workers call. Every refusal gets its own status, so the engine's delivery log
// (and whoever reads it) can tell a wrong secret from a bad body from a failing handler.
import { EventValidationError } from "./errors.js";
import type { Event } from "./event.js";
import type { UnknownEvent } from "./match.js";
import type { EventOf, EventType, ValidationIssue } from "./types.js";
import { DEFAULT_MAX_SIZE } from "./validate.js";
import {
  SIGNATURE_HEADER,
  secretList,
  verifyWebhook,
  WebhookVerificationError,
  type WebhookSecret,
} from "./webhook.js";
import { EVENT_TYPES } from "../generated/constants.js";

/**
 * The handlers of createWebhookHandler, by event type; each gets its own variant and the
 * request. Types left out are acknowledged (204) without a call. A handler may be async: the
 * response waits for it.
 * @example
 * const on: WebhookEventHandlers = {
 *   run_failed: (event) => alert(`${event.workflow_name} failed: ${event.error ?? "no reason given"}`),
 * };
 */
export type WebhookEventHandlers = {
  readonly [T in EventType]?: (event: EventOf<T>, request: Request) => unknown;
};

/**
 * Options of createWebhookHandler.
 * @example
 * const options: WebhookHandlerOptions = {
 *   secret: [process.env.WEBHOOK_SECRET!, process.env.WEBHOOK_SECRET_PREVIOUS!],
 *   on: { run_failed: (event) => console.error(event.error) },
 *   onError: (error) => console.error("webhook handler failed", error),
 * };
 */
export interface WebhookHandlerOptions {
  /** The webhook's secret, or several while rotating (any one of them verifies). */
  secret: WebhookSecret;
  /** One handler per event type the receiver cares about. */
  on: WebhookEventHandlers;
  /**
   * An authentic event whose `type` this package does not know (from a newer engine). Left out,
   * such events are acknowledged with 204: refusing them would make the engine retry in vain.
   */
  unknown?: (event: UnknownEvent, request: Request) => unknown;
  /** Told about an error thrown by a handler (the response is then 500). */
  onError?: (error: unknown, request: Request) => void;
  /** The largest body accepted, in bytes; a larger one gets 413 unread. Default DEFAULT_MAX_SIZE (1 MiB). */
  maxSize?: number;
}

/**
 * A webhook receiver as a web-standard request handler. Its responses:
 * - 405 (with `Allow: POST`) for any method but POST;
 * - 413 for a body over `maxSize`, refused from its Content-Length or as soon as more has
 *   arrived, never buffering more than the limit;
 * - 401 for a missing, malformed or wrong X-Signature-256 (`{ error, message }`, `error` a WebhookErrorCode);
 * - 400 for an authentic body that is not a valid event (`{ issues }`, our ValidationIssues);
 * - 204 once the handler for the event's type has returned (or at once, when there is none);
 *   an event of a type from a newer engine goes to `unknown`, or gets 204: never 400;
 * - 500 when a handler throws; the error goes to `onError`.
 *
 * Throws TypeError at once for a bad configuration (no secret, a handler key that names no event type).
 * @example
 * // Next.js, app/api/ironflow/route.ts: the handler is the route handler.
 * export const POST = createWebhookHandler({
 *   secret: process.env.WEBHOOK_SECRET!,
 *   on: { run_failed: (event) => notify(`${event.workflow_name} failed: ${event.error ?? "no reason given"}`) },
 * });
 */
export function createWebhookHandler(options: WebhookHandlerOptions): (request: Request) => Promise<Response> {
  const { secret, on, unknown, onError } = checkOptions(options);
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;

  /** Calls a handler; a throw becomes 500 and goes to onError. */
  async function run(handler: (event: never, request: Request) => unknown, event: unknown, request: Request) {
    try {
      await handler(event as never, request);
      return reply(204);
    } catch (error) {
      return failed(error, request, "the handler for this event threw");
    }
  }

  function failed(error: unknown, request: Request, message: string): Response {
    try {
      onError?.(error, request);
    } catch {
      // onError is a reporter: its failure must not change the answer to the engine.
    }
    return reply(500, { error: "handler_failed", message });
  }

  return async (request: Request): Promise<Response> => {
    if (request.method !== "POST")
      return reply(405, { error: "method_not_allowed", message: "webhooks are POST requests" }, { Allow: "POST" });
    const body = await readBody(request, maxSize);
    if (body === TOO_LARGE)
      return reply(413, { error: "too_large", message: `the body is over the limit of ${maxSize} bytes (maxSize)` });
    if (body === UNREADABLE) return reply(400, { error: "unreadable", message: "the body could not be read" });
    let event: Event;
    try {
      event = await verifyWebhook(body, request.headers.get(SIGNATURE_HEADER), secret, { maxSize });
    } catch (error) {
      if (error instanceof WebhookVerificationError) return reply(401, { error: error.code, message: error.message });
      // Nothing else is expected once configured, but a runtime without Web Crypto gets here.
      if (!(error instanceof EventValidationError)) return failed(error, request, "the webhook could not be verified");
      if (isUnknownType(error.issues)) {
        // Authentic, and valid JSON: an unknown type is only reported for a parsed object.
        const newer = JSON.parse(new TextDecoder().decode(body)) as UnknownEvent;
        return unknown === undefined ? reply(204) : run(unknown, newer, request);
      }
      return reply(400, { issues: error.issues });
    }
    const handler = on[event.type] as ((event: Event, request: Request) => unknown) | undefined;
    return handler === undefined ? reply(204) : run(handler, event, request);
  };
}

const TOO_LARGE = Symbol("too large");
const UNREADABLE = Symbol("unreadable");

/** The body, read chunk by chunk and dropped as soon as it passes `limit`. */
async function readBody(request: Request, limit: number): Promise<Uint8Array | typeof TOO_LARGE | typeof UNREADABLE> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) {
    await request.body?.cancel().catch(() => undefined);
    return TOO_LARGE;
  }
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return TOO_LARGE;
      }
      chunks.push(value);
    }
  } catch {
    return UNREADABLE; // the sender went away, or the stream failed
  }
  if (chunks.length === 1) return chunks[0]!;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function isUnknownType(issues: readonly ValidationIssue[]): boolean {
  return issues.some((issue) => issue.code === "unknown_event_type");
}

function reply(status: number, body?: object, headers?: Record<string, string>): Response {
  if (body === undefined) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

/** The options, checked once when the handler is made, so a mistake shows at start-up and not per request. */
function checkOptions(options: WebhookHandlerOptions): WebhookHandlerOptions {
  const caller = "createWebhookHandler";
  if (options === null || typeof options !== "object") throw new TypeError(`${caller}: options must be an object`);
  secretList(options.secret, caller);
  const { on, unknown, onError, maxSize } = options;
  if (on === null || typeof on !== "object")
    throw new TypeError(`${caller}: on must be an object of handlers by event type`);
  for (const [key, handler] of Object.entries(on)) {
    if (!(EVENT_TYPES as readonly string[]).includes(key))
      throw new TypeError(`${caller}: on.${key} names no event type (known: ${EVENT_TYPES.join(", ")})`);
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
  return options;
}
