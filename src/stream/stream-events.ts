// streamEvents: the API's server-sent-events endpoint as an AsyncIterable of validated
// events, reconnecting on its own. Web-standard APIs only (fetch, ReadableStream,
// TextDecoder, AbortSignal), so it runs in browsers and edge runtimes as in Node.
import { formatFor } from "../engine/index.js";
import { EventValidationError } from "../errors.js";
import { tooLargeIssue } from "../issues/index.js";
import { unknownEventIn, type UnknownEvent } from "../match.js";
import type { EventAt, EventOf, EventTypeAt } from "../event.js";
import type { EventType, ModelledEngine, NewestEngine, ValidationIssue } from "../types.js";
import { DEFAULT_MAX_SIZE, parseEvent } from "../validate.js";
import { sleep } from "../abortable-sleep.js";
import { DEFAULT_INITIAL_DELAY_MS, DEFAULT_MAX_DELAY_MS, reconnectDelay, type RetryOptions } from "./backoff.js";
import { ConnectionSignal } from "./connection-signal.js";
import { answered, broke, ended, noAnswer, notAStream, refused } from "./failures.js";
import { checkExtraTypes, checkTypes, displayUrl, isEventStreamType, statusVerdict, streamUrl } from "./request.js";
import { SseDecoder, type SseMessage } from "./sse-decoder.js";
import { EventStreamError } from "./stream-error.js";

export { EventStreamError };

/**
 * The longest event ID sent back as Last-Event-ID, in bytes of UTF-8; an `id:` longer than this
 * is ignored. The header goes to the server with every reconnect, beside Authorization and
 * cookies: servers and proxies refuse a request whose headers pass 8 KiB to 16 KiB (nginx and
 * Apache 8 KiB a line, Node 16 KiB in all), and one refused reconnect (431) ended the stream for
 * good. IDs are UUIDs, counters or cursors of some tens of bytes; 1 KiB is room for any of them
 * and leaves the rest of the headers theirs.
 * @example
 * new SseDecoder({ maxIdLength: MAX_LAST_EVENT_ID_BYTES }); // what streamEvents reads with
 */
export const MAX_LAST_EVENT_ID_BYTES = 1024;

/**
 * Where streamEvents reads from. Only a URL can be reconnected to.
 * @example
 * const source: StreamSource = "https://ironflow.example/api/v1/events";
 */
export type StreamSource = string | URL | Response | ReadableStream<Uint8Array>;

/** `X` when it names no event type this package knows; a known name is `never`, a compile error in extraTypes. */
type NewTypeName<X extends string> = X extends EventType ? never : X;

/** The caller of every message of this module's checks. */
const CALLER = "streamEvents";

/**
 * Options of streamEvents. `T` are the known event types asked for, `X` the names of newer
 * event types asked for with `extraTypes`.
 * @example
 * const options: StreamEventsOptions<"log_line"> = { types: ["log_line"], signal: AbortSignal.timeout(60_000) };
 */
export interface StreamEventsOptions<
  T extends string = EventType,
  X extends string = never,
  V extends string = NewestEngine,
