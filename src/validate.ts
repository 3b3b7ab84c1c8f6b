// validateEvent, isEvent and parseEvent: thin over the generated validators. The success
// path allocates nothing beyond what the input needs (a copy only to fill in a default).
import { DEFAULTS } from "../generated/constants.js";
import { validateEvent as validateDefault, validateEventStrict } from "../generated/validators.js";
import { EventValidationError } from "./errors.js";
import { issuesFromErrors, tooLargeIssue, unreadableIssue } from "./issues/index.js";
import { jsonTextIssue, needsTextScan, textIssues } from "./engine-text/index.js";
import { fullWalks } from "./rules/engine-json.js";
import type { Event } from "./event.js";
import type { EventType, ValidateOptions, ValidationIssue } from "./types.js";

/**
 * The outcome of validateEvent: the typed event, or every issue found.
 * @example
 * const result: ValidationResult = validateEvent(value);
 * if (result.ok) handle(result.event);
 * else console.warn(result.issues.map(formatIssue).join("\n"));
 */
export type ValidationResult = { ok: true; event: Event } | { ok: false; issues: ValidationIssue[] };

/**
 * Checks that `value` (already parsed) is an event the engine could have sent.
 * Never throws. On success `event` is the value itself, or a copy of it with left-out
 * defaults filled in (run_failed and run_status_changed read an absent `error` as null).
 * @example
 * const result = validateEvent(JSON.parse(body));
 * if (result.ok) handle(result.event);
 * else for (const issue of result.issues) console.warn(issue.path, issue.message);
 */
export function validateEvent(value: unknown, options?: ValidateOptions): ValidationResult {
  const checked = check(value, options, "borrowed");
  return isIssues(checked) ? { ok: false, issues: checked } : { ok: true, event: checked };
}

/**
 * True when `value` is a valid event already in its parsed shape: every field present,
 * `error` included. Use parseEvent or validateEvent on wire input that may leave it out.
 * @example
 * if (isEvent(message) && message.type === "log_line") print(message.line);
 */
export function isEvent(value: unknown, options?: ValidateOptions): value is Event {
  return check(value, options, "borrowed") === value; // a copy means a default had to be filled in
}

/**
 * Parses an event from JSON text, or checks an already parsed value, and returns it typed.
 * Throws EventValidationError, and nothing else, whatever it is given.
 * @example
 * const event = parseEvent('{"type":"user_signed_out","user_id":"460a7a4d-ab36-70a1-98a2-709815e295fd","at":"2054-04-07T21:24:08.379Z"}');
 * if (event.type === "user_signed_out") console.log(event.user_id);
 */
export function parseEvent(input: string | unknown, options?: ValidateOptions): Event {
  let checked: Event | ValidationIssue[];
  if (typeof input === "string") {
    const tooLarge = sizeIssue(input, options);
    if (tooLarge !== null) throw new EventValidationError([tooLarge]);
    let value: unknown;
    try {
      value = JSON.parse(input);
    } catch {
      throw new EventValidationError([jsonTextIssue(input)]);
    }
    checked = checkText(input, value, options);
  } else {
    checked = check(input, options, "borrowed");
  }
  if (isIssues(checked)) throw new EventValidationError(checked);
  return checked; // no result object on the way: the success path allocates nothing of its own
}

/**
 * The default `maxSize`: 1 MiB. The engine's events are far smaller; a larger text is refused unread.
 * @example
 * parseEvent(text, { maxSize: 4 * DEFAULT_MAX_SIZE }); // allow up to 4 MiB
 */
export const DEFAULT_MAX_SIZE = 1024 * 1024;

