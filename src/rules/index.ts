// The hand-written checks that the generated validators (generated/validators.js) call:
// formats compiled in as character checks, and the `x-engine-json` keyword.
export { isUuid, UUID_PATTERN } from "./uuid.js";
export { isTimestamp, TIMESTAMP_PATTERN } from "./timestamp.js";
export { isUint64 } from "./uint64.js";
export { isUint32 } from "./uint32.js";
export { isAssignee, ASSIGNEE_PATTERN } from "./assignee.js";
export { UuidMemo, MEMO_PAUSE, MEMO_WINDOW, NIL_UUID } from "./id-memo.js";
export { DEFAULTS_LEFT, type FastVerdict } from "./fast-verdict.js";
export { integerAtEnd, integerSpelledAtEnd, type FieldAfter, type IntegerAtEnd } from "./integer-at-end.js";
export { integerSearchStart, integerSpellingsAt } from "./integer-spelling.js";
export { FLOAT_NEAR_LIMIT, nearLimit } from "./number-limits.js";
export { formats } from "./formats.js";
export { DEFINITION_KEYWORDS, schemaTables, schemaValidator } from "./schema-validator.js";
export type { SchemaError, SchemaNode, SchemaTables, SchemaTablesData, SchemaValidator } from "./schema-validator.js";
export { strictValidator } from "./strict.js";
export type { NestedShape, StrictShape } from "./strict.js";
export {
  engineJsonViolations,
  escapePointer,
  fullWalks,
  isPlainRecord,
  isWellFormed,
  loneSurrogateIndex,
  MAX_NESTING_DEPTH,
  MAX_VIOLATIONS,
} from "./engine-json.js";
export type { EngineJsonViolation } from "./engine-json.js";

import { ASSIGNEE_PATTERN } from "./assignee.js";
import { TIMESTAMP_PATTERN } from "./timestamp.js";
import { UUID_PATTERN } from "./uuid.js";

/**
 * Formats above whose check accepts ASCII strings only, so a string that passes one is
 * valid Unicode: the generated validators' fast path skips the well-formedness check of
 * such a field (scripts/generate/engine-json-fast.ts). A format added here must never
 * accept a character above U+007F.
 * @example
 * ASCII_ONLY_FORMATS.includes("uuid"); // true
 */
export const ASCII_ONLY_FORMATS: readonly string[] = ["uuid", "date-time"];

/**
 * Patterns that a format above checks in full. The generator leaves such a pattern out of
 * the compiled code (one character check instead of a regex and a check), and refuses to
 * generate if the schema's pattern is not the one the format was written against. The
 * same goes for a `not: { pattern: "\n" }` beside it (no line break anywhere), which the
 * schemas add for regex dialects whose `$` matches before a final newline: the formats
 * check every character, so they refuse a newline already.
 */
export const PATTERNS_CHECKED_BY_FORMATS: Readonly<Record<string, string>> = {
  uuid: UUID_PATTERN,
  "date-time": TIMESTAMP_PATTERN,
  assignee: ASSIGNEE_PATTERN,
};

/** The `not` schema that forbids a line break, as the schemas write it beside a format's pattern. */
export const NO_NEWLINE_PATTERN = "\\n";