> {
  /**
   * The version of the engine that serves the stream ("2.31.4"): events are read as it reads
   * them and typed as its events, and `types` takes its event types. Default: the newest
   * modelled (ENGINE_VERSION). A version the package does not model is a TypeError when
   * streamEvents is called (and a literal one does not compile).
   */
  engine?: ModelledEngine<V>;
  /**
   * Only these event types: sent as `?types=a,b` and checked on arrival too. Must be a non-empty
   * list of the engine version's types (a compile error, and a TypeError before any request,
   * otherwise: that engine would answer 400). URL sources only.
   */
  types?: readonly T[];
  /**
   * Event types of an engine newer than this package, by name: their events go to `onUnknown`
   * (required with it), typed as UnknownEvent, instead of to `onInvalid`. Each must be a
   * lower-case snake_case name (dotted ones too, as `provider_account.updated`) this package
   * does not know (a known one is a compile error; list it in `types`). With `types`, they are
   * added to the `?types=` query, which an engine that does not know them answers 400: so they
   * are for an engine newer than the newest this package models, and with an `engine` given
   * (whose types the package knows all of) they are a TypeError. Without `types`, the server
   * sends every type anyway.
   */
  extraTypes?: readonly NewTypeName<X>[];
  /**
   * Receives each event of a type named in `extraTypes`: a JSON object whose `type` is that
   * name, its other fields unchecked (no schema of this package describes them), and the
   * message's `event:` field. What it throws ends the iteration with that error.
   */
  onUnknown?: (event: UnknownEvent & { readonly type: X }, eventName: string) => void;
  /** Only the events of this run: sent as `?run_id=<uuid>`; must be a UUID. URL sources only. */
  runId?: string;
  /** Request headers, such as `{ Authorization: "Bearer …" }`. `Accept: text/event-stream` is added when absent. */
  headers?: ConstructorParameters<typeof Headers>[0];
  /**
   * The request's credentials mode, passed to fetch: `"include"` sends the cookies of another
   * origin too, as EventSource's `withCredentials` does (the server must allow it with CORS).
   * Left out, fetch's default: `"same-origin"`.
   */
  credentials?: "omit" | "same-origin" | "include";
  /** The fetch to use. Default `globalThis.fetch`. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Ends the iteration (cleanly, without an error) and closes the connection when it aborts. */
  signal?: AbortSignal;
  /**
   * Called for a message that is not a valid event (its data is not JSON, breaks the schema, or
   * names an event type this package does not know and `extraTypes` does not name), which is
   * then skipped; the loop goes on. `data` is the message's data and `eventName` its `event:`
   * field. What it throws ends the iteration with that error. Default: skip silently.
   */
  onInvalid?: (issues: ValidationIssue[], data: string, eventName: string) => void;
  /**
   * Called before each reconnect, with what the stream has been through: see ReconnectInfo.
   * Left out, a streak of failures is reported once on the console (console.warn) at its third
   * attempt, so that a stream that cannot connect (a wrong URL, a CORS refusal) does not retry
   * unseen; given, nothing is written.
   */
  onReconnect?: (info: ReconnectInfo) => void;
  /**
   * Called each time a connection is open (a 200 answer of type text/event-stream), before its
   * events are read: the moment to load again what the page shows after a reconnect, since the
   * engine replays nothing (docs/streaming.md, "What a reconnect loses"). What it throws ends the
   * iteration with that error.
   */
  onOpen?: (info: OpenInfo) => void;
  /** Validate with strict mode: refuse fields the schema does not name. */
  strict?: boolean;
  /** The largest event accepted, in bytes (default 1 MiB); a larger one goes to onInvalid as `too_large`. */
  maxSize?: number;
  /** Reconnection: the reconnection time when the server sends no `retry:`, the backoff's cap; see RetryOptions. */
  retry?: RetryOptions;
}

/**
 * What onReconnect is told before each reconnect.
 * @example
 * const log = (info: ReconnectInfo) =>
 *   console.warn(`stream down for ${info.downtimeMs} ms (${info.failures} failed attempts): ${info.cause.message}`);
 */
export interface ReconnectInfo {
  /** 1 for the first reconnect of the iteration, then 2, 3, ... */
  attempt: number;
  /** The wait before the next request, in ms. */
  delayMs: number;
  /**
   * What ended the last connection, or why it failed: its message names the request and what
   * happened (the status, the end of the stream, the network error and, for a URL of another
   * origin than the page, that a CORS refusal looks the same); `status` and `cause` hold the rest.
   */
  cause: EventStreamError;
  /**
   * The attempts in a row that failed, the last one included: 0 when the connection that ended
   * had brought data (the stream was up, then ended), 1 for a first failed attempt, and so on.
   */
  failures: number;
  /**
   * How long the stream has been down, in ms: since the last open connection ended, or since the
   * iteration began when none has opened yet.
   */
  downtimeMs: number;
  /** The `Last-Event-ID` the next request will carry (`""`: none; the engine sends no IDs). */
  lastEventId: string;
}

