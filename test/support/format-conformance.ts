// Agreement with the engine, per engine format: parseEvent with `engine: <format>` over that
// format's vectors (test/support/vectors.ts finds them), and the classifier of the spellings
// the package refuses on purpose, for any field at any depth. Nothing here knows a format's
// fields: where the classifier needs to know what a place holds, it asks the events that
// format's engine wrote (test/vectors/<format>/engine-events.ndjson).
import {
  EventValidationError,
  parseEvent,
  validateEvent,
  type ValidateOptions,
  type ValidationIssue,
} from "../../src/index.js";
import { keyOf, objectMembers } from "../../scripts/vectors/json-text.js";
import { looseTimestampClass, looseUuidClass } from "./loose-spellings.js";
import { describeRow, issueList } from "./row-report.js";
import { formatEventLines, type VectorFormat, type VerdictRow } from "./vectors.js";

export type Outcome = { ok: true } | { ok: false; issues: ValidationIssue[] };

/**
 * The options that pick a format. A cast, so that these tests compile before the `engine`
 * option exists (the package ignores an option it does not know).
 */
export function formatOptions(format: VectorFormat, strict = false): ValidateOptions {
  return { engine: format, strict } as ValidateOptions;
}

/** parseEvent under a format, as a verdict. Anything thrown other than EventValidationError propagates. */
export function outcomeAt(format: VectorFormat, input: unknown, strict = false): Outcome {
  try {
    parseEvent(input, formatOptions(format, strict));
    return { ok: true };
  } catch (error) {
    if (error instanceof EventValidationError) return { ok: false, issues: error.issues };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------
// What the engine writes where: the JSON types found at each place of its events

type JsonType = "string" | "number" | "boolean" | "null" | "object" | "array";

function jsonType(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value as JsonType;
}

/** A place in an event of one type, array indices as `*`: `provider_account.usage_updated /windows/*\/status`. */
function placeKey(type: string, pointer: string[]): string {
  return `${type} /${pointer.map((step) => (/^[0-9]+$/.test(step) ? "*" : step)).join("/")}`;
}

export interface WrittenShape {
  /** The JSON types the engine wrote at each place (labels' own keys left out). */
  types: Map<string, Set<JsonType>>;
  /** The fields every event of a type has at the top (the engine writes all of them, null or not). */
  fields: Map<string, Set<string>>;
  /** The keys of the objects the engine writes inside events (requirement, windows items). */
  nestedKeys: Set<string>;
}

const shapes = new Map<VectorFormat, WrittenShape>();

/** What the format's engine wrote, read from its engine-events.ndjson. */
export function writtenShape(format: VectorFormat): WrittenShape {
  const cached = shapes.get(format);
  if (cached !== undefined) return cached;
  const shape: WrittenShape = { types: new Map(), fields: new Map(), nestedKeys: new Set() };
  const walk = (type: string, value: unknown, pointer: string[]) => {
    const key = placeKey(type, pointer);
    shape.types.set(key, (shape.types.get(key) ?? new Set()).add(jsonType(value)));
    if (pointer[0] === "labels") return;
    if (Array.isArray(value)) value.forEach((item, i) => walk(type, item, [...pointer, String(i)]));
    else if (value !== null && typeof value === "object")
      for (const [k, v] of Object.entries(value)) {
        if (pointer.length > 0) shape.nestedKeys.add(k);
        walk(type, v, [...pointer, k]);
      }
  };
  for (const line of formatEventLines(format)) {
    const event = JSON.parse(line) as Record<string, unknown>;
    const type = event.type as string;
    shape.fields.set(type, new Set([...(shape.fields.get(type) ?? []), ...Object.keys(event)]));
    walk(type, event, []);
  }
  shapes.set(format, shape);
  return shape;
}

function writtenTypesAt(format: VectorFormat, type: unknown, pointer: string[]): Set<JsonType> {
  if (typeof type !== "string") return new Set();
  return writtenShape(format).types.get(placeKey(type, pointer)) ?? new Set();
}

// ---------------------------------------------------------------------------------------
// The documented classes where the package is deliberately stricter than the engine

function pointerOf(path: string): string[] {
  return path === ""
    ? []
    : path
        .slice(1)
        .split("/")
        .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function valueAtPointer(root: unknown, pointer: string[]): unknown {
  let at = root;
  for (const step of pointer) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<string, unknown>)[step];
  }
  return at;
}

/** A copy of `root` with the value at `pointer` replaced. */
function withValueAt(root: unknown, pointer: string[], value: unknown): unknown {
  if (pointer.length === 0) return value;
  const [step, ...rest] = pointer as [string, ...string[]];
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string, unknown>;
  copy[step] = withValueAt(copy[step], rest, value);
  return copy;
}

/**
 * Why the package refuses, under `format`, an input that format's engine accepts, when that is
 * a documented class; null when it is not (an undocumented strictness, which fails the tests).
 * Every issue must belong to a class. The classes, at any depth:
 * - a UUID spelling the uuid crate reads and the engine never writes (braced, urn:, unhyphenated);
 * - one of chrono's relaxed timestamps;
 * - a Decimal written as a JSON string, where the engine writes a number;
 * - an enum written as a one-key object (`{"paused": null}`), which reads as that value;
 * - an array in place of an object the engine writes (the event, a requirement, a window):
 *   serde reads a struct from a sequence of its fields.
 */
export function stricterClassAt(format: VectorFormat, row: VerdictRow, issues: ValidationIssue[]): string | null {
  let event: unknown;
  try {
    event = JSON.parse(row.json);
  } catch {
    return null;
  }
  const type = event !== null && typeof event === "object" ? (event as Record<string, unknown>).type : undefined;
  const classes = new Set<string>();
  for (const issue of issues) {
    const pointer = pointerOf(issue.path);
    const value = valueAtPointer(event, pointer);
    const field = pointer[pointer.length - 1] ?? "";
    const written = writtenTypesAt(format, Array.isArray(event) ? event[0] : type, pointer);
    let found: string | null = null;
    if (pointer.length === 0) {
      found = Array.isArray(value) && issue.code === "type" ? "array instead of an object" : null;
    } else if (typeof value === "string" && issue.code === "format") {
      found = looseUuidClass(value) ?? looseTimestampClass(value);
    } else if (typeof value === "string" && issue.code === "type" && written.has("number")) {
      found = `${field} as a JSON string`;
    } else if (Array.isArray(value) && issue.code === "type" && written.has("object")) {
      found = "array instead of a nested object";
    } else if (value !== null && typeof value === "object" && !Array.isArray(value) && written.has("string")) {
      const keys = Object.keys(value);
      const inner = keys.length === 1 ? (value as Record<string, unknown>)[keys[0]!] : undefined;
      const unit =
        inner === null ||
        (inner !== null && typeof inner === "object" && !Array.isArray(inner) && Object.keys(inner).length === 0);
      if (keys.length === 1 && unit && validateEvent(withValueAt(event, pointer, keys[0]), formatOptions(format)).ok)
        found = "enum written as a one-key object";
    }
    if (found === null) return null;
    classes.add(found);
  }
  return classes.size > 0 ? [...classes].sort().join(" + ") : null;
}

// ---------------------------------------------------------------------------------------
// The class left open: a known field written twice (docs/wire-format.md, "Left open")

/**
 * Where a row is the open class: the engine refuses a known field written twice, which
 * JSON.parse collapses; "top" for a field of the event, "nested" for one of an object inside
 * it (requirement, a windows item). Null for any other row.
 */
export function duplicateKnownField(format: VectorFormat, row: VerdictRow): "top" | "nested" | null {
  const match = /^duplicate field `([a-z_]+)`/.exec(row.engine_error ?? "");
  if (match === null) return null;
  const name = match[1]!;
  let type: unknown;
  let top: string[];
  try {
    type = (JSON.parse(row.json) as { type?: unknown }).type;
    top = objectMembers(row.json).map(keyOf);
  } catch {
    return null;
  }
  const shape = writtenShape(format);
  if (typeof type === "string" && shape.fields.get(type)?.has(name) && top.filter((key) => key === name).length > 1)
    return "top";
  const keys = [...row.json.matchAll(/"((?:[^"\\]|\\.)*)"\s*:/g)].map((key) => JSON.parse(`"${key[1]}"`) as string);
  return shape.nestedKeys.has(name) && keys.filter((key) => key === name).length > 1 ? "nested" : null;
}

