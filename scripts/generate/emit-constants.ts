// Step 7: the constants the runtime needs, in the order of the schemas' x-order: the event
// types, the enum values, the defaults applied when parsing, and the expectations that
// error messages quote. Plain data: nothing here runs at import beyond object literals.
import { defName } from "./bundle.js";
import { expectation } from "./expectations.js";
import type { LoadedSchemas, SchemaObject } from "./load-schemas.js";
import { firstSentence } from "./text.js";

export function emitConstants(bundle: SchemaObject, loaded: LoadedSchemas): string {
  const $defs = bundle.$defs as Record<string, SchemaObject>;
  const types = loaded.variants.map(defName);
  const enums = loaded.defs.filter((file) => Array.isArray(file.schema.enum));
  // The lists are frozen: error messages and the CLI read them, so a caller must not change them.
  const lines: string[] = [
    `import type { EventType, ${enums.map((f) => f.schema.title).join(", ")} } from "../src/types.js";`,
    "",
    "/**",
    " * Every event type, in the engine's order (the same list as `Event.ALL`, as a tuple type).",
    " * @example",
    " * const known = (EVENT_TYPES as readonly string[]).includes(message.type);",
    " */",
    `export const EVENT_TYPES = Object.freeze(${JSON.stringify(types)} as const) satisfies readonly EventType[];`,
    "",
    "/**",
    ' * The event type constants, as the engine names them (`Event.RUN_CREATED` is `"run_created"`),',
    " * and `ALL` of them in the engine's order. `Event` is also the type of any event.",
    " * @example",
    " * if (event.type === Event.RUN_FAILED) console.error(event.error);",
    " * for (const type of Event.ALL) console.log(type); // run_created, run_status_changed, ...",
    " */",
    "export const Event = Object.freeze({",
    ...types.map((t) => `  ${t.toUpperCase()}: ${JSON.stringify(t)},`),
    "  ALL: EVENT_TYPES as readonly EventType[],",
    "} as const);",
  ];
  for (const file of enums) {
    const title = file.schema.title as string;
    lines.push(
      "",
      "/**",
      ` * Every ${title} value, in the schema's order. ${firstSentence(file.schema.description as string)}`,
      " * @example",
      ` * ${plural(screamingSnake(title))}.includes(${JSON.stringify((file.schema.enum as string[])[0])}); // true`,
      " */",
      `export const ${plural(screamingSnake(title))} = Object.freeze(${JSON.stringify(file.schema.enum)} as const) satisfies readonly ${title}[];`,
    );
  }
  const defaults: Record<string, Record<string, unknown>> = {};
  const expectations: Record<string, Record<string, string>> = {};
  for (const file of loaded.variants) {
    const type = defName(file);
    const properties = $defs[type]!.properties as Record<string, SchemaObject>;
    expectations[type] = {};
    for (const [name, property] of Object.entries(properties)) {
      expectations[type][name] = expectation(property, $defs);
      if ("default" in property) (defaults[type] ??= {})[name] = property.default;
    }
  }
  lines.push(
    "",
    "/** Values given to properties an event may leave out, by event type. */",
    `export const DEFAULTS: { readonly [T in EventType]?: Readonly<Record<string, unknown>> } = ${JSON.stringify(defaults)};`,
    "",
    "/** What each property must be, in words, by event type: error messages quote these. */",
    `export const EXPECTATIONS: { readonly [T in EventType]: Readonly<Record<string, string>> } = ${JSON.stringify(expectations)};`,
    "",
    "/** Each event type with the first sentence of its schema's description. */",
    `export const DESCRIPTIONS: { readonly [T in EventType]: string } = ${JSON.stringify(
      Object.fromEntries(
        loaded.variants.map((file) => [defName(file), firstSentence(file.schema.description as string)]),
      ),
    )};`,
  );
  return lines.join("\n");
}

function screamingSnake(pascal: string): string {
  return pascal.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}

function plural(name: string): string {
  return name.endsWith("S") ? `${name}ES` : `${name}S`;
}
