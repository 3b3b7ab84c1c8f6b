// The running counts of `validate`: events per type, valid, invalid, warned, and the paths
// that could not be read; the summary at the end. What the reports receive is in types.ts.
import { EVENT_TYPES } from "../../../../generated/constants.js";
import type { Summary, TypeCounts } from "./types.js";

/**
 * The key under which events without a known type are counted.
 * @example
 * summary.byType[UNKNOWN_TYPE]?.events; // events whose type is missing or unknown
 */
const UNKNOWN_TYPE = "(unknown)";

/** What became of an event: valid, invalid, or valid with a warning (--lifecycle). */
type Verdict = "valid" | "invalid" | "warned";

/**
 * The running counts. `count` is called once per event, on the hot path: a Map lookup and
 * an increment.
 * @example
 * const tally = new Tally();
 * tally.count("run_created", "valid");
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

  /** Counts one event of `type` (any value: an unknown one counts under UNKNOWN_TYPE). */
  count(type: unknown, verdict: Verdict): void {
    this.events++;
    const counts = this.byType.get(type) ?? this.unknown;
    counts.events++;
    if (verdict === "invalid") {
      counts.invalid++;
      this.invalid++;
      return;
    }
    counts.valid++;
    if (verdict === "warned") {
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