// ---------------------------------------------------------------------------------------
// The agreement run

export interface FormatReport {
  checked: number;
  agreeAccept: number;
  agreeReject: number;
  falseAcceptsDefault: string[];
  falseAcceptsStrict: string[];
  /** Accepted, though the engine refuses a known field written twice: the class left open. */
  openDuplicateField: number;
  openDuplicateNestedField: number;
  falseRejects: string[];
  stricterByCase: Map<string, number>;
  stricterByClass: Map<string, number>;
  undocumentedStricter: string[];
  strictOnlyRejects: number;
  /** Refused in strict mode only, for something other than an unknown field. */
  strictForOtherReasons: string[];
  unexpectedExceptions: string[];
}

/** parseEvent under `format` over `rows`, default and strict, against the engine's verdicts. */
export function runFormatAgreement(format: VectorFormat, rows: readonly VerdictRow[]): FormatReport {
  const report: FormatReport = {
    checked: 0,
    agreeAccept: 0,
    agreeReject: 0,
    falseAcceptsDefault: [],
    falseAcceptsStrict: [],
    openDuplicateField: 0,
    openDuplicateNestedField: 0,
    falseRejects: [],
    stricterByCase: new Map(),
    stricterByClass: new Map(),
    undocumentedStricter: [],
    strictOnlyRejects: 0,
    strictForOtherReasons: [],
    unexpectedExceptions: [],
  };
  for (const row of rows) {
    report.checked++;
    let loose: Outcome;
    let strict: Outcome;
    try {
      loose = outcomeAt(format, row.json);
      strict = outcomeAt(format, row.json, true);
    } catch (error) {
      report.unexpectedExceptions.push(describeRow(row, `threw ${String(error)}`));
      continue;
    }
    if (loose.ok && !strict.ok) {
      report.strictOnlyRejects++;
      if (!strict.issues.every((issue) => issue.code === "additional_property"))
        report.strictForOtherReasons.push(describeRow(row, issueList(strict.issues)));
    }
    if (row.engine === "rejects" && (loose.ok || strict.ok)) {
      const open = duplicateKnownField(format, row);
      if (open === "top") {
        report.openDuplicateField++;
        continue;
      }
      if (open === "nested") {
        report.openDuplicateNestedField++;
        continue;
      }
    }
    if (row.engine === "rejects") {
      if (loose.ok) report.falseAcceptsDefault.push(describeRow(row, "accepted in default mode"));
      else report.agreeReject++;
      if (strict.ok) report.falseAcceptsStrict.push(describeRow(row, "accepted in strict mode"));
      continue;
    }
    if (loose.ok) {
      report.agreeAccept++;
      continue;
    }
    if (row.case === "valid") {
      report.falseRejects.push(describeRow(row, issueList(loose.issues)));
      continue;
    }
    report.stricterByCase.set(row.case, (report.stricterByCase.get(row.case) ?? 0) + 1);
    const why = stricterClassAt(format, row, loose.issues);
    if (why === null) report.undocumentedStricter.push(describeRow(row, issueList(loose.issues)));
    else report.stricterByClass.set(why, (report.stricterByClass.get(why) ?? 0) + 1);
  }
  return report;
}

