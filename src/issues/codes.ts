// The issue codes: public API (a changed code is a breaking change), listed once here.

/**
 * Every code a ValidationIssue can have, in the order the README lists them; `IssueCode` is
 * this list's element type. Match on codes, not on messages: codes are stable.
 * @example
 * import { ISSUE_CODES } from "ironflow-events";
 * ISSUE_CODES.includes("too_large"); // true
 * const counts = Object.fromEntries(ISSUE_CODES.map((code) => [code, 0]));
 */
export const ISSUE_CODES = [
  "json_syntax",
  "type",
  "required",
  "unknown_event_type",
  "enum",
  "format",
  "range",
  "additional_property",
  "invalid_unicode",
  "too_deep",
  "too_large",
  "illegal_transition",
] as const;
