// Where the reader hands what it reads. Types only.
import type { ValidationIssue } from "../../types.js";

/**
 * Where the events go. Every method but `progress` returns false to stop the reading.
 */
export interface EventSink {
  /** The text of one event: a line of NDJSON. */
  text(text: string, line: number): boolean;
  /**
   * One event of a JSON document, already parsed; `index` when it is an element of an array,
   * `text` (the document) when it is the whole document, for the checks of the text itself.
   */
  value(value: unknown, line: number, index: number | undefined, text?: string): boolean;
  /** A problem found before the event could be parsed (too large, not UTF-8, not JSON). */
  failure(issue: ValidationIssue, line: number): boolean;
  /** `bytes` more of the source have been read. */
  progress(bytes: number): void;
  /**
   * Called after each chunk of NDJSON: a promise makes the reader wait for it before it reads
   * the next chunk, so a sink that hands events to something slow (a webhook receiver) holds
   * one chunk's events at most, whatever the size of the input.
   */
  drained?(): Promise<void> | undefined;
}
