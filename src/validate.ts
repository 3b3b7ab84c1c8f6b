// validateEvent, isEvent and parseEvent: thin over the generated validators of the engine
// format the `engine` option picks (the newest without it). The success path allocates
// nothing beyond what the input needs (a copy only to fill in a default).
import { hasEveryDefault, withDefaults, type Ownership } from "./defaults.js";
import { NEWEST, resolveFormat, type Format } from "./engine/index.js";
import { EventValidationError } from "./errors.js";
import { issuesFromErrors, tooLargeIssue, unreadableIssue } from "./issues/index.js";
import { jsonTextIssue, needsTextScan, textIssues } from "./engine-text/index.js";
import { fullWalks } from "./rules/engine-json.js";
import type { FastVerdict } from "./rules/fast-verdict.js";
import type { Event, EventAt } from "./event.js";
import type { ModelledEngine, NewestEngine, ValidateOptions, ValidationIssue } from "./types.js";

/**
 * The outcome of validateEvent: the typed event (of engine version `V`, the newest without
 * it), or every issue found.
 * @example
 * const result: ValidationResult = validateEvent(value);
 * if (result.ok) handle(result.event);
 * else console.warn(result.issues.map(formatIssue).join("\n"));
 */
export type ValidationResult<V extends string = NewestEngine> =
  { ok: true; event: EventAt<V> } | { ok: false; issues: ValidationIssue[] };

/**
 * The options of a call that reads events of engine version `V`: `engine` must be a version
 * the package models (ModelledEngine), or the call does not compile.
 */
export type OptionsAt<V extends string> = Omit<ValidateOptions, "engine"> & { engine?: ModelledEngine<V> };

/**
 * Checks that `value` (already parsed) is an event the engine could have sent (the engine
 * version of `options.engine`, the newest without it). Never throws, but for an `engine` the
 * package does not model (a TypeError). On success `event` is the value itself, or a copy of
 * it with left-out defaults filled in (run_failed reads an absent `error` as null).
 * @example
 * const result = validateEvent(JSON.parse(body));
 * if (result.ok) handle(result.event);
 * else for (const issue of result.issues) console.warn(issue.path, issue.message);
 */
export function validateEvent<const V extends string = NewestEngine>(
  value: unknown,
  options?: OptionsAt<V>,
): ValidationResult<V> {
  const checked = check(value, options, "borrowed");
  return (isIssues(checked) ? { ok: false, issues: checked } : { ok: true, event: checked }) as ValidationResult<V>;
}

/**
 * True when `value` is a valid event (of `options.engine`, the newest without it) already in
 * its parsed shape: every field present, defaulted ones included (`error`, `labels`). Use
 * parseEvent or validateEvent on wire input that may leave them out.
 * @example
 * if (isEvent(message) && message.type === "log_line") print(message.line);
 */
export function isEvent<const V extends string = NewestEngine>(
  value: unknown,
  options?: OptionsAt<V>,
): value is EventAt<V> {
  const format = readOptions(options);
  if (vouches(format, value)) return hasEveryDefault(value, format);
  try {
    return (readStrict ? format.validateStrict : format.validate)(value) && hasEveryDefault(value, format);
  } catch {
    return false; // a value that is not data: a getter or a Proxy that throws when read
  }
}

/**
 * Parses an event from JSON text, or checks an already parsed value, and returns it typed as
 * an event of `options.engine` (an engine version such as "2.31.4"; the newest without it).
 * Throws EventValidationError, whatever it is given; a TypeError only for an `engine` the
 * package does not model.
 * @example
 * const event = parseEvent('{"type":"user_signed_out","user_id":"460a7a4d-ab36-70a1-98a2-709815e295fd","at":"2054-04-07T21:24:08.379Z"}');
 * if (event.type === "user_signed_out") console.log(event.user_id);
 * const old = parseEvent(body, { engine: "2.14.1" }); // read as engine 2.14.1 reads it
 */
export function parseEvent<const V extends string = NewestEngine>(
  input: string | unknown,
  options?: OptionsAt<V>,
): EventAt<V> {
  const format = readOptions(options);
  const strict = readStrict;
  let checked: Event | ValidationIssue[];
  if (typeof input === "string") {
    const tooLarge = sizeIssue(input, readMaxSize);
    if (tooLarge !== null) throw new EventValidationError([tooLarge]);
    let value: unknown;
    try {
      value = JSON.parse(input);
    } catch {
      throw new EventValidationError([jsonTextIssue(input)]);
    }
    checked = checkText(input, value, format, strict);
  } else {
    checked = checkAs(input, format, strict, "borrowed");
  }
  if (isIssues(checked)) throw new EventValidationError(checked);
  return checked as EventAt<V>; // no result object on the way: the success path allocates nothing of its own
}

/**
 * The default `maxSize`: 1 MiB. The engine's events are far smaller; a larger text is refused unread.
 * @example
 * parseEvent(text, { maxSize: 4 * DEFAULT_MAX_SIZE }); // allow up to 4 MiB
 */