/**
 * What onOpen is told when a connection is open.
 * @example
 * const onOpen = ({ attempt, downtimeMs }: OpenInfo) => {
 *   if (attempt > 0) console.info(`back after ${downtimeMs} ms: reloading`);
 *   void reloadRuns(); // from now on the stream has every change: load what came before
 * };
 */
export interface OpenInfo {
  /** 0 for the first connection of the iteration, else the number of the reconnect that opened it. */
  attempt: number;
  /**
   * How long the stream was down before this connection, in ms: since the last open connection
   * ended, or since the iteration began for the first one.
   */
  downtimeMs: number;
}

/**
 * The events of the API's server-sent-events stream (`GET /api/v1/events`), validated, as an
 * AsyncIterable. `source` is the stream's URL (fetched with `options.fetch`, `options.headers`
 * and `options.credentials`), or an already open `Response` or `ReadableStream` of its bytes.
 *
 * - Each message's data is checked with parseEvent; one that is not a valid event goes to
 *   `onInvalid` and is skipped. The loop goes on. An event of a newer type named in
 *   `extraTypes` goes to `onUnknown` instead.
 * - An event cut off by a dropped connection is never delivered: the standard dispatches an
 *   event only at its closing blank line.
 * - For a URL, only a 200 answer of type text/event-stream is a stream. A network error, a 5xx
 *   (or 408, 429) or the end of the stream leads to a reconnect, for as long as the iteration
 *   runs: until `signal` aborts, the loop is left (`break`), or a 204 answer. The wait is the
 *   server's `retry:` (or `retry.initialDelayMs`), doubled for each failed attempt in a row, plus
 *   up to half of it again as jitter: never shorter than the server asked (see RetryOptions).
 *   Each reconnect sends the stream's last event ID as `Last-Event-ID`, as EventSource does.
 *   A 401, 403, 404, other 4xx, or a 2xx other than 200 and 204, throws EventStreamError
 *   without reconnecting.
 * - A Response or ReadableStream source is read once: the iteration ends with it, and a read
 *   error is thrown as EventStreamError.
 *
 * The options are checked when streamEvents is called, before any request: an unknown or empty
 * `types`, a bad `extraTypes`, a `runId` that is not a UUID, or a URL that does not parse
 * throws a TypeError.
 * @example
 * const controller = new AbortController();
 * const events = streamEvents("https://ironflow.example.com/api/v1/events", {
 *   types: ["run_failed", "step_failed"],
 *   headers: { Authorization: `Bearer ${token}` },
 *   signal: controller.signal,
 *   onInvalid: (issues, data) => console.warn("skipped an event:", issues[0]?.message),
 * });
 * for await (const event of events) {
 *   console.log(event.type, event.run_id, event.error); // event: RunFailed | StepFailed
 * }
 */
export function streamEvents<
  const T extends EventTypeAt<V>,
  const X extends string = never,
  const V extends string = NewestEngine,
>(source: StreamSource, options: StreamEventsOptions<T, X, V> = {}): AsyncIterable<EventOf<T, V>> {
  const settings = resolveOptions(source, options as unknown as StreamEventsOptions<string, string, string>);
  const events =
    typeof source === "string" || source instanceof URL ? fromUrl(settings) : fromBody(openSource(source), settings);
  return events as AsyncIterable<EventOf<T, V>>;
}

/** The options, checked and with their defaults. */
interface Settings {
  url: URL | undefined;
  /** The engine version the events are read as (a modelled one), or undefined for the newest. */
  engine: string | undefined;
  wanted: (event: EventAt<string>) => boolean;
  /** The names of `extraTypes`, whose events go to onUnknown. */
  extraTypes: ReadonlySet<string>;
  options: StreamEventsOptions<string, string, string>;
  initialDelayMs: number;
  maxDelayMs: number;
  maxSize: number;
}

const CREDENTIALS = ["omit", "same-origin", "include"];

