// The request side of streamEvents: the URL with its `types` / `run_id` query, checked before
// anything is sent, and what an HTTP answer means for the stream.
import { isUuid } from "../rules/uuid.js";
import { describeValue } from "../describe.js";
import { EVENT_TYPES } from "../../generated/constants.js";
import { checkEventTypes } from "../filter.js";
import type { EventType } from "../types.js";

/**
 * The stream's URL: `source` with `types=a,b` and `run_id=<uuid>` set in its query (replacing
 * any already there). `types` are names already checked (checkTypes, checkExtraTypes). Throws a
 * TypeError, naming the problem, for a URL that does not parse or a run id that is not a UUID.
 */
export function streamUrl(source: string | URL, types: readonly string[] | undefined, runId: unknown): URL {
  let url: URL;
  try {
    // A relative URL ("/api/v1/events") is resolved against the page in a browser.
    url = new URL(source, (globalThis as { location?: { href?: string } }).location?.href);
  } catch {
    throw new TypeError(
      `streamEvents: ${describeValue(String(source))} is not a URL (nor, outside a browser page, can it be a relative one)`,
    );
  }
  const params: string[] = [];
  if (types !== undefined) params.push(`types=${types.join(",")}`); // type names need no escaping
  if (runId !== undefined) params.push(`run_id=${checkRunId(runId)}`);
  if (params.length > 0) {
    url.searchParams.delete("types");
    url.searchParams.delete("run_id");
    // Built by hand: URLSearchParams would write the comma of `a,b` as %2C.
    url.search = [url.search.slice(1), ...params].filter((part) => part !== "").join("&");
  }
  return url;
}

/** `types` as the stream accepts it: a non-empty list of known event types. */
export function checkTypes<T extends EventType>(types: readonly T[]): readonly T[] {
  checkEventTypes(types, "streamEvents: types");
  if (types.length === 0)
    throw new TypeError(
      "streamEvents: types is empty, so the stream would deliver nothing; leave it out to receive every type",
    );
  return types;
}

/** How the engine names its event types; a name of this form needs no escaping in the query. */
const TYPE_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * `extraTypes` as the stream accepts it: an array of names of the engine's form (lower-case
 * snake_case) that this package does not know, for events newer than it.
 */
export function checkExtraTypes(extraTypes: unknown): readonly string[] {
  if (!Array.isArray(extraTypes))
    throw new TypeError(
      `streamEvents: extraTypes: expected an array of event type names, got ${describeValue(extraTypes)}`,
    );
  extraTypes.forEach((name: unknown, index) => {
    if (typeof name !== "string" || !TYPE_NAME.test(name))
      throw new TypeError(
        `streamEvents: extraTypes: ${describeValue(name)} (at index ${index}) is not an event type name (lower-case snake_case, such as workflow_paused)`,
      );
    if ((EVENT_TYPES as readonly string[]).includes(name))
      throw new TypeError(
        `streamEvents: extraTypes: "${name}" (at index ${index}) is an event type this package knows; list it in types`,
      );
  });
  return extraTypes as string[];
}

function checkRunId(runId: unknown): string {
  if (typeof runId !== "string" || !isUuid(runId))
    throw new TypeError(
      `streamEvents: runId must be a hyphenated UUID such as 0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b, got ${describeValue(runId)}`,
    );
  return runId;
}

/** The URL as an error message may show it: without user name, password or fragment. */
export function displayUrl(url: URL): string {
  return `${url.origin}${url.pathname}${url.search}`;
}

/**
 * What an HTTP status means for the stream, by the standard: `ok` (200: read it), `done` (204:
 * the server asks the client not to come back) and `fatal` for any other status, which fails
 * the connection (another 2xx, a 401, 403 or 404). As a documented choice beyond the standard,
 * a server-side or passing failure (5xx, 408, 429) is `retry`.
 */
export function statusVerdict(status: number): "ok" | "done" | "retry" | "fatal" {
  if (status === 200) return "ok";
  if (status === 204) return "done";
  if (status >= 500 || status === 408 || status === 429) return "retry";
  return "fatal";
}

/** Why a status is fatal, in words for the error message. */
export function statusHint(status: number): string {
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

/** True for a Content-Type of text/event-stream (any parameters); the standard fails the connection on anything else. */
export function isEventStreamType(contentType: string | null): boolean {
  if (contentType === null) return false;
  return contentType.split(";")[0]!.trim().toLowerCase() === "text/event-stream";
}