export const DEFAULT_MAX_SIZE = 1024 * 1024;

/** A `too_large` issue when `text` is more than `maxSize` bytes of UTF-8; cheap for short texts. */
function sizeIssue(text: string, limit: number): ValidationIssue | null {
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
  const format = readOptions(options);
  return checkAs(value, format, readStrict, ownership);
}

/** The last options read (readOptions): left here so that reading them allocates nothing. */
let readStrict = false;
let readMaxSize = DEFAULT_MAX_SIZE;

/**
 * The format `options.engine` names (a TypeError for one the package does not model), with
 * `strict` and `maxSize` left in readStrict and readMaxSize: each option read once per call,
 * in one place (the cost of a call with options is these reads).
 */
function readOptions(options: ValidateOptions | undefined): Format {
  if (options === undefined) {
    readStrict = false;
    readMaxSize = DEFAULT_MAX_SIZE;
    return NEWEST;
  }
  // Odd options (null, a string, a throwing getter) count as not given. Each is read by name:
  // a call with options costs these three reads.
  let engine: unknown, strict: unknown, maxSize: unknown;
  if (options !== null && typeof options === "object") {
    try {
      engine = options.engine;
    } catch {}
    try {
      strict = options.strict;
    } catch {}
    try {
      maxSize = options.maxSize;
    } catch {}
  }
  const format = resolveFormat(engine);
  // Set after every read: a getter that reads events itself leaves these for this call.
  readStrict = strict === true;
  readMaxSize = typeof maxSize === "number" && maxSize >= 0 ? maxSize : DEFAULT_MAX_SIZE;
  return format;
}

/**
 * What the format's generated fast path says of `value` (src/rules/fast-verdict.ts): truthy
 * when it vouches for it, valid in default and strict mode alike, and (given `text`, the text
 * JSON.parse made it of) needing no full read of the text; given `text`, `true` also says that
 * the value's defaults are filled in. Anything else, a value that throws when read included,
 * goes to the full path, which alone writes issues. The test that holds the two to the same
 * verdicts turns it off.
 */
function vouches(format: Format, value: unknown, text?: string): FastVerdict {
  if (!fastPath) return false;
  try {
    return format.fast(value, text);
  } catch {
    return false; // a getter or a Proxy that throws: the full path reports it
  }
}

let fastPath = true;

/**
 * Turns the generated fast path on or off, for this module's readers. Not part of the API:
 * only test/api/fast-path.test.ts calls it, to compare every verdict and issue list of the fast
 * path with the full path's.
 */
export function useFastPath(on: boolean): void {
  fastPath = on;
}

function checkAs(value: unknown, format: Format, strict: boolean, ownership: Ownership): Event | ValidationIssue[] {
  if (vouches(format, value)) return withDefaults(value as Event, format, ownership);
  try {
    const validator = strict ? format.validateStrict : format.validate;
    if (validator(value)) return withDefaults(value as Event, format, ownership);
    return issuesFromErrors(validator.errors ?? [], value, format);
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
export function validateText(text: string, value: unknown, options?: ValidateOptions): ValidationResult<string> {
  const format = readOptions(options);
  const checked = checkText(text, value, format, readStrict);
  return isIssues(checked) ? { ok: false, issues: checked } : { ok: true, event: checked };
}

function checkText(text: string, value: unknown, format: Format, strict: boolean): Event | ValidationIssue[] {
  const verdict = vouches(format, value, text);
  if (verdict === true) return value as Event; // its defaults filled in by the fast path, in place
  if (verdict !== false) return withDefaults(value as Event, format, "owned");
  const walks = fullWalks();
  // No guard for a throwing getter (checkAs): JSON.parse makes plain data.
  const passed = (strict ? format.validateStrict : format.validate)(value);
  // Unknown fields or a float near a limit (the validators walked the value in full), or a
  // failure: read the whole text. Otherwise only the integers' spellings need a look, before
  // the defaults go in (the pre-check looks at the text of the fields the value has).
  if (passed && fullWalks() === walks && !needsTextScan(text, value, format))
    return withDefaults(value as Event, format, "owned");
  return checkTextInFull(text, value, format, strict);
}

/** The slow path of checkText: an event that failed, or whose text may say more than its value. */
function checkTextInFull(text: string, value: unknown, format: Format, strict: boolean): Event | ValidationIssue[] {
  const fromText = textIssues(text, value, format); // first: it may put the engine's doubles into value
  const checked = checkAs(value, format, strict, "owned");
  if (fromText.length === 0) return checked;
  if (!isIssues(checked)) return fromText;
  // Where the value shows what is wrong, its issue stands, as for a parsed value; the text adds the rest.
  const reported = new Set(checked.map((issue) => issue.path));
  return [...checked, ...fromText.filter((issue) => !reported.has(issue.path))];
}

function isIssues(checked: Event | ValidationIssue[]): checked is ValidationIssue[] {
  return Array.isArray(checked);
}

/** What a thrown value says, even when it cannot be turned into a string. */
function errorText(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return "reading it threw a value that cannot be shown";
  }
}
