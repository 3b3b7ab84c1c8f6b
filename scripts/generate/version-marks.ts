// The version marks of schemas/: which engine formats have a variant, a field, an enum value
// or a default. A mark names the first format that has the thing (the engine changed only by
// addition); no mark means every format. check-invariants.ts checks them, filter-format.ts
// applies them.
import { compareFormats, type EngineVersions } from "./engine-versions.js";
import type { Json, SchemaObject } from "./load-schemas.js";

/** On a variant's root or on a property (at any depth): the first format with it. */
export const SINCE = "x-since";
/** Beside an `enum`: `{ "<value>": "<format>" }` for the values some formats lack. */
export const ENUM_SINCE = "x-enum-since";
/** On a property with a `default`: the first format that reads the property as optional. */
export const DEFAULT_SINCE = "x-default-since";

export const MARKS = [SINCE, ENUM_SINCE, DEFAULT_SINCE] as const;

/**
 * True when something marked `mark` (a format id, or undefined for no mark) is in `format`.
 * @example
 * isIn(versions, "2.20", "2.14"); // false: labels came with 2.20
 */
export function isIn(versions: EngineVersions, mark: Json | undefined, format: string): boolean {
  return mark === undefined || compareFormats(versions, mark as string, format) <= 0;
}

/** The enum values of `schema` that `format` has (every value when it has no `x-enum-since`). */
export function enumIn(versions: EngineVersions, schema: SchemaObject, format: string): Json[] {
  const since = (schema[ENUM_SINCE] ?? {}) as Record<string, Json>;
  return (schema.enum as Json[]).filter((value) => isIn(versions, since[String(value)], format));
}
