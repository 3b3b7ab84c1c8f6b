// What the conformance tests share: the engine's verdict rows, parseEvent as a verdict, the
// classifier of the spellings the package refuses on purpose (every one the engine reads but
// never writes), and builders of edge cases from real engine-written events.
import { expect } from "vitest";
import { ENGINE_FORMATS, parseEvent, validateEvent, type EventTypeAt, type ValidationIssue } from "../../src/index.js";
import { refusalIfAny } from "./thrown.js";
import { engineEventLines, oracleNumberRows, VECTORS_ENGINE, verdictRows, type VerdictRow } from "./vectors.js";
import { looseTimestampClass, looseUuidClass } from "./loose-spellings.js";
import { issueList } from "./row-report.js";

export { describeRow, listRows, issueList } from "./row-report.js";

/** The event types of the vectors' engine (the seed's twelve), in the engine's order. */
export type EventType = EventTypeAt<typeof VECTORS_ENGINE>;
export const EVENT_TYPES = ENGINE_FORMATS.find((f) => f.format === VECTORS_ENGINE)!.eventTypes as readonly EventType[];

/** The options that read as the vectors' engine does, strictly or not. */
export const VECTORS_OPTIONS = { engine: VECTORS_ENGINE } as const;
export const VECTORS_STRICT = { engine: VECTORS_ENGINE, strict: true } as const;

/** Every row, same_after_json_parse ones included: parseEvent reads the text, which keeps what JSON.parse erases. */
export const ROWS = verdictRows();
/** Inputs around the number limits and what JSON.parse hides, judged by the engine's exact reader. */
export const NUMBER_ROWS = oracleNumberRows();
/** The engine-written events, as text (one per line). */
export const ENGINE_EVENTS = engineEventLines();

// ---------------------------------------------------------------------------------------
// Running the validator

export type Outcome = { ok: true } | { ok: false; issues: ValidationIssue[] };

/** parseEvent as a verdict. Anything thrown other than EventValidationError propagates. */
export function outcome(input: unknown, strict = false): Outcome {
  const refusal = refusalIfAny(() => parseEvent(input, strict ? VECTORS_STRICT : VECTORS_OPTIONS));
  return refusal === undefined ? { ok: true } : { ok: false, issues: refusal.issues };
}

// ---------------------------------------------------------------------------------------
// The documented classes where we are deliberately stricter than the engine

export const UUID_FIELDS = new Set(["run_id", "step_id", "user_id"]);
export {
  HYPHENATED_UUID,
  SIMPLE_UUID,
  isUuidBody,
  looseUuidClass,
  TIMESTAMP_BASE,
  acceptsTimestamp,
  RELAXED_TIMESTAMP,
  looseTimestampClass,
} from "./loose-spellings.js";

/** The enums serde also reads as a one-key object whose value is null or {} (`{"pending": null}`). */
export const ENUM_FIELDS = new Set(["from", "to", "stream"]);

export function enumObjectClass(value: unknown, field: string): string | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  if (keys.length !== 1) return null;
  const inner = (value as Record<string, unknown>)[keys[0]!];
  const unit =
    inner === null || (typeof inner === "object" && !Array.isArray(inner) && Object.keys(inner).length === 0);
  if (!unit) return null;
  const base = field === "stream" ? BASES_FOR_ENUMS.log_line : BASES_FOR_ENUMS.run_status_changed;
  return validateEvent({ ...base, [field]: keys[0] }, VECTORS_OPTIONS).ok ? "enum written as a one-key object" : null;
}

export const BASES_FOR_ENUMS = {
  run_status_changed: {
    type: "run_status_changed",
    run_id: "460a7a4d-ab36-70a1-98a2-709815e295fd",
    workflow_name: "w",
    from: "pending",
    to: "running",
    error: null,
    cost_usd: 0,
    duration_ms: 0,
    at: "2024-01-01T00:00:00Z",
  },
  log_line: {
    type: "log_line",
    run_id: "460a7a4d-ab36-70a1-98a2-709815e295fd",
    step_id: "460a7a4d-ab36-70a1-98a2-709815e295fd",
    step_name: "s",
    stream: "stdout",
    line: "x",
    at: "2024-01-01T00:00:00Z",
  },
} as const;

/**
 * Why we reject an input the engine accepts, when that is one of the documented classes;
 * null when it is not (an undocumented strictness, which fails the test). Every issue must
 * belong to a documented class.
 */
