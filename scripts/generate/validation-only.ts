// Part of step 5: the bundle a format's validators are made from carries only what validation
// reads: no documentation, and no pattern that a format beside it checks in full.
import { NO_NEWLINE_PATTERN, PATTERNS_CHECKED_BY_FORMATS } from "../../src/rules/index.js";

/** Keywords that only annotate: the generated code needs none of them. */
const ANNOTATIONS = new Set(["$schema", "$comment", "title", "description", "examples", "default", "x-order"]);

/**
 * A copy of a bundle with only what validation reads, so the generated module does not
 * carry documentation. Property names are kept even when they look like annotations.
 */
export function validationOnly(node: unknown, inProperties = false): unknown {
  if (Array.isArray(node)) return node.map((item) => validationOnly(item));
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!inProperties && ANNOTATIONS.has(key)) continue;
    out[key] = validationOnly(value, !inProperties && (key === "properties" || key === "$defs"));
  }
  return out;
}

/**
 * Leaves out each `pattern` that sits beside a format which checks it in full (see
 * PATTERNS_CHECKED_BY_FORMATS), after making sure the schema still says what the format
 * was written against: a changed pattern must be matched by a changed format.
 */
export function dropPatternsCheckedByFormats(node: unknown, where = "#"): unknown {
  if (Array.isArray(node)) return node.map((item, i) => dropPatternsCheckedByFormats(item, `${where}/${i}`));
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = dropPatternsCheckedByFormats(value, `${where}/${key}`);
  const format = out.format as string | undefined;
  const covered = format === undefined ? undefined : PATTERNS_CHECKED_BY_FORMATS[format];
  if (covered !== undefined && "pattern" in out) {
    if (out.pattern !== covered)
      throw new Error(
        `${where}: the pattern beside format "${format}" differs from the one src/rules checks for it; update both together`,
      );
    delete out.pattern;
    const not = out.not as Record<string, unknown> | undefined;
    if (not !== undefined) {
      if (Object.keys(not).length !== 1 || not.pattern !== NO_NEWLINE_PATTERN)
        throw new Error(
          `${where}: beside format "${format}", \`not\` may only forbid a line break ({ "pattern": "\\n" })`,
        );
      delete out.not;
    }
  }
  return out;
}
