// The query of GET /api/v1/events, read as the engine reads it (axum's Query: the pairs decoded
// as a form, then serde): `types` a comma-separated list, each name trimmed and empty ones
// dropped, every name one of the engine version's event types (an empty list lets nothing
// through); `run_id` a UUID in any spelling its uuid crate reads (an event passes when it is of
// that run; events without a run never do). Other parameters are ignored; a parameter given
// twice is refused, as serde_html_form refuses a second value for a single field. A refusal
// is the text of axum's 400: "Failed to deserialize query string: <field>: <serde's reason>".
import { parseUuidText } from "./uuid-text.js";

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

/** What axum's query rejection starts with (its FailedToDeserializeQueryString). */
export const QUERY_REJECTION = "Failed to deserialize query string";

/**
 * The filter of a request's query (the text after `?`), or the text of the engine's 400 answer.
 * `knownTypes` are the event types of the engine version served, in its order.
 * @example
 * readStreamFilter("types=run_failed,%20step_failed", EVENT_TYPES); // { types: Set {"run_failed", "step_failed"}, runId: undefined }
 */
export function readStreamFilter(query: string, knownTypes: readonly string[]): StreamFilter | { error: string } {
  const values = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(query)) {
    const list = values.get(key);
    if (list === undefined) values.set(key, [value]);
    else list.push(value);
  }
  let types: Set<string> | undefined;
  let runId: string | undefined;
  // serde reads the fields in the order they first appear in the query: the first bad one is told.
  for (const [key, list] of values) {
    if (key !== "types" && key !== "run_id") continue;
    if (list.length > 1) return rejection(key, "unsupported value");
    const value = list[0]!;
    if (key === "types") {
      const names = value
        .split(",")
        .map(rustTrim)
        .filter((name) => name !== "");
      const unknown = names.find((name) => !knownTypes.includes(name));
      if (unknown !== undefined) return rejection(key, unknownVariant(unknown, knownTypes));
      types = new Set(names);
    } else {
      const parsed = parseUuidText(value);
      if ("error" in parsed) return rejection(key, `UUID parsing failed: ${parsed.error}`);
      runId = parsed.uuid;
    }
  }
  return { types, runId };
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

function rejection(field: string, reason: string): { error: string } {
  return { error: `${QUERY_REJECTION}: ${field}: ${reason}` };
}

/** serde's unknown_variant: "unknown variant `x`, expected `a`", "… `a` or `b`", "… one of `a`, `b`, `c`". */
function unknownVariant(name: string, expected: readonly string[]): string {
  const quoted = expected.map((one) => `\`${one}\``);
  if (quoted.length === 0) return `unknown variant \`${name}\`, there are no variants`;
  const list =
    quoted.length === 1
      ? quoted[0]
      : quoted.length === 2
        ? `${quoted[0]} or ${quoted[1]}`
        : `one of ${quoted.join(", ")}`;
  return `unknown variant \`${name}\`, expected ${list}`;
}

/**
 * Rust's str::trim: Unicode White_Space, which is not JavaScript's set (U+0085 in, U+FEFF out).
 * A loop, not a regex: a trailing-space regex backtracks quadratically on a long run of spaces.
 */
function rustTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isRustSpace(text.charCodeAt(start))) start++;
  while (end > start && isRustSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

function isRustSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}
