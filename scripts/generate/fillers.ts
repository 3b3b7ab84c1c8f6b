// Part of step 5 (the validators' module): per engine format, one function per event type that
// fills in the event's own defaulted fields in place, as parseEvent(text) does for a value it
// made. Code rather than a loop over the plan (src/defaults.ts walks the plans for the rest):
// a store of a named field costs next to nothing, where a store by a key read from the plan
// is one of the slowest things V8 does to an object that JSON.parse made (about 90 ns an
// event that gets a default, a tenth of parseEvent). An object or array default is a literal
// in the code, so each call makes a fresh one. Each distinct body is emitted once.
import { defName } from "./bundle.js";
import { fieldPaths } from "./field-paths.js";
import type { FormatSchemas } from "./filter-format.js";
import type { Json, SchemaObject } from "./load-schemas.js";

/** The event's own defaulted fields of each type of a format that has any, in schema order. */
export function ownDefaults({ loaded, bundle }: FormatSchemas): Record<string, Record<string, Json>> {
  const $defs = bundle.$defs as Record<string, SchemaObject>;
  const out: Record<string, Record<string, Json>> = {};
  for (const file of loaded.variants) {
    const type = defName(file);
    for (const { path, schema } of fieldPaths($defs[type]!, $defs))
      if (path.length === 1 && "default" in schema) (out[type] ??= {})[path[0]!] = schema.default!;
  }
  return out;
}

/**
 * The body of a filler: `if (e.labels === undefined) e.labels = {};` per field. A field name
 * that is not an identifier is written as a string key.
 * @example
 * fillerBody({ error: null }); // 'if (e.error === undefined) e.error = null;'
 */
export function fillerBody(fields: Record<string, Json>): string {
  return Object.entries(fields)
    .map(([name, value]) => {
      const at = /^[A-Za-z_$][\w$]*$/.test(name) ? `e.${name}` : `e[${JSON.stringify(name)}]`;
      return `if (${at} === undefined) ${at} = ${JSON.stringify(value)};`;
    })
    .join(" ");
}

/**
 * Per type of a format with a default below the event's own fields (an approval's
 * requirement's `reason`, a usage window's `resets_at`), the own fields that hold them
 * (`requirement`, `windows`): src/defaults.ts walks those.
 * @example
 * nestedDefaults(formats.at(-1)!).get("approval_granted"); // ["requirement"]
 */
export function nestedDefaults({ loaded, bundle }: FormatSchemas): Map<string, string[]> {
  const $defs = bundle.$defs as Record<string, SchemaObject>;
  const out = new Map<string, string[]>();
  for (const file of loaded.variants) {
    const type = defName(file);
    const holders = new Set<string>();
    for (const { path, schema } of fieldPaths($defs[type]!, $defs))
      if (path.length > 1 && "default" in schema) holders.add(path[0]!);
    if (holders.size > 0) out.set(type, [...holders]);
  }
  return out;
}

/** The fillers of the formats: what the validators' module declares, and per format its fillers by type. */
export interface Fillers {
  /** The function declarations, each distinct body once. */
  declarations: string[];
  /** Per format, the object literal of its fillers by event type (for FORMAT_VALIDATORS). */
  tables: Map<string, string>;
  /** Per format, the name of each type's filler (for the fast path, which calls it). */
  names: Map<string, Map<string, string>>;
}

export function fillers(formats: readonly FormatSchemas[]): Fillers {
  const names = new Map<string, string>(); // body -> function name
  const declarations: string[] = [];
  const tables = new Map<string, string>();
  const byFormat = new Map<string, Map<string, string>>();
  for (const format of formats) {
    const own = new Map<string, string>();
    for (const [type, fields] of Object.entries(ownDefaults(format))) {
      const body = fillerBody(fields);
      if (!names.has(body)) {
        names.set(body, `fill${names.size}`);
        declarations.push(`function fill${names.size - 1}(e) { ${body} }`);
      }
      own.set(type, names.get(body)!);
    }
    tables.set(format.format, `{ ${[...own].map(([type, name]) => `${JSON.stringify(type)}: ${name}`).join(", ")} }`);
    byFormat.set(format.format, own);
  }
  return { declarations, tables, names: byFormat };
}