function resolveOptions(source: StreamSource, options: StreamEventsOptions<string, string, string>): Settings {
  if (options === null || typeof options !== "object") throw new TypeError("streamEvents: options must be an object");
  const format = formatFor(options.engine, CALLER);
  const isUrl = typeof source === "string" || source instanceof URL;
  if (!isUrl && (options.types !== undefined || options.runId !== undefined))
    throw new TypeError(
      "streamEvents: types and runId build the request's query, so they need a URL source; " +
        "to filter an open Response or ReadableStream, use filterEvents on the events",
    );
  const types = options.types === undefined ? undefined : checkTypes(options.types, format);
  const extraTypes =
    options.extraTypes === undefined
      ? []
      : checkExtraTypes(options.extraTypes, format, {
          engineGiven: options.engine !== undefined,
          inQuery: types !== undefined,
        });
  if (options.extraTypes !== undefined && typeof options.onUnknown !== "function")
    throw new TypeError("streamEvents: extraTypes needs onUnknown, which receives the events of those types");
  if (options.credentials !== undefined && !CREDENTIALS.includes(options.credentials))
    throw new TypeError(
      `streamEvents: credentials must be one of ${CREDENTIALS.map((c) => `"${c}"`).join(", ")}, got ${JSON.stringify(options.credentials)}`,
    );
  // Without `types` there is no filter to widen: the server sends every type, newer ones too.
  const query = types === undefined ? undefined : [...types, ...extraTypes];
  const url = isUrl ? streamUrl(source, query, options.runId) : undefined;
  const initialDelayMs = delayOption(options.retry?.initialDelayMs, "initialDelayMs", DEFAULT_INITIAL_DELAY_MS);
  const maxDelayMs = delayOption(options.retry?.maxDelayMs, "maxDelayMs", DEFAULT_MAX_DELAY_MS);
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
  if (typeof maxSize !== "number" || !Number.isFinite(maxSize) || maxSize < 0)
    throw new TypeError("streamEvents: maxSize must be a finite number of bytes, 0 or more");
  // The server filters by `types` already; this keeps the promise of the element type if it does not.
  const wanted = types === undefined ? undefined : new Set<string>(types);
  return {
    url,
    engine: options.engine,
    wanted: wanted === undefined ? () => true : (event) => wanted.has(event.type),
    extraTypes: new Set(extraTypes),
    options,
    initialDelayMs,
    maxDelayMs: Math.max(maxDelayMs, initialDelayMs),
    maxSize,
  };
}

function delayOption(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
    throw new TypeError(`streamEvents: retry.${name} must be a finite number of milliseconds, 0 or more`);
  return value;
}

