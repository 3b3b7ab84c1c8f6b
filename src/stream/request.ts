// The request side of streamEvents: the URL with its `types` / `run_id` query, checked before
// anything is sent, and what an HTTP answer means for the stream.
import { isUuid } from "../rules/uuid.js";
import { describeValue } from "../describe.js";
import { EVENT_TYPES } from "../../generated/constants.js";
import { NEWEST, type Format } from "../engine/index.js";

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

/** `types` as the stream accepts it: a non-empty list of event types of the engine version `format`. */
export function checkTypes(types: unknown, format: Format): readonly string[] {
  if (!Array.isArray(types))
    throw new TypeError(`streamEvents: types: expected an array of event types, got ${describeValue(types)}`);
  types.forEach((type: unknown, index) => {
    if (typeof type !== "string" || !format.eventTypes.includes(type))
      throw new TypeError(
        `streamEvents: types: ${describeValue(type)} (at index ${index}) is not an event type of engine ${format.range}, ` +
          `which would answer 400 to it; valid: ${format.eventTypes.join(", ")}`,
      );
  });
  if (types.length === 0)
    throw new TypeError(
      "streamEvents: types is empty, so the stream would deliver nothing; leave it out to receive every type",
    );
  return types as string[];
}

/**
 * How the engine names its event types: lower-case snake_case, with one dot in some
 * (`provider_account.updated`). A name of this form needs no escaping in the query.
 */
const TYPE_NAME = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)?$/;

/**
 * `extraTypes` as the stream accepts it: an array of names of the engine's form that this
 * package does not know, for events newer than it. When they go into the query (`inQuery`, with
 * `types`) and an engine version was given (`engineGiven`), none can be right: the package
 * knows every type of each version it models, so that engine would answer 400.
 */
export function checkExtraTypes(
  extraTypes: unknown,
  format: Format,
  { engineGiven, inQuery }: { engineGiven: boolean; inQuery: boolean },
): readonly string[] {
  if (!Array.isArray(extraTypes))
    throw new TypeError(
      `streamEvents: extraTypes: expected an array of event type names, got ${describeValue(extraTypes)}`,
    );
  extraTypes.forEach((name: unknown, index) => {
    if (typeof name !== "string" || !TYPE_NAME.test(name))
      throw new TypeError(
        `streamEvents: extraTypes: ${describeValue(name)} (at index ${index}) is not an event type name (lower-case snake_case, such as workflow_paused)`,
      );
    if (format.eventTypes.includes(name))
      throw new TypeError(
        `streamEvents: extraTypes: "${name}" (at index ${index}) is an event type this package knows; list it in types`,
      );
    if ((EVENT_TYPES as readonly string[]).includes(name))
      throw new TypeError(
        `streamEvents: extraTypes: "${name}" (at index ${index}) is an event type of engines newer than ${format.range}, ` +
          `which does not send it and would answer 400 to ?types= naming it`,
      );
    if (engineGiven && inQuery)
      throw new TypeError(
        `streamEvents: extraTypes: "${name}" (at index ${index}) is not an event type of engine ${format.range} ` +
          `(this package knows every one of its types), which would answer 400 to ?types= naming it; ` +
          `extraTypes are for an engine newer than ${NEWEST.range}, the newest this package models: leave engine out for one`,
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

/** True for a Content-Type of text/event-stream (any parameters); the standard fails the connection on anything else. */
export function isEventStreamType(contentType: string | null): boolean {
  if (contentType === null) return false;
  return contentType.split(";")[0]!.trim().toLowerCase() === "text/event-stream";
}
