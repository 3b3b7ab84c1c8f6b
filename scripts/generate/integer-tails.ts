// Part of steps 5 and 7: for a variant whose only unsigned integer field is one of its own
// (`duration_ms`, `count`), the fields the engine writes after it, and how each value is written.
// The text path reads an event's text back from its closing brace over them to the integer's
// digits (src/rules/integer-at-end.ts, integerSpelledAtEnd) instead of searching for its key:
// the constants give the list to the pre-check (needs-scan.ts), the fast path writes it in. The
// schemas' property order is the engine's order (serde writes a struct's fields as declared).
import { alternatives, fieldPaths, numberField } from "./field-paths.js";
import type { SchemaObject } from "./load-schemas.js";

/** A field written after the integer (the runtime's FieldAfter). */
export interface FieldAfter {
  name: string;
  kind: "text" | "number" | "record";
}

/** The integer field of a variant, and what follows it. */
export interface IntegerTail {
  field: string;
  after: FieldAfter[];
}

/**
 * The variant's only integer field and the fields after it, or undefined where the look back
 * cannot be made: no integer field, more than one at any depth, a nested one, its name also a
 * key at another depth (the look back would not tell the two apart), or a field after it whose
 * value's length the text cannot be read back over (a free-text string, an array).
 * @example
 * integerTail($defs.run_failed, $defs); // { field: "duration_ms", after: [{ name: "labels", kind: "record" }, { name: "at", kind: "text" }] }
 */
export function integerTail(variant: SchemaObject, $defs: Record<string, SchemaObject>): IntegerTail | undefined {
  const paths = [...fieldPaths(variant, $defs)];
  const integers = paths.filter(({ schema }) => {
    const number = numberField(schema, $defs);
    return number !== undefined && "integer" in number;
  });
  const distinct = new Set(integers.map(({ path }) => path.join("/")));
  if (distinct.size !== 1 || integers[0]!.path.length !== 1) return undefined;
  const field = integers[0]!.path[0]!;
  if (paths.some(({ path }) => path.length > 1 && path.at(-1) === field)) return undefined;
  const names = Object.keys(variant.properties as Record<string, SchemaObject>);
  const after: FieldAfter[] = [];
  for (const name of names.slice(names.indexOf(field) + 1)) {
    const kind = writtenAs((variant.properties as Record<string, SchemaObject>)[name]!, $defs);
    if (kind === undefined || !/^[a-z_]+$/.test(name)) return undefined;
    after.push({ name, kind });
  }
  return { field, after };
}

/**
 * How every value the schema allows is written, when the text can be read back over it: "text"
 * for strings that need no escape (a UUID, a timestamp, constants of plain characters), "number",
 * "record" for a map of strings; null may stand for any of them.
 */
function writtenAs(schema: SchemaObject, $defs: Record<string, SchemaObject>): FieldAfter["kind"] | undefined {
  const kinds = new Set<FieldAfter["kind"] | undefined>();
  for (const branch of alternatives(schema, $defs)) {
    if (branch.type === "null") continue;
    if (branch.type === "number" || branch.type === "integer") kinds.add("number");
    else if (branch.type === "object" && branch.properties === undefined) kinds.add("record");
    else if (isPlainText(branch)) kinds.add("text");
    else kinds.add(undefined);
  }
  return kinds.size === 1 ? [...kinds][0] : undefined;
}

/** A string schema whose every value serde writes without an escape: `"`, `\` and control characters need one. */
function isPlainText(schema: SchemaObject): boolean {
  const values = "const" in schema ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : undefined;
  if (values !== undefined)
    return values.every((value) => typeof value === "string" && /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/.test(value));
  return schema.type === "string" && (schema.format === "uuid" || schema.format === "date-time");
}