/** Reads a URL, reconnecting until the signal aborts, the consumer leaves, or a fatal answer. */
async function* fromUrl(settings: Settings): AsyncGenerator<EventAt<string>, void, undefined> {
  const { options } = settings;
  const url = settings.url!;
  const signal = options.signal;
  const fetchFn = options.fetch ?? ((input: string, init: RequestInit) => globalThis.fetch(input, init));
  const random = options.retry?.random ?? Math.random;
  const wait = options.retry?.sleep ?? sleep;
  const report = options.onReconnect ?? warnOnStreaks();
  // One decoder for every connection: it keeps the last event ID and the server's `retry:`
  // from one to the next, as the standard's event source does.
  const decoder = newDecoder(settings.maxSize);
  let failures = 0; // attempts in a row that brought nothing (onReconnect's)
  let reconnects = 0; // reconnects since the start or the last connection that brought data (the backoff's)
  let attempt = 0;
  let downSince = Date.now(); // the stream is down from the start until a connection opens

  while (!signal?.aborted) {
    let cause: EventStreamError;
    let delivered = false; // whether this connection brought any bytes: the backoff restarts after one that did
    const headers = new Headers(options.headers);
    if (!headers.has("accept")) headers.set("accept", "text/event-stream");
    if (decoder.lastEventId !== "") headers.set("last-event-id", utf8ByteString(decoder.lastEventId));
    const connection = new ConnectionSignal(signal);
    const init: RequestInit = { method: "GET", headers, signal: connection.signal };
    if (options.credentials !== undefined) init.credentials = options.credentials; // some runtimes refuse the field itself

    try {
      let response: Response | undefined;
      try {
        response = await abortable(fetchFn(url.href, init), connection.signal);
      } catch (error) {
        if (signal?.aborted) return;
        response = undefined;
        cause = noAnswer(url, error, { headers, credentials: options.credentials });
      }
      if (response !== undefined) {
        const verdict = statusVerdict(response.status);
        if (verdict === "done") return await discard(response);
        if (verdict === "fatal") {
          await discard(response);
          throw refused(url, response);
        }
        if (verdict === "retry") {
          await discard(response);
          cause = answered(url, response);
        } else {
          checkContentType(response, `GET ${displayUrl(url)}`);
          options.onOpen?.({ attempt, downtimeMs: Date.now() - downSince });
          const read: Connection = { delivered: false };
          try {
            for await (const message of readMessages(response.body, connection.signal, decoder, read)) {
              const event = toEvent(message, settings);
              if (event !== SKIP) yield event;
            }
            cause = ended(url);
          } catch (error) {
            if (!(error instanceof ReadError)) throw error; // from onInvalid or onUnknown: the consumer's own
            if (signal?.aborted) return;
            cause = broke(url, error.cause);
          }
          delivered = read.delivered;
          downSince = Date.now();
        }
      }
    } finally {
      connection.release();
    }

    if (signal?.aborted) return;
    failures = delivered ? 0 : failures + 1;
    if (delivered) reconnects = 0;
    const delayMs = reconnectDelay(
      {
        failures: reconnects++,
        serverRetry: decoder.retry,
        initialDelayMs: settings.initialDelayMs,
        maxDelayMs: settings.maxDelayMs,
      },
      random,
    );
    attempt++;
    report({
      attempt,
      delayMs,
      cause: cause!,
      failures,
      downtimeMs: Date.now() - downSince,
      lastEventId: decoder.lastEventId,
    });
    await wait(delayMs, signal);
  }
}

/** How many failed attempts in a row make a streak worth a warning when nobody listens (onReconnect unset). */
const STREAK_TO_WARN = 3;

/**
 * The reporter when onReconnect is left out: one console.warn per streak of failures, at its
 * third attempt. A dropped connection that comes back stays quiet; a stream that cannot connect
 * (a wrong URL, a CORS refusal, a server down) does not retry unseen.
 */
function warnOnStreaks(): (info: ReconnectInfo) => void {
  return (info) => {
    if (info.failures !== STREAK_TO_WARN) return;
    console.warn(
      `${info.cause.message}; ${info.failures} attempts in a row have failed, the stream has been down for ` +
        `${Math.round(info.downtimeMs / 1000)} s; still retrying (pass onReconnect to report this yourself)`,
    );
  };
}

/** Reads an open Response or ReadableStream once. */
async function* fromBody(
  body: ReadableStream<Uint8Array> | null,
  settings: Settings,
): AsyncGenerator<EventAt<string>, void, undefined> {
  const connection: Connection = { delivered: false };
  try {
    for await (const message of readMessages(body, settings.options.signal, newDecoder(settings.maxSize), connection)) {
      const event = toEvent(message, settings);
      if (event !== SKIP) yield event;
    }
  } catch (error) {
    if (!(error instanceof ReadError)) throw error;
    if (settings.options.signal?.aborted) return;
    throw new EventStreamError(`streamEvents: reading the stream failed (${String(error.cause)})`, undefined, {
      cause: error.cause,
    });
  }
}

function newDecoder(maxSize: number): SseDecoder {
  // + room for the field name: the data itself is held to maxSize, in bytes, by parseEvent.
  return new SseDecoder({ maxEventSize: maxSize + 16, maxIdLength: MAX_LAST_EVENT_ID_BYTES });
}

function openSource(source: Response | ReadableStream<Uint8Array>): ReadableStream<Uint8Array> | null {
  if (isReadableStream(source)) return source;
  if (source === null || typeof source !== "object" || !("status" in source) || !("headers" in source))
    throw new TypeError("streamEvents: source must be a URL, a string, a Response or a ReadableStream of bytes");
  if (source.bodyUsed) throw new TypeError("streamEvents: the Response's body has already been read");
  const verdict = statusVerdict(source.status);
  if (verdict === "retry" || verdict === "fatal") throw notAStream(source);
  if (verdict === "done") return null;
  checkContentType(source, "the Response");
  return source.body;
}

