// `ironflow-events schema [type]`: the bundled schema, or one variant's, self-contained.
import bundle from "../../../../generated/schema.json" with { type: "json" };
import { EVENT_TYPES } from "../../../../generated/constants.js";
import { commandHint, parseCommandArgs, UsageError } from "../../arguments.js";
import type { Command } from "../../command.js";
import { SCHEMA_USAGE } from "../../usage.js";

type JsonObject = Record<string, unknown>;
const defs = (bundle as JsonObject).$defs as Record<string, JsonObject>;

/**
 * The schema of one event type: its definition from the bundle, with its own `$id`, and
 * under `$defs` every definition it refers to (transitively), so it stands alone.
 * Undefined for a name that is not an event type.
 * @example
 * variantSchema("run_created")?.$defs; // { uuid: {...}, timestamp: {...} }
 */
export function variantSchema(type: string): JsonObject | undefined {
  if (!(EVENT_TYPES as readonly string[]).includes(type)) return undefined;
  const needed = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" && typeof value === "string" && value.startsWith("#/$defs/")) {
          const name = decodeURIComponent(value.slice("#/$defs/".length)).replace(/~1/g, "/").replace(/~0/g, "~");
          if (!needed.has(name) && defs[name] !== undefined) {
            needed.add(name);
            visit(defs[name]);
          }
        } else visit(value);
      }
    }
  };
  visit(defs[type]);
  const $defs: Record<string, JsonObject> = {};
  for (const name of Object.keys(defs)) if (needed.has(name)) $defs[name] = defs[name]!;
  return {
    $schema: (bundle as JsonObject).$schema,
    $id: new URL(`${type}.json`, (bundle as JsonObject).$id as string).href,
    ...defs[type],
    $defs,
  };
}

/**
 * Writes the schema and returns the exit code: 2 for an unknown type.
 * @example
 * schemaCommand(undefined, (s) => process.stdout.write(s), console.error); // the whole bundle
 */
export function schemaCommand(
  type: string | undefined,
  out: (text: string) => void,
  err: (line: string) => void,
): number {
  if (type === undefined) {
    out(`${JSON.stringify(bundle, null, 2)}\n`);
    return 0;
  }
  const schema = variantSchema(type);
  if (schema === undefined) {
    err(`ironflow-events schema: "${type}" is not an event type; the types are: ${EVENT_TYPES.join(", ")}`);
    return 2;
  }
  out(`${JSON.stringify(schema, null, 2)}\n`);
  return 0;
}

/** `ironflow-events schema [type]`. */
export const schema: Command = {
  synopsis: "schema [type]",
  summary: "print the bundled JSON Schema, or one event type's schema",
  usage: SCHEMA_USAGE,
  run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {}, commandHint("schema"));
    if (values.help) {
      io.stdout.write(`${SCHEMA_USAGE}\n`);
      return 0;
    }
    if (positionals.length > 1) throw new UsageError("schema takes at most one event type", commandHint("schema"));
    return schemaCommand(
      positionals[0],
      (text) => void io.stdout.write(text),
      (line) => void io.stderr.write(`${line}\n`),
    );
  },
};
