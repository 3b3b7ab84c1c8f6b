// The query of GET /api/v1/events, read as the engine reads it: `types` a comma-separated list
// of event types (an event passes when its type is one of them: an unknown name matches
// nothing, an empty list nothing at all), `run_id` a UUID (an event passes when it is of that
// run; user events have none); other parameters are ignored. A run_id that is no UUID is refused.

/**
 * Which events one client receives.
 * @example
 * const filter: StreamFilter = { types: new Set(["log_line"]), runId: undefined };
 */
export interface StreamFilter {
  types: ReadonlySet<string> | undefined;
  /** Lower-case hyphenated. */
  runId: string | undefined;
}

/**
 * The filter of a request's query, or the reason it is refused (the engine answers 400).
 * @example
 * readStreamFilter(new URLSearchParams("types=run_failed,step_failed")); // { types: Set {…}, runId: undefined }
 */
export function readStreamFilter(query: URLSearchParams): StreamFilter | { error: string } {
  const types = query.get("types");
  const runId = query.get("run_id");
  let id: string | undefined;
  if (runId !== null) {
    id = normalizeUuid(runId);
    if (id === undefined)
      return { error: `Failed to deserialize query string: run_id: invalid UUID ${JSON.stringify(runId)}` };
  }
  return { types: types === null ? undefined : new Set(types.split(",")), runId: id };
}

/**
 * True when an event of `type` (and run `runId`, if it has one) passes `filter`.
 * @example
 * passes({ types: undefined, runId: undefined }, "log_line", undefined); // true
 */
export function passes(filter: StreamFilter, type: string, runId: string | undefined): boolean {
  if (filter.types !== undefined && !filter.types.has(type)) return false;
  return filter.runId === undefined || (runId !== undefined && runId.toLowerCase() === filter.runId);
}

/**
 * A UUID in any spelling the engine's uuid crate parses (hyphenated, 32 hex digits, braced,
 * `urn:uuid:`), as lower-case hyphenated; undefined for anything else.
 * @example
 * normalizeUuid("{0190F3A2-6C1E-7D3B-9A4F-2B8C1D0E5F67}"); // "0190f3a2-6c1e-7d3b-9a4f-2b8c1d0e5f67"
 */
export function normalizeUuid(text: string): string | undefined {
  let s = text;
  if (s.length === 45 && s.slice(0, 9).toLowerCase() === "urn:uuid:") s = s.slice(9);
  else if (s.length === 38 && s.startsWith("{") && s.endsWith("}")) s = s.slice(1, -1);
  let hex: string;
  if (s.length === 36 && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s))
    hex = s.replace(/-/g, "");
  else if (s.length === 32 && /^[0-9a-f]{32}$/i.test(s)) hex = s;
  else return undefined;
  hex = hex.toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
