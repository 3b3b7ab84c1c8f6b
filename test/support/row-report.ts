// How the conformance tests show a verdict row and the issues the package gave for it. Apart
// from conformance.ts, so that a test can use them without loading the 2.14 vectors.
import { expect, it } from "vitest";
import type { ValidationIssue } from "../../src/index.js";
import type { VerdictRow } from "./vectors.js";

export function describeRow(row: VerdictRow, extra?: string): string {
  return `  [${row.case}${row.engine_error ? ` | engine: ${row.engine_error.slice(0, 60)}` : ""}] ${row.json.slice(0, 150)}${extra ? `\n      -> ${extra}` : ""}`;
}

export function listRows(title: string, rows: string[]): string {
  const shown = rows.slice(0, 10);
  const more = rows.length > shown.length ? `\n  ... and ${rows.length - shown.length} more` : "";
  return `${title}: ${rows.length}\n${shown.join("\n")}${more}`;
}

export function issueList(issues: ValidationIssue[]): string {
  return issues.map((issue) => `${issue.path || "(root)"} ${issue.code}: ${issue.message}`).join("; ");
}

/** The lists of rows an agreement report keeps, each of which must be empty. */
export interface AgreementLists {
  unexpectedExceptions: string[];
  falseAcceptsDefault: string[];
  falseAcceptsStrict: string[];
  falseRejects: string[];
  undocumentedStricter: string[];
  /** Where strict mode is compared with default mode row by row: rows it refuses for another reason than unknown fields. */
  strictForOtherReasons?: string[];
}

/**
 * The assertions every agreement with an engine's verdicts makes, inside the caller's describe:
 * the vectors read, nothing but EventValidationError thrown, no false accepts (default and
 * strict), no false rejects, stricter only in documented classes (and, where the report has it,
 * strict mode refusing beyond default mode only unknown fields).
 */
export function itAgreesWithTheEngine(
  rows: readonly VerdictRow[],
  report: () => AgreementLists,
  { strictComparedRowByRow = false } = {},
): void {
  it("reads the vectors", () => {
    expect(rows.length).toBeGreaterThan(1000);
    expect(rows.some((row) => row.engine === "accepts")).toBe(true);
    expect(rows.some((row) => row.engine === "rejects")).toBe(true);
  });
  const checks: [string, keyof AgreementLists, string][] = [
    ["throws nothing but EventValidationError", "unexpectedExceptions", "unexpected exceptions"],
    ["accepts nothing the engine rejects (default mode)", "falseAcceptsDefault", "false accepts in default mode"],
    ["accepts nothing the engine rejects (strict mode)", "falseAcceptsStrict", "false accepts in strict mode"],
    ["accepts every event the engine wrote (case valid)", "falseRejects", "false rejects of valid rows"],
    [
      "is stricter than the engine only in the documented classes",
      "undocumentedStricter",
      "rows the engine accepts that we reject for an undocumented reason",
    ],
  ];
  for (const [title, key, listed] of checks)
    it(title, () => {
      const found = report()[key]!;
      expect(found.length, listRows(listed, found)).toBe(0);
    });
  if (strictComparedRowByRow)
    it("refuses in strict mode, beyond default mode, unknown fields only", () => {
      const found = report().strictForOtherReasons!;
      expect(found.length, listRows("rows refused in strict mode for another reason", found)).toBe(0);
    });
}
