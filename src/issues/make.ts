// The constructors of issues, one or more per code: the only place that writes an issue's code
// and message, so that each code has one wording whichever producer (validation, the text
// reader of src/engine-text/, the CLI, the stream, the webhook) finds it.
import { describeValue } from "../describe.js";
import { loneSurrogateIndex, MAX_NESTING_DEPTH } from "../rules/index.js";
import type { ValidationIssue } from "../types.js";

/** Where a json_syntax issue is; `line` is named in the message only when the text has lines of its own. */
interface JsonPosition {
  line: number;
  column: number;
  /** False for one NDJSON line: its line number is the file's, and the message gives the column only. */
  lineInMessage: boolean;
}

/** `json_syntax`: not JSON, for `reason`, at `position` when known. */
export function jsonSyntaxIssue(reason: string, position?: JsonPosition): ValidationIssue {
  if (position === undefined) return { path: "", code: "json_syntax", message: `is not valid JSON: ${reason}` };
  const { line, column, lineInMessage } = position;
  return {
    path: "",
    code: "json_syntax",
    message: `is not valid JSON (${lineInMessage ? `line ${line}, ` : ""}column ${column}): ${reason}`,
    line,
    column,
  };
}

/**
 * `json_syntax` for a key of the event written twice, at `line` and `column` of the second:
 * `JSON.parse` keeps the last, the engine refuses the text.
 */
export function duplicateFieldIssue(path: string, key: string, line: number, column: number): ValidationIssue {
  return {
    path,
    code: "json_syntax",
    message: `is written twice (line ${line}, column ${column}): the engine refuses a duplicate field ${JSON.stringify(key)}`,
    line,
    column,
  };
}

/** What a size limit is called where it was set. */
type SizeOption = "maxSize" | "--max-size";

/**
 * `too_large`: an input over the size limit, refused unread. `size`: its size when known;
 * `exact` false when only a part was counted (then it is at least that). `unread`: what was
 * left unread ("line", "file", "document", "event"), for a reader that goes on with the rest.
 */
export function tooLargeIssue(
  limit: number,
  option: SizeOption,
  size?: { bytes: number; exact: boolean },
  unread?: string,
): ValidationIssue {
  const measured = size === undefined ? "" : `${size.exact ? "" : "at least "}${size.bytes} bytes, `;
  return {
    path: "",
    code: "too_large",
    message: `is ${measured}over the limit of ${limit} bytes (${option})${unread === undefined ? "" : `; the ${unread} was not read`}`,
  };
}

/** The codes of a value of the right place but the wrong kind; the most basic one first. */
export const MISMATCH_CODES = ["type", "range", "enum", "format"] as const;

/** One of MISMATCH_CODES. */
export type MismatchCode = (typeof MISMATCH_CODES)[number];

/** `type`, `range`, `enum` or `format`: `value` at `path` is not what `expected` says. */
export function mismatchIssue(
  path: string,
  code: MismatchCode,
  expected: string | undefined,
  value: unknown,
): ValidationIssue {
  return {
    path,
    code,
    message:
      path === ""
        ? `must be a JSON object (an event), got ${describeValue(value)}`
        : `must be ${expected ?? "valid"}, got ${describeValue(value)}`,
  };
}

/** `type` for a value that is not JSON data at all (a function, a symbol, a class instance). */
export function notJsonDataIssue(path: string, value: unknown): ValidationIssue {
  return {
    path,
    code: "type",
    message: `must be JSON data (a string, number, boolean, null, array or plain object), got ${describeValue(value)}`,
  };
}

/** `type` for an input that threw while being read (a getter, a Proxy). */
export function unreadableIssue(reason: string): ValidationIssue {
  return { path: "", code: "type", message: `could not be read as JSON data: ${reason}` };
}

/** `type`, as a last resort: the validator refused the value without an error this package reads. */
export function notAnEventIssue(): ValidationIssue {
  return { path: "", code: "type", message: "is not a valid event" };
}

/** `range` for NaN or an infinity. */
export function nonFiniteIssue(path: string, value: unknown): ValidationIssue {
  return { path, code: "range", message: `must be a finite number, got ${describeValue(value)}` };
}

/** `range` for a number written `token` that serde_json cannot hold ("number out of range"). */
export function numberOutOfRangeIssue(path: string, token: string): ValidationIssue {
  return {
    path,
    code: "range",
    message: `is a number the engine cannot hold (serde_json: number out of range), got ${shortToken(token)}`,
  };
}

/**
 * `range` for a number written `token` that the engine reads as `engine`, of magnitude `limit`
 * or more (a cost: rust_decimal holds less than 2^96).
 */
