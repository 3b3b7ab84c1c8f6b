// `ironflow-events schema [type]`: the bundled schema, or one variant's, self-contained.
import bundle from "../../../../generated/schema.json" with { type: "json" };
import { EVENT_TYPES } from "../../../../generated/constants.js";
import { UsageError } from "../../arguments.js";
import type { Command } from "../../command.js";

const HELP = `Usage: ironflow-events schema [type]

Prints the bundled JSON Schema (draft 2020-12) of every event, or, given an event type,
that type's schema alone, self-contained (with the definitions it refers to).

Examples:
  ironflow-events schema > ironflow-events.schema.json
  ironflow-events schema log_line`;

type JsonObject = Record<string, unknown>;
const defs = (bundle as JsonObject).$defs as Record<string, JsonObject>;

/**
 * The schema of one event type: its definition from the bundle, with its own `$id`, and
 * under `$defs` every definition it refers to (transitively), so it stands alone.
 * Undefined for a name that is not an event type.
 */
function variantSchema(type: string): JsonObject | undefined {
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

/** `ironflow-events schema [type]`: the whole bundle, or one type's schema; exit code 2 for an unknown type. */
export const schema: Command<string | undefined> = {
  synopsis: "schema [type]",
  summary: "print the bundled JSON Schema, or one event type's schema",
  help: HELP,
  options: [],
  configure(positionals) {
    if (positionals.length > 1) throw new UsageError("schema takes at most one event type");
    return positionals[0];
  },
  run(type, io) {
    if (type === undefined) {
      io.stdout.write(`${JSON.stringify(bundle, null, 2)}\n`);
      return 0;
    }
    const schema = variantSchema(type);
    if (schema === undefined) {
      io.stderr.write(
        `ironflow-events schema: "${type}" is not an event type; the types are: ${EVENT_TYPES.join(", ")}\n`,
      );
      return 2;
    }
    io.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
    return 0;
  },
};