/**
 * A string of the UTF-8 bytes of `text`, one character per byte: how a header value carries
 * text beyond Latin-1 (the standard sends `Last-Event-ID` encoded as UTF-8; Headers accepts
 * only byte strings).
 */
function utf8ByteString(text: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(text)) out += String.fromCharCode(byte);
  return out;
}

const SKIP = Symbol("skip");

/** What one connection did that the next one's wait depends on. */
interface Connection {
  /** Whether it brought any bytes. */
  delivered: boolean;
}

/** A failure to read the body (the network), told apart from errors thrown by callbacks. */
class ReadError extends Error {
  constructor(override readonly cause: unknown) {
    super("read failed");
  }
}

/**
 * The complete messages of a body, in order. A read failure is thrown as ReadError; the end of
 * the body (or the abort of the signal, which cancels it) ends the series, dropping an event it
 * cut off. The body is cancelled when the series ends early (the consumer left the loop).
 */
async function* readMessages(
  body: ReadableStream<Uint8Array> | null,
  signal: AbortSignal | undefined,
  decoder: SseDecoder,
  connection: Connection,
): AsyncGenerator<SseMessage, void, undefined> {
  if (body === null) return;
  const reader = body.getReader();
  const cancel = () => void reader.cancel().catch(() => {});
  signal?.addEventListener("abort", cancel, { once: true });
  try {
    while (!signal?.aborted) {
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await reader.read();
      } catch (error) {
        throw new ReadError(error);
      }
      if (next.done) break;
      if (next.value.byteLength > 0) connection.delivered = true;
      yield* decoder.push(next.value);
    }
  } finally {
    decoder.end(); // an event cut off by the end of the body is dropped here, never dispatched
    signal?.removeEventListener("abort", cancel);
    cancel();
  }
}

/**
 * The event in a message, or SKIP after telling onInvalid why not, or after handing an event of
 * a type in `extraTypes` to onUnknown (or when `types` leaves it out).
 */
function toEvent(message: SseMessage, settings: Settings): EventAt<string> | typeof SKIP {
  const { onInvalid, onUnknown, strict } = settings.options;
  let event: EventAt<string>;
  try {
    if (message.oversized)
      throw new EventValidationError([tooLargeIssue(settings.maxSize, "maxSize", undefined, "event")]);
    event = parseEvent<string>(message.data, {
      strict: strict === true,
      maxSize: settings.maxSize,
      engine: settings.engine,
    });
  } catch (error) {
    if (!(error instanceof EventValidationError)) throw error; // parseEvent throws nothing else
    const unknown = settings.extraTypes.size > 0 ? unknownEventIn(message.data, error.issues) : undefined;
    if (unknown !== undefined && settings.extraTypes.has(unknown.type))
      onUnknown!(unknown, message.event); // its type is one of extraTypes
    else onInvalid?.(error.issues, message.data, message.event);
    return SKIP;
  }
  return settings.wanted(event) ? event : SKIP;
}

function checkContentType(response: Response, what: string): void {
  const type = response.headers.get("content-type");
  if (!isEventStreamType(type)) {
    void discard(response);
    throw new EventStreamError(
      `streamEvents: ${what} has content type ${JSON.stringify(type)}, not text/event-stream; not reconnecting`,
      response.status,
    );
  }
}

/** Releases a response's body unread, so its connection is freed. */
async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Already gone: nothing to free.
  }
}

function isReadableStream(value: unknown): value is ReadableStream<Uint8Array> {
  return value !== null && typeof value === "object" && typeof (value as ReadableStream).getReader === "function";
}

/** `promise`, or an AbortError as soon as `signal` aborts, for a fetch that does not watch the signal. */
function abortable<V>(promise: Promise<V>, signal: AbortSignal | undefined): Promise<V> {
  if (signal === undefined) return promise;
  return new Promise<V>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
