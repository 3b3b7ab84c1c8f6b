import type { EngineFormatOf, EventTypeMap } from "../generated/types.js";
import type { ISSUE_CODES } from "./issues/codes.js";

// Every generated type, by name: a new variant's interface is exported without an edit here.
export type * from "../generated/types.js";

/**
 * The wire `type` of an event: `"run_created"`, `"log_line"`, ...
 * @example
 * const counts = new Map<EventType, number>();
 * counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
 */
export type EventType = keyof EventTypeMap;

/**
 * A version the package models, as the `engine` option takes it: `V` itself, or, for a
 * literal version it does not model, a sentence that `V` is not, so that the option does not
 * compile and the compiler's message says why.
 * @example
 * type Ok = ModelledEngine<"2.31.4">; // "2.31.4"
 * type No = ModelledEngine<"2.45.0">; // '"2.45.0" is not a modelled engine version (ENGINE_FORMATS lists them)'
 */
export type ModelledEngine<V extends string> = [EngineFormatOf<V>] extends [never]
  ? `"${V}" is not a modelled engine version (ENGINE_FORMATS lists them)`
  : V;

/**
 * What kind of problem a ValidationIssue reports, one of ISSUE_CODES. Stable: match on these, not on messages.
 *
 * - `json_syntax`: the text is not JSON (the issue says where).
 * - `type`: a value of the wrong JSON type (a number where a string belongs, an array for an event).
 * - `required`: a required field is missing.
 * - `unknown_event_type`: `type` is a string but names no event this package knows (perhaps one from a newer engine).
 * - `enum`: a value outside a fixed list (a RunStatus, a LogStream).
 * - `format`: a string (or number) of the right type but the wrong form: a UUID, a timestamp, `-0` for a u64.
 * - `range`: a number out of range, or not finite.
 * - `additional_property`: a field the schema does not name (strict mode only).
 * - `invalid_unicode`: a string with a lone surrogate, which the engine cannot read.
 * - `too_deep`: containers nested deeper than the engine's limit of 127.
 * - `too_large`: the input is larger than the size limit (`maxSize`), refused before parsing.
 * - `illegal_transition`: a run_status_changed whose `from → to` the lifecycle forbids (only from checkTransition).
 * @example
 * const newer = !result.ok && result.issues.some((issue) => issue.code === "unknown_event_type");
 */
export type IssueCode = (typeof ISSUE_CODES)[number];

/**
 * One thing wrong with an input.
 * @example
 * const issue: ValidationIssue = {
 *   path: "/duration_ms",
 *   code: "range",
 *   message: "must be an integer from 0 to 18446744073709551615, got -1",
 * };
 */
export interface ValidationIssue {
  /** JSON Pointer (RFC 6901) to the offending value; `""` is the whole input. */
  path: string;
  /** What kind of problem it is: stable, match on it. */
  code: IssueCode;
  /** What is wrong and what would be right, for a person; does not repeat the path. */
  message: string;
  /** For `json_syntax`: the line of the text where parsing failed, 1-based. */
  line?: number;
  /** For `json_syntax`: the column (in UTF-16 code units) where parsing failed, 1-based. */
  column?: number;
}

/**
 * The `engine` option of everything that reads events: the engine version whose events to read.
 * @example
 * const options: EngineOptions<"2.31.4"> = { engine: "2.31.4" };
 */
export interface EngineOptions<V extends string = string> {
  /**
   * The engine version that wrote the events, as its users know it: "2.31.4", "2.31" or
   * "v2.31.4". Events are read exactly as that version reads them, and typed as its events.
   * Default: ENGINE_VERSION, the newest modelled. A version the package does not model (see
   * ENGINE_FORMATS) is a TypeError, and a literal one does not compile.
   */
  engine?: V;
}

/**
 * Options of validateEvent, isEvent and parseEvent.
 * @example
 * const options: ValidateOptions = { strict: true, maxSize: 64 * 1024, engine: "2.31.4" };
 * parseEvent(body, options);
 */
export interface ValidateOptions<V extends string = string> extends EngineOptions<V> {
  /** Refuse fields the schema does not name (code `additional_property`). Default false, as the engine ignores them. */
  strict?: boolean;
  /**
   * For text input: the largest size accepted, in bytes of UTF-8. A larger text is refused
   * with a `too_large` issue before it is parsed. Default 1 MiB (DEFAULT_MAX_SIZE).
   */
  maxSize?: number;
}
