import type { Failure } from "../types.js";

/**
 * `file:line[:column]`, then ` [index]` for an element of a JSON array.
 * @example
 * location({ file: "a.json", line: 3, index: 1, severity: "error", issues: [] }); // "a.json:3 [1]"
 */
export function location(failure: Failure): string {
  const column = failure.column === undefined ? "" : `:${failure.column}`;
  const index = failure.index === undefined ? "" : ` [${failure.index}]`;
  return `${failure.file}:${failure.line}${column}${index}`;
}
