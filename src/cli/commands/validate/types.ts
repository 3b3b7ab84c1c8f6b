// The types the parts of `validate` share: its configuration, which travels unchanged from
// the argument parser to the checker, the worker threads and the reports; the messages
// between the reader, the checker and the worker threads; and what the reports receive.
// Types only: this module implements nothing, so every part can import it.
import type { ValidationIssue } from "../../../types.js";
import type { OptionValues } from "../../command.js";
import type { EventSink } from "../../input/event-sink.js";
import type { SourceError } from "../../input/sources.js";
import type { VALIDATE_OPTIONS } from "./options.js";

/**
 * The configuration of `validate`: its inputs and one field per row of VALIDATE_OPTIONS, as
 * its command line gives it. A structured-clone-able plain object: the worker threads are
 * started with it.
 */
export type ValidateConfig = { paths: string[] } & OptionValues<typeof VALIDATE_OPTIONS>;

/**
 * An EventSink that can also take a worker's results for a whole block.
 * @example
 * const sink: BlockSink = new EventChecker(options, tally, reporter);
 * sink.block(result, 1000); // the block's first line is line 1001 of the file
 */
export interface BlockSink extends EventSink {
  /** Adds the block's counts and reports its failures, their lines moved by `lineOffset`. False to stop. */
  block(result: BlockResult, lineOffset: number): boolean;
}

/**
 * A block of whole lines: `head` (the start of a line begun in earlier chunks) then `body[start, end)`.
 */
export interface BlockTask {
  seq: number;
  head: Uint8Array | null;
  body: ArrayBuffer | null;
  start: number;
  end: number;
  /** The block starts the file (a byte order mark may open its first line). */
  atStart: boolean;
}

/**
 * What a worker found in a block; line numbers count from 1 at the block's first line.
 * `body` is the task's buffer, given back to be read into again.
 */
export interface BlockResult {
  seq: number;
  body: ArrayBuffer | null;
  lines: number;
  failures: Failure[];
  byType: Record<string, TypeCounts>;
}

/**
 * One event that is invalid (severity "error") or only warned about (severity "warning", --lifecycle).
 */
export interface Failure {
  /** The file, as given or found; "<stdin>" for standard input. */
  file: string;
  /** 1-based line where the event starts. */
  line: number;
  /** 1-based column, for a json_syntax issue. */
  column?: number;
  /** The event's index, when it is an element of a JSON array. */
  index?: number;
  /** The event's `type`, when it has a string one (known or not). */
  type?: string;
  severity: "error" | "warning";
  issues: ValidationIssue[];
}

/**
 * Counts for one event type.
 */
export interface TypeCounts {
  events: number;
  valid: number;
  invalid: number;
  warnings: number;
}

/**
 * The totals of a run, as the summary and the JSON report give them.
 */
export interface Summary {
  files: number;
  events: number;
  valid: number;
  invalid: number;
  /** Events with a warning (--lifecycle): they are valid, and counted as such too. */
  warnings: number;
  /** Paths that could not be read. */
  errors: number;
  /** True when --max-errors stopped the reading before the end. */
  stoppedEarly: boolean;
  /** Per event type, in the engine's order, then UNKNOWN_TYPE; only types that occurred. */
  byType: Record<string, TypeCounts>;
}

/**
 * Receives the findings as they come, then the summary.
 */
export interface Reporter {
  failure(failure: Failure): void;
  ioError(error: SourceError): void;
  finish(summary: Summary, exitCode: number): void;
}
