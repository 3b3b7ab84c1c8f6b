// What each failure of a connection of streamEvents is called: the one place that words them,
// for the errors it throws and the causes it hands onReconnect. Each names the request, says
// what happened and, where the cause hides it, where to look.
import { displayUrl } from "./request.js";
import { EventStreamError } from "./stream-error.js";

/** What the request carried that a CORS refusal depends on. */
export interface RequestTraits {
  headers: Headers;
  credentials: string | undefined;
}

/**
 * fetch rejected: no answer at all. In a browser a CORS refusal looks exactly like a network
 * error (a TypeError with no detail, the reason only in the developer console), so for a URL of
 * another origin than the page the message says so, and names what the server must allow.
 */
export function noAnswer(url: URL, error: unknown, request: RequestTraits): EventStreamError {
  const detail = errorText(error);
  const page = (globalThis as { location?: { origin?: string } }).location?.origin;
  let message = `streamEvents: GET ${displayUrl(url)} got no answer (${detail})`;
  if (page !== undefined && page !== "null" && page !== url.origin) {
    const allow = [`Access-Control-Allow-Origin: ${page}`];
    const custom = [...request.headers.keys()].filter((name) => !SIMPLE_HEADERS.has(name));
    if (custom.length > 0)
      allow.push(`Access-Control-Allow-Headers: ${custom.join(", ")} (in its answer to the preflight OPTIONS request)`);
    if (request.credentials === "include") allow.push("Access-Control-Allow-Credentials: true");
    message +=
      `: the network failed, or the server refused this page's origin by CORS, which a browser reports the same way ` +
      `(the developer console says which); for ${page}, the server must answer with ${allow.join(", ")}`;
  }
  return new EventStreamError(message, undefined, { cause: error });
}

/** The request headers a browser sends without a preflight (with a value it accepts without one). */
const SIMPLE_HEADERS = new Set(["accept", "accept-language", "content-language", "content-type", "range"]);

/** A status that is worth a reconnect (5xx, 408, 429). */
export function answered(url: URL, response: Response): EventStreamError {
  return new EventStreamError(`streamEvents: GET ${displayUrl(url)} answered ${statusLine(response)}`, response.status);
}

/** A status that a reconnect would not mend. */
export function refused(url: URL, response: Response): EventStreamError {
  return new EventStreamError(
    `streamEvents: GET ${displayUrl(url)} answered ${statusLine(response)}; not reconnecting: ${statusHint(response.status)}`,
    response.status,
  );
}

/** A Response source whose status is no stream's. */
export function notAStream(response: Response): EventStreamError {
  return new EventStreamError(
    `streamEvents: the Response has status ${statusLine(response)}: ${statusHint(response.status)}`,
    response.status,
  );
}

/** The connection broke while the stream was read. */
export function broke(url: URL, error: unknown): EventStreamError {
  return new EventStreamError(
    `streamEvents: GET ${displayUrl(url)}: the connection broke (${errorText(error)})`,
    undefined,
    {
      cause: error,
    },
  );
}

/** The server ended the stream (a clean end of the body). */
export function ended(url: URL): EventStreamError {
  return new EventStreamError(`streamEvents: GET ${displayUrl(url)}: the server ended the stream`);
}

/** Why a status is fatal, in words for the error message. */
function statusHint(status: number): string {
  switch (status) {
    case 401:
      return "the request lacks valid credentials: check the headers option (Authorization) or credentials";
    case 403:
      return "the credentials are not allowed to read the event stream";
    case 404:
      return "no event stream there: check the URL (the API serves GET /api/v1/events) and runId";
    default:
      return status >= 200 && status < 300
        ? "an event stream is a 200 answer (204 to stop); the standard fails the connection on any other"
        : "the server refused the request";
  }
}

function statusLine(response: Response): string {
  return response.statusText ? `${response.status} ${response.statusText}` : String(response.status);
}

/** An error as text, with what Node's fetch keeps in its cause (`fetch failed` says nothing alone). */
function errorText(error: unknown): string {
  const text = String(error);
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause === undefined ? text : `${text}: ${String((cause as { message?: unknown }).message ?? cause)}`;
}
