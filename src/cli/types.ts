// The types the parts of the CLI share: the configuration of `validate`, which travels
// unchanged from the argument parser to the checker, the worker threads and the reports; the
// messages between the reader, the checker and the worker threads; and what the reports
// receive. Types only: this module implements nothing, so every part can import it.
import type { Writable } from "node:stream";
import type { ValidationIssue } from "../types.js";
import type { SourceError } from "./sources.js";
import type { REPORT_FORMATS, VALIDATE_OPTIONS } from "./validate-options.js";

/**
 * The report formats of --format.
 */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * Where a command writes, and what it knows of its environment (tests pass their own).
 */
export interface CommandIO {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  version: string;
  /** The CLI's entry module, which runs as a worker thread too; without it, no threads. */
  workerEntry?: URL;
}

/**
 * A command of the CLI: main.ts lists it, shows its help, and runs it with the arguments
 * that follow its name. `run` throws UsageError (arguments.ts) for a mistake on the command line.
 */
export interface Command {
  /** The command line of the command, as the main help shows it. */
  synopsis: string;
  /** What it does, in a few words, for the main help. */
  summary: string;
  /** Its --help text. */
  usage: string;
  /** The exit code. */
  run(args: string[], io: CommandIO): Promise<number> | number;
}

type OptionValues = {
  [Row in (typeof VALIDATE_OPTIONS)[number] as Row["key"]]: ReturnType<Row["read"]>;
};

/**
 * The configuration of `validate`: its inputs and one field per row of VALIDATE_OPTIONS
 * (`--help` aside), as parseValidateArgs gives it. A structured-clone-able plain object: the
 * worker threads are started with it.
 */
export type ValidateConfig = { paths: string[] } & Omit<OptionValues, "help">;

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
}

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
