/**
 * The pattern of schemas/defs/assignee.json, which `isAssignee` checks without a regex. It has
 * no `$` and no `.`: the name may be any text, line breaks included.
 */
export const ASSIGNEE_PATTERN = "^(?:user|group):[\\s\\S]";

/**
 * The `assignee` format: the engine's `Assignee` as it reads one from a string, `user:` or
 * `group:` followed by a name that is not empty (anything else is refused, `User:` included).
 * @example
 * isAssignee("group:sre"); // true
 * isAssignee("user:"); // false
 */
export function isAssignee(s: string): boolean {
  if (s.startsWith("user:")) return s.length > 5;
  return s.startsWith("group:") && s.length > 6;
}
