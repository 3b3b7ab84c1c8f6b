// The hot path of `validate`: every event read goes through an EventChecker, which parses
// it (once), validates it, counts it, and hands failures to the reporter.
import { jsonLineIssue } from "../../../engine-text/index.js";
import { checkTransition } from "../../../lifecycle.js";
import type { RunStatusChanged, ValidateOptions, ValidationIssue } from "../../../types.js";
import { validateEvent, validateText } from "../../../validate.js";
import type { Tally } from "./tally.js";
import type { BlockResult, BlockSink, Reporter, ValidateConfig } from "./types.js";

/**
 * Checks the events of one source after another (set `file` before each).
 * @example
 * const checker = new EventChecker(config, tally, reporter);
 * checker.file = "events.ndjson";
 * checker.text('{"type":"user_signed_out"}', 1); // reports the missing fields
 */
export class EventChecker implements BlockSink {
  file = "";
  /** Called with the bytes read, for the progress line. */
  onProgress: (bytes: number) => void = () => {};
  /** Asked after each failure: true stops the reading (the output was closed). */
  shouldStop: () => boolean = () => false;
  private readonly validateOptions: ValidateOptions;

  constructor(
    private readonly options: Pick<ValidateConfig, "strict" | "engine" | "lifecycle" | "maxErrors">,
    private readonly tally: Tally,
    private readonly reporter: Reporter,
  ) {
    this.validateOptions = { strict: options.strict, engine: options.engine };
  }

  text(text: string, line: number): boolean {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return this.failure(jsonLineIssue(text, line), line);
    }
    return this.value(value, line, undefined, text);
  }

  /** `text`: the JSON text `value` was parsed from, when there is one of its own (a line). */
  value(value: unknown, line: number, index: number | undefined, text?: string): boolean {
    const result =
      text === undefined ? validateEvent(value, this.validateOptions) : validateText(text, value, this.validateOptions);
    const type = value !== null && typeof value === "object" ? (value as { type?: unknown }).type : undefined;
    if (result.ok) {
      if (this.options.lifecycle !== "off" && type === "run_status_changed") {
        const issue = checkTransition(result.event as RunStatusChanged, { engine: this.options.engine });
        if (issue !== null) return this.illegalTransition(issue, line, index);
      }
      this.tally.count(type, "valid");
      return true;
    }
    this.tally.count(type, "invalid");
    this.reporter.failure({
      file: this.file,
      line,
      index,
      type: typeof type === "string" ? shortened(type) : undefined,
      severity: "error",
      issues: result.issues,
    });
    return this.afterInvalid();
  }

  failure(issue: ValidationIssue, line: number): boolean {
    this.tally.count(undefined, "invalid");
    this.reporter.failure({ file: this.file, line, column: issue.column, severity: "error", issues: [issue] });
    return this.afterInvalid();
  }

  block(result: BlockResult, lineOffset: number): boolean {
    this.tally.merge(result.byType);
    for (const failure of result.failures) {
      failure.file = this.file;
      failure.line += lineOffset;
      for (const issue of failure.issues) if (issue.line !== undefined) issue.line += lineOffset;
      this.reporter.failure(failure);
    }
    return !this.shouldStop();
  }

  progress(bytes: number): void {
    this.onProgress(bytes);
  }

  private illegalTransition(issue: ValidationIssue, line: number, index: number | undefined): boolean {
    const error = this.options.lifecycle === "error";
    this.tally.count("run_status_changed", error ? "invalid" : "warned");
    this.reporter.failure({
      file: this.file,
      line,
      index,
      type: "run_status_changed",
      severity: error ? "error" : "warning",
      issues: [issue],
    });
    return error ? this.afterInvalid() : !this.shouldStop();
  }

  private afterInvalid(): boolean {
    const { maxErrors } = this.options;
    if (maxErrors !== undefined && this.tally.invalid >= maxErrors) {
      this.tally.stoppedEarly = true;
      return false;
    }
    return !this.shouldStop();
  }
}

/** A `type` as reports show it: a long one cut (the issue's message describes it in full). */
function shortened(type: string): string {
  return type.length <= MAX_TYPE_LENGTH ? type : `${type.slice(0, MAX_TYPE_LENGTH)}…`;
}

const MAX_TYPE_LENGTH = 64;
