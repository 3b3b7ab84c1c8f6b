// What `validate` finds, independent of how it is shown: failures, I/O errors, and the
// counts of the summary. The reporters in reporters/ turn these into text, JSON or GitHub
// annotations.
import { EVENT_TYPES } from "../../generated/constants.js";
import type { ValidationIssue } from "../types.js";
import type { SourceError } from "./sources.js";

/**
 * One event that is invalid (severity "error") or only warned about (severity "warning", --lifecycle).
 * @example
 * const failure: Failure = { file: "a.ndjson", line: 3, type: "run_failed", severity: "error", issues };
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
 * @example
 * const counts: TypeCounts = { events: 10, valid: 9, invalid: 1, warnings: 0 };
 */
export interface TypeCounts {
  events: number;
  valid: number;
  invalid: number;
  warnings: number;
}

/**
 * The key under which events without a known type are counted.
 * @example
 * summary.byType[UNKNOWN_TYPE]?.events; // events whose type is missing or unknown
 */
export const UNKNOWN_TYPE = "(unknown)";

/**
 * The totals of a run, as the summary and the JSON report give them.
 * @example
 * const { events, valid, invalid } = tally.summary();
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
 * @example
 * const reporter: Reporter = { failure: (f) => console.log(f.file, f.line), ioError: console.error, finish: () => {} };
 */
export interface Reporter {
  failure(failure: Failure): void;
  ioError(error: SourceError): void;
  finish(summary: Summary, exitCode: number): void;
}

/**
 * The running counts. `count` is called once per event, on the hot path: a Map lookup and
 * an increment.
 * @example
 * const tally = new Tally();
 * tally.count("run_created", true, false);
 * tally.summary().byType.run_created; // { events: 1, valid: 1, invalid: 0, warnings: 0 }
 */
export class Tally {
  files = 0;
  events = 0;
  invalid = 0;
  warnings = 0;
  errors = 0;
  stoppedEarly = false;
  private readonly byType = new Map<unknown, TypeCounts>();
  private readonly unknown: TypeCounts = { events: 0, valid: 0, invalid: 0, warnings: 0 };

  constructor() {
    for (const type of EVENT_TYPES) this.byType.set(type, { events: 0, valid: 0, invalid: 0, warnings: 0 });
  }

  count(type: unknown, valid: boolean, warned: boolean): void {
    this.events++;
    const counts = this.byType.get(type) ?? this.unknown;
    counts.events++;
    if (valid) counts.valid++;
    else {
      counts.invalid++;
      this.invalid++;
    }
    if (warned) {
      counts.warnings++;
      this.warnings++;
    }
  }

  /** Adds counts made elsewhere (by a worker thread), as `summary().byType` gives them. */
  merge(byType: Record<string, TypeCounts>): void {
    for (const type in byType) {
      const add = byType[type]!;
      const counts = (type === UNKNOWN_TYPE ? undefined : this.byType.get(type)) ?? this.unknown;
      counts.events += add.events;
      counts.valid += add.valid;
      counts.invalid += add.invalid;
      counts.warnings += add.warnings;
      this.events += add.events;
      this.invalid += add.invalid;
      this.warnings += add.warnings;
    }
  }

  summary(): Summary {
    const byType: Record<string, TypeCounts> = {};
    for (const [type, counts] of this.byType) if (counts.events > 0) byType[type as string] = { ...counts };
    if (this.unknown.events > 0) byType[UNKNOWN_TYPE] = { ...this.unknown };
    return {
      files: this.files,
      events: this.events,
      valid: this.events - this.invalid,
      invalid: this.invalid,
      warnings: this.warnings,
      errors: this.errors,
      stoppedEarly: this.stoppedEarly,
      byType,
    };
  }
}
