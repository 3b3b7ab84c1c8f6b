// The one test of "this is an event of a newer engine": matchEvent, streamEvents and the webhook
// handler each treat such an event apart from an invalid one (it goes to their `unknown`).
import type { ValidationIssue } from "../types.js";

/**
 * True when `issues` say the value's `type` is a string naming no event this package knows
 * (perhaps an event of a newer engine). Only a JSON object with a string `type` gets that issue.
 */
export function typeIsUnknown(issues: readonly ValidationIssue[]): boolean {
  return issues.some((issue) => issue.code === "unknown_event_type");
}
