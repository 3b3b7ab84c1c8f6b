// The webhook receiver's one decision: what to answer a request, whatever carried it (a web
// Request for createWebhookHandler, node:http's request for toNodeHandler, which calls this
// directly and so builds no web Request unless a handler is given one). Every refusal gets its
// own status, so the engine's delivery log (and whoever reads it) can tell a wrong secret from a
// bad body from a failing or slow handler.
import { EventValidationError } from "../errors.js";
import type { EventAt } from "../event.js";
import { unknownEventIn, type UnknownEvent } from "../match.js";
import { TIMED_OUT, TOO_LARGE, UNREADABLE, type BodyOutcome } from "./read-body.js";
import { CLOSE_CONNECTION, refusal, reply, type Answer } from "./responses.js";
import { clientLeft, Deadline } from "./deadline.js";
import type { SignatureKeys } from "./signature.js";
import { parseVerified } from "./verify.js";

/** A webhook request as the receiver sees it, whatever carried it. */
export interface Incoming {
  readonly method: string;
  /** The value of X-Signature-256 as the transport gives it (a string, node:http's string[], or none). */
  readonly signature: unknown;
  /** The body up to `limit` bytes; reading stops when `deadline` ends (TIMED_OUT). */
  readBody(limit: number, deadline: Deadline): Promise<BodyOutcome>;
  /** The Request handed to a handler, whose `signal` is `signal`: made only when a handler is called. */
  request(signal: AbortSignal): Request;
  /** Calls `listener` if the client goes away before the answer (where the transport tells). */
  onGone(listener: () => void): void;
}

type Handler = (event: never, request: Request) => unknown;

/** What the receiver was configured with, checked (createWebhookHandler). */
export interface ReceiverSettings {
  keys: SignatureKeys;
  on: Readonly<Record<string, Handler | undefined>>;
  unknown: Handler | undefined;
  onError: ((error: unknown, request: Request) => void) | undefined;
  maxSize: number;
  timeout: number;
  /** The engine version the events are read as (checked: a modelled one), or undefined for the newest. */
  engine: string | undefined;
}

/**
 * The receiver behind a handler of createWebhookHandler, under this key, so that toNodeHandler
 * can hand it node:http's request without making a web Request of it first.
 */
export const RECEIVER = Symbol("webhook receiver");

const METHOD_NOT_ALLOWED = refusal(405, "method_not_allowed", "webhooks are POST requests", { Allow: "POST" });

export class Receiver {
  readonly #settings: ReceiverSettings;

  constructor(settings: ReceiverSettings) {
    this.#settings = settings;
  }

  get timeout(): number {
    return this.#settings.timeout;
  }

  /**
   * The answer to one request. From its arrival, the body, the check and the handler have
   * `timeout` ms together; then the request's signal aborts, and the answer is 408 while the
   * body was still arriving, 503 while the handler ran. The signal aborts too when the client
   * goes away.
   */
  async receive(incoming: Incoming, timeout = this.#settings.timeout): Promise<Answer> {
    if (incoming.method !== "POST") return METHOD_NOT_ALLOWED;
    const deadline = new Deadline(timeout);
    incoming.onGone(() => deadline.end(clientLeft()));
    try {
      return await this.#receive(incoming, deadline, timeout);
    } finally {
      deadline.dispose();
    }
  }

  async #receive(incoming: Incoming, deadline: Deadline, timeout: number): Promise<Answer> {
    const { keys, on, unknown, maxSize, engine } = this.#settings;
    const body = await incoming.readBody(maxSize, deadline);
    // The rest of a body left unread is not read to keep the connection: CLOSE_CONNECTION.
    if (body === TOO_LARGE)
      return refusal(413, "too_large", `the body is over the limit of ${maxSize} bytes (maxSize)`, CLOSE_CONNECTION);
    if (body === TIMED_OUT)
      return refusal(
        408,
        "timeout",
        `the body did not arrive within ${timeout} ms (timeout), or the client went away`,
        CLOSE_CONNECTION,
      );
    if (body === UNREADABLE) return refusal(400, "unreadable", "the body could not be read");
    let event: EventAt<string>;
    try {
      const refused = await keys.check(incoming.signature, body);
      if (refused !== undefined) return refusal(401, refused.code, refused.message);
      event = parseVerified(body, { maxSize, engine });
    } catch (error) {
      // Nothing else is expected once configured, but a runtime without Web Crypto gets here.
      if (!(error instanceof EventValidationError))
        return this.#failed(error, () => incoming.request(deadline.signal), "the webhook could not be verified");
      // An event of a newer engine is authentic: refusing it would make the engine retry in vain.
      const newer = unknownEventIn(body, error.issues);
      if (newer !== undefined)
        return unknown === undefined ? reply(204) : this.#run(unknown, newer, incoming, deadline);
      return reply(400, { issues: error.issues });
    }
    const handler = on[event.type];
    return handler === undefined ? reply(204) : this.#run(handler, event, incoming, deadline);
  }

  /**
   * Calls a handler and answers for it: 204 once it returns (or its promise fulfils), 500 when
   * it throws, 503 when the deadline ends first (the time is up, or the client left). A
   * handler that settles after that is not waited for; its error still goes to onError.
   */
  #run(
    handler: Handler,
    event: EventAt<string> | UnknownEvent,
    incoming: Incoming,
    deadline: Deadline,
  ): Promise<Answer> | Answer {
    // The body took the whole time: the handler would start with its signal aborted.
    if (deadline.reason !== undefined) return late(deadline.reason);
    let request: Request | undefined;
    const requestOf = () => (request ??= incoming.request(deadline.signal));
    let result: unknown;
    try {
      // A handler declared with the event alone cannot see the request (an arrow function has
      // no `arguments`), so none is made for it: making a web Request and its signal in Node
      // costs more than checking and parsing the event.
      result =
        handler.length === 1 ? handler(event as never, undefined as never) : handler(event as never, requestOf());
    } catch (error) {
      return this.#failed(error, requestOf, "the handler for this event threw");
    }
    if (!isThenable(result)) return reply(204);
    return new Promise<Answer>((resolve) => {
      const forget = deadline.onEnd(() => resolve(late(deadline.reason!)));
      Promise.resolve(result)
        .then(
          () => resolve(reply(204)),
          (error: unknown) => resolve(this.#failed(error, requestOf, "the handler for this event threw")),
        )
        .finally(forget);
    });
  }

  /** A handler's error: 500, told to onError (with the request, made then if need be), whose own failure changes nothing. */
  #failed(error: unknown, request: () => Request, message: string): Answer {
    try {
      this.#settings.onError?.(error, request());
    } catch {
      // onError is a reporter: its failure must not change the answer to the engine.
    }
    return refusal(500, "handler_failed", message);
  }
}

/**
 * The answer when the handler is abandoned: 503, the service could not finish in time, which
 * the engine retries (as it retries any status but 2xx). Not 504, which says that a gateway
 * timed out waiting for another server; not 500, which says that the handler failed.
 */
function late(reason: Error): Answer {
  return refusal(
    503,
    reason.name === "TimeoutError" ? "handler_timeout" : "aborted",
    `${reason.message}: the handler had not finished; the engine will send the event again`,
  );
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    typeof (value as PromiseLike<unknown>).then === "function"
  );
}