export function costPastLimitIssue(path: string, token: string, engine: number, limit: number): ValidationIssue {
  const exponent = Math.log2(limit);
  const bound = Number.isInteger(exponent) ? `2^${exponent}` : String(limit);
  return {
    path,
    code: "range",
    message: `must be of magnitude below ${bound}, got ${shortToken(token)}, which the engine reads as ${engine}`,
  };
}

/** `range` for an integer written `token` past what `expected` allows (`JSON.parse` may round it into range). */
export function integerPastLimitIssue(path: string, expected: string, token: string): ValidationIssue {
  return { path, code: "range", message: `must be ${expected}, got ${shortToken(token)}` };
}

/** `type` for an integer field written `token` with a fraction or an exponent, which the engine reads as a float. */
export function floatForIntegerIssue(path: string, expected: string, token: string): ValidationIssue {
  return {
    path,
    code: "type",
    message: `must be ${expected} written without a fraction or exponent, got ${shortToken(token)}, which the engine reads as a float`,
  };
}

/** A number's text for a message: a 400-digit number is shown by its ends. */
function shortToken(token: string): string {
  return token.length <= 40 ? token : `${token.slice(0, 20)}…${token.slice(-12)} (${token.length} characters)`;
}

/** `required`: the field at `path` is missing; `expected` says what belongs there. */
export function requiredIssue(path: string, expected: string): ValidationIssue {
  return { path, code: "required", message: `is required: ${expected}` };
}

/**
 * `unknown_event_type`: a string `type` that names no event of `format`; `hint` a type of it
 * that `tag` resembles; `elsewhere` the range of the modelled format that has `tag` (an event of
 * a newer or an older engine than the one read).
 */
export function unknownEventTypeIssue(
  tag: string,
  format: { range: string; eventTypes: readonly string[] },
  hint: string | undefined,
  elsewhere: string | undefined,
): ValidationIssue {
  const other = elsewhere === undefined ? "" : `; it is an event of engine ${elsewhere}`;
  const head = `names no event type of engine ${format.range}, got ${describeValue(tag)}${hint ? `; did you mean "${hint}"?` : ""}${other}`;
  return {
    path: "/type",
    code: "unknown_event_type",
    message: `${head} (known: ${listWithin(format.eventTypes, UNKNOWN_TYPE_MESSAGE - head.length)})`,
  };
}

/** How long an unknown_event_type message may grow: the list of known types is cut to fit (a long `type` quoted). */
const UNKNOWN_TYPE_MESSAGE = 480;

/** `items` joined with ", " in at most `room` characters: as many as fit, then how many there are in all. */
function listWithin(items: readonly string[], room: number): string {
  const all = items.join(", ");
  if (all.length + 12 <= room) return all;
  const shown: string[] = [];
  let length = 0;
  for (const item of items) {
    if (length + item.length + 2 > room - 20) break;
    shown.push(item);
    length += item.length + 2;
  }
  return `${shown.join(", ")}, … (${items.length} in all)`;
}

/** `additional_property`: a field that the schema of `owner` does not name (strict mode). */
export function additionalPropertyIssue(path: string, owner: string): ValidationIssue {
  return {
    path,
    code: "additional_property",
    message: `is not a field of ${owner} (strict mode refuses fields the schema does not name)`,
  };
}

/** `invalid_unicode`: a string with a lone surrogate, named by its index. */
export function invalidUnicodeIssue(path: string, value: string): ValidationIssue {
  return {
    path,
    code: "invalid_unicode",
    message: `must be valid Unicode, but holds a lone surrogate at index ${loneSurrogateIndex(value)}: ${describeValue(value)}`,
  };
}

/**
 * `invalid_unicode` for a lone surrogate found in the text, maybe in a value that `JSON.parse`
 * dropped (the first of a duplicated key), so no index into the parsed value is given.
 */
export function loneSurrogateInTextIssue(path: string): ValidationIssue {
  return {
    path,
    code: "invalid_unicode",
    message:
      "must be valid Unicode, but holds a lone surrogate (the engine refuses it, even in a value a later duplicate key replaces)",
  };
}

/** `too_deep`: containers nested deeper than the engine reads. */
export function tooDeepIssue(path: string): ValidationIssue {
  return {
    path,
    code: "too_deep",
    message: `nests deeper than ${MAX_NESTING_DEPTH} levels, the most the engine reads`,
  };
}

/** `illegal_transition`: a run status move the lifecycle forbids; `why` names the legal moves. */
export function illegalTransitionIssue(from: string, to: string, why: string): ValidationIssue {
  return { path: "/to", code: "illegal_transition", message: `a run cannot move from ${from} to ${to}; ${why}` };
}