export function stricterClass(row: VerdictRow, issues: ValidationIssue[]): string | null {
  let value: unknown;
  try {
    value = JSON.parse(row.json);
  } catch {
    return null;
  }
  if (Array.isArray(value)) {
    return issues.every((issue) => issue.path === "" && issue.code === "type") ? "array instead of an object" : null;
  }
  if (value === null || typeof value !== "object") return null;
  const event = value as Record<string, unknown>;
  const classes = new Set<string>();
  for (const issue of issues) {
    const match = /^\/([^/]+)$/.exec(issue.path);
    if (!match) return null;
    const field = match[1]!;
    const fieldValue = event[field];
    let found: string | null = null;
    if (UUID_FIELDS.has(field) && typeof fieldValue === "string" && issue.code === "format") {
      found = looseUuidClass(fieldValue);
    } else if (field === "at" && typeof fieldValue === "string" && issue.code === "format") {
      found = looseTimestampClass(fieldValue);
    } else if (field === "cost_usd" && typeof fieldValue === "string" && issue.code === "type") {
      found = "cost_usd as a JSON string";
    } else if (ENUM_FIELDS.has(field)) {
      found = enumObjectClass(fieldValue, field);
    }
    if (found === null) return null;
    classes.add(found);
  }
  return classes.size > 0 ? [...classes].sort().join(" + ") : null;
}

// ---------------------------------------------------------------------------------------
// Hand-written edge cases, built on real engine-written events

export type Obj = Record<string, unknown>;

/** The shortest engine-written event of each type: real output to mutate. */
export const BASES: Record<EventType, Obj> = (() => {
  const out: Partial<Record<EventType, string>> = {};
  for (const line of ENGINE_EVENTS) {
    const type = (JSON.parse(line) as { type: EventType }).type;
    const best = out[type];
    if (best === undefined || line.length < best.length) out[type] = line;
  }
  return Object.fromEntries(
    EVENT_TYPES.map((type) => {
      const line = out[type];
      if (line === undefined) throw new Error(`engine-events.ndjson has no ${type} event`);
      return [type, JSON.parse(line) as Obj];
    }),
  ) as Record<EventType, Obj>;
})();

export const RAW = (i: number) => `@@raw-json-${i}@@`;

/**
 * JSON text of `type`'s base event with `patch` applied; a patch value of raw(...) is
 * written into the text as it is (for `-0`, `1e400`, 20-digit integers, escapes).
 */
export class Raw {
  constructor(readonly text: string) {}
}
export const raw = (text: string) => new Raw(text);

export function eventText(type: EventType, patch: Obj = {}, drop: string[] = []): string {
  const raws: string[] = [];
  const replace = (value: unknown): unknown => {
    if (value instanceof Raw) {
      raws.push(value.text);
      return RAW(raws.length - 1);
    }
    if (Array.isArray(value)) return value.map(replace);
    if (value !== null && typeof value === "object") {
      const out: Obj = {};
      for (const [k, v] of Object.entries(value)) out[k] = replace(v);
      return out;
    }
    return value;
  };
  const event: Obj = { ...BASES[type] };
  for (const field of drop) delete event[field];
  for (const [k, v] of Object.entries(patch)) event[k] = replace(v);
  let text = JSON.stringify(event);
  raws.forEach((rawText, i) => {
    text = text.replace(JSON.stringify(RAW(i)), () => rawText);
  });
  return text;
}

export function accepts(input: unknown, strict = false): boolean {
  return outcome(input, strict).ok;
}

export function issuesOf(input: unknown, strict = false): ValidationIssue[] {
  const result = outcome(input, strict);
  if (result.ok) throw new Error(`expected a rejection, but this was accepted: ${String(input).slice(0, 200)}`);
  return result.issues;
}

export function expectAccepted(input: unknown, strict = false): void {
  const result = outcome(input, strict);
  expect(
    result.ok,
    result.ok ? "" : `rejected: ${issueList(result.issues)}\n  input: ${String(input).slice(0, 300)}`,
  ).toBe(true);
}

export function expectIssue(input: unknown, path: string, code?: string, strict = false): void {
  const issues = issuesOf(input, strict);
  const hit = issues.some((issue) => issue.path === path && (code === undefined || issue.code === code));
  expect(
    hit,
    `expected an issue at ${JSON.stringify(path)}${code ? ` with code ${code}` : ""}, got: ${issueList(issues)}`,
  ).toBe(true);
}