/** A `too_large` issue when `text` is more than `maxSize` bytes of UTF-8; cheap for short texts. */
function sizeIssue(text: string, options?: ValidateOptions): ValidationIssue | null {
  const requested = readOption(options, "maxSize");
  const limit = typeof requested === "number" && requested >= 0 ? requested : DEFAULT_MAX_SIZE;
  // A UTF-16 code unit is 1 to 3 bytes of UTF-8: only texts near the limit need counting.
  if (text.length * 3 <= limit) return null;
  const counted = text.length <= limit; // a longer text is over the limit whatever its bytes
  const size = counted ? utf8Length(text) : text.length;
  if (size <= limit) return null;
  return tooLargeIssue(limit, "maxSize", { bytes: size, exact: counted });
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4; // a surrogate pair is one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The event (with defaults filled in) when `value` is valid, otherwise its issues: an array,
 * which no event is, so the caller tells the two apart without a result object.
 * "owned": the value was made here (from text), so defaults may be filled in place; a
 * "borrowed" value is the caller's, and gets a copy instead.
 */
function check(value: unknown, options: ValidateOptions | undefined, ownership: Ownership): Event | ValidationIssue[] {
  try {
    const validator = readOption(options, "strict") === true ? validateEventStrict : validateDefault;
    if (validator(value)) return withDefaults(value, ownership);
    return issuesFromErrors(validator.errors ?? [], value);
  } catch (error) {
    // Only a value that is not data gets here: a getter or a Proxy that throws when read.
    return [unreadableIssue(errorText(error))];
  }
}

/**
 * validateEvent for a value that `JSON.parse` made of `text` (and that may be changed in
 * place): also refuses what the engine's reader sees in the text and JSON.parse hides
 * (src/engine-text/). The CLI checks its lines through this, as parseEvent does.
 */
export function validateText(text: string, value: unknown, options?: ValidateOptions): ValidationResult {
  const checked = checkText(text, value, options);
  return isIssues(checked) ? { ok: false, issues: checked } : { ok: true, event: checked };
}

function checkText(text: string, value: unknown, options: ValidateOptions | undefined): Event | ValidationIssue[] {
  const walks = fullWalks();
  const checked = check(value, options, "owned");
  // Unknown fields (the validators walked the value in full) or a failure: read the whole text.
  if (!isIssues(checked) && fullWalks() === walks && !needsTextScan(text, checked)) return checked;
  return checkTextInFull(text, value, options);
}

/** The slow path of checkText: an event that failed, or whose text may say more than its value. */
function checkTextInFull(
  text: string,
  value: unknown,
  options: ValidateOptions | undefined,
): Event | ValidationIssue[] {
  const fromText = textIssues(text, value); // first: it may put the engine's doubles into value
  const checked = check(value, options, "owned");
  if (fromText.length === 0) return checked;
  if (!isIssues(checked)) return fromText;
  // Where the value shows what is wrong, its issue stands, as for a parsed value; the text adds the rest.
  const reported = new Set(checked.map((issue) => issue.path));
  return [...checked, ...fromText.filter((issue) => !reported.has(issue.path))];
}

function isIssues(checked: Event | ValidationIssue[]): checked is ValidationIssue[] {
  return Array.isArray(checked);
}

/**
 * The event types that have defaults (run_failed, run_status_changed), compared in turn
 * with an event's type: cheaper than a lookup by name, since JSON.parse does not intern
 * string values, and the length test skips most comparisons of characters.
 */
const TYPES_WITH_DEFAULTS = Object.keys(DEFAULTS) as EventType[];

/** One option, read so that odd options objects (null, a string, a throwing getter) count as not given. */
function readOption<K extends keyof ValidateOptions>(options: ValidateOptions | undefined, key: K): unknown {
  if (options === null || typeof options !== "object") return undefined;
  try {
    return options[key];
  } catch {
    return undefined;
  }
}

/** What a thrown value says, even when it cannot be turned into a string. */
function errorText(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return "reading it threw a value that cannot be shown";
  }
}

/** Whose a value is: made by parseEvent from text, or the caller's. */
type Ownership = "owned" | "borrowed";

function withDefaults(event: Event, ownership: Ownership): Event {
  const type = event.type;
  let defaults: Readonly<Record<string, unknown>> | undefined;
  for (let i = 0; i < TYPES_WITH_DEFAULTS.length; i++) {
    const candidate = TYPES_WITH_DEFAULTS[i]!;
    if (candidate.length === type.length && candidate === type) defaults = DEFAULTS[candidate];
  }
  if (defaults === undefined) return event;
  const original = event as unknown as Record<string, unknown>;
  let out = original;
  for (const key in defaults) {
    if (out[key] !== undefined) continue;
    if (ownership === "borrowed" && out === original) out = { ...original };
    out[key] = defaults[key];
  }
  return out as unknown as Event;
}
