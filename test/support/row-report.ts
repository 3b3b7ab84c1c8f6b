// How the conformance tests show a verdict row and the issues the package gave for it. Apart
// from conformance.ts, so that a test can use them without loading the 2.14 vectors.
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