export function printFormatReport(title: string, r: FormatReport): void {
  const stricter = [...r.stricterByCase.values()].reduce((a, b) => a + b, 0);
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  const line = (label: string, a: string | number, b: string | number = "") =>
    `  ${label.padEnd(56)}${pad(a, 8)}${b === "" ? "" : pad(b, 8)}`;
  console.log(
    [
      `${title}: ${r.checked} verdict rows checked as text`,
      line("", "default", "strict"),
      line("false accepts (engine rejects, we accept)", r.falseAcceptsDefault.length, r.falseAcceptsStrict.length),
      line("  open class: a duplicate known field", r.openDuplicateField, r.openDuplicateField),
      line("  open class: a duplicate known field in a nested object", r.openDuplicateNestedField),
      line("false rejects (case valid, we reject)", r.falseRejects.length, "-"),
      line("agree: both accept", r.agreeAccept, "-"),
      line("agree: both reject", r.agreeReject, "-"),
      line("rejected only in strict mode (unknown fields)", "-", r.strictOnlyRejects),
      line("  ... for another reason (must be 0)", "-", r.strictForOtherReasons.length),
      line("deliberately stricter than the engine", stricter, "-"),
      ...[...r.stricterByClass].sort().map(([c, n]) => line(`  by class ${c}`, n)),
      line("  undocumented stricter rows (must be 0)", r.undocumentedStricter.length),
    ].join("\n"),
  );
}
