// createWebhookHandler: a receiver for the engine's webhooks as a web-standard
// `(Request) => Promise<Response>`, the shape Hono, Next.js route handlers, Bun.serve, Deno.serve
// and Cloudflare Workers call. Every refusal gets its own status, so the engine's delivery log
// (and whoever reads it) can tell a wrong secret from a bad body from a failing handler.
import { EventValidationError } from "../errors.js";
import type { Event, EventOf } from "../event.js";
import { unknownEventIn, type UnknownEvent } from "../match.js";
import type { EventType } from "../types.js";
import { DEFAULT_MAX_SIZE } from "../validate.js";
import { readBody, TOO_LARGE, UNREADABLE } from "./read-body.js";
import { refusal, reply } from "./responses.js";
import { SIGNATURE_HEADER, secretList, type WebhookSecret } from "./signature.js";
import { verifyWebhook, WebhookVerificationError } from "./verify.js";
import { EVENT_TYPES } from "../../generated/constants.js";

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
    return refusal(500, "handler_failed", message);
  }

  return async (request: Request): Promise<Response> => {
    if (request.method !== "POST")
      return refusal(405, "method_not_allowed", "webhooks are POST requests", { Allow: "POST" });
    const body = await readBody(request, maxSize);
    if (body === TOO_LARGE)
      return refusal(413, "too_large", `the body is over the limit of ${maxSize} bytes (maxSize)`);
    if (body === UNREADABLE) return refusal(400, "unreadable", "the body could not be read");
    let event: Event;
    try {
      event = await verifyWebhook(body, request.headers.get(SIGNATURE_HEADER), secret, { maxSize });
    } catch (error) {
      if (error instanceof WebhookVerificationError) return refusal(401, error.code, error.message);
      // Nothing else is expected once configured, but a runtime without Web Crypto gets here.
      if (!(error instanceof EventValidationError)) return failed(error, request, "the webhook could not be verified");
      // An event of a newer engine is authentic: refusing it would make the engine retry in vain.
      const newer = unknownEventIn(body, error.issues);
      if (newer !== undefined) return unknown === undefined ? reply(204) : run(unknown, newer, request);
      return reply(400, { issues: error.issues });
    }
    const handler = on[event.type] as ((event: Event, request: Request) => unknown) | undefined;
    return handler === undefined ? reply(204) : run(handler, event, request);
  };
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
