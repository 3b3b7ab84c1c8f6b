import type { ValidationIssue } from "./types.js";

/**
 * An issue on one line: its JSON Pointer (`(root)` for the whole input), a colon, its message.
 * @example
 * formatIssue({ path: "/duration_ms", code: "range", message: "must be an integer from 0 to 18446744073709551615, got -1" });
 * // "/duration_ms: must be an integer from 0 to 18446744073709551615, got -1"
 */
export function formatIssue(issue: ValidationIssue): string {
  return `${issue.path === "" ? "(root)" : issue.path}: ${issue.message}`;
}

/**
 * Thrown by parseEvent, and only this: the input is not a valid event. `issues` lists every
 * problem found, each with a JSON Pointer, a stable code and a message.
 * @example
 * try {
 *   parseEvent(body);
 * } catch (error) {
 *   if (error instanceof EventValidationError) console.error(error.issues.map(formatIssue).join("\n"));
 * }
 */
export class EventValidationError extends Error {
  override readonly name = "EventValidationError";
  /** Every problem found in the input, in the order found; never empty when thrown by parseEvent. */
  readonly issues: ValidationIssue[];

  /** The message names the first issue and how many more there are. */
  constructor(issues: ValidationIssue[]) {
    const [first, ...rest] = issues;
    const more = rest.length === 0 ? "" : ` (and ${rest.length} more issue${rest.length === 1 ? "" : "s"})`;
    super(`invalid event: ${first ? formatIssue(first) : "no issue given"}${more}`);
    this.issues = issues;
  }
}
