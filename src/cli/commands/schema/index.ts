// `ironflow-events schema [type] [--engine <version>]`: the bundled schema, or one variant's,
// self-contained; of the newest engine, or of the format of --engine (its bundle as the
// generator wrote it, found through formatBundle: the newest's is schema.json itself).
import { formatBundle, NEWEST_BUNDLE_ID, type BundleFormat } from "../../../../generated/bundles.js";
import { optionsHelp, readOptions, UsageError } from "../../arguments.js";
import type { Command, OptionValues } from "../../command.js";
import { engineOption } from "../../common-options.js";

/**
 * The options of `schema`, in the order of the help.
 * @example
 * SCHEMA_OPTIONS.map((option) => `--${option.flag}`); // ["--engine"]
 */
export const SCHEMA_OPTIONS = [
  engineOption([
    "the engine version whose schema is printed (its format's bundle, as",
    "ironflow-events/schemas/bundles/engine-<format>.json; the newest's",
    "is ironflow-events/schema.json); default the newest modelled",
  ]),
] as const;

const HELP = `Usage: ironflow-events schema [type] [--engine <version>]

Prints the bundled JSON Schema (draft 2020-12) of every event, or, given an event type,
that type's schema alone, self-contained (with the definitions it refers to).

Options:
${optionsHelp(SCHEMA_OPTIONS, 25)}

Examples:
  ironflow-events schema > ironflow-events.schema.json
  ironflow-events schema log_line
  ironflow-events schema --engine 2.14.1 run_failed`;

type JsonObject = Record<string, unknown>;

/** What `schema` was asked for: a type (or all), and the engine version's format. */
type SchemaConfig = { type: string | undefined } & OptionValues<typeof SCHEMA_OPTIONS>;

/** The bundle printed for `engine`'s format (the newest's, schema.json, without --engine). */
function bundleOf({ format }: SchemaConfig["engine"]): JsonObject {
  return formatBundle(format.format as BundleFormat);
}

/**
 * The schema of one event type: its definition from the bundle, with its own `$id`, and
 * under `$defs` every definition it refers to (transitively), so it stands alone.
 * Undefined for a name that is not an event type of that bundle.
 */
function variantSchema(bundle: JsonObject, eventTypes: readonly string[], type: string): JsonObject | undefined {
  if (!eventTypes.includes(type)) return undefined;
  const defs = bundle.$defs as Record<string, JsonObject>;
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
  // Beside the bundle's $id: ".../event.json" gives ".../<type>.json" (as before); a format's
  // ".../bundles/engine-2.14.json" gives ".../bundles/engine-2.14/<type>.json", its own.
  const id = bundle.$id as string;
  const base = id === NEWEST_BUNDLE_ID ? id : `${id.replace(/\.json$/, "")}/`;
  return {
    $schema: bundle.$schema,
    $id: new URL(`${type}.json`, base).href,
    ...defs[type],
    $defs,
  };
}

/** `ironflow-events schema [type]`: the whole bundle, or one type's schema; exit code 2 for an unknown type. */
export const schema: Command<SchemaConfig> = {
  synopsis: "schema [type] [--engine <version>]",
  summary: "print the bundled JSON Schema, or one event type's schema",
  help: HELP,
  options: SCHEMA_OPTIONS,
  configure(positionals, given) {
    if (positionals.length > 1) throw new UsageError("schema takes at most one event type");
    return { type: positionals[0], ...readOptions(SCHEMA_OPTIONS, given) };
  },
  run({ type, engine }, io) {
    const bundle = bundleOf(engine);
    if (type === undefined) {
      io.stdout.write(`${JSON.stringify(bundle, null, 2)}\n`);
      return 0;
    }
    const { eventTypes } = engine.format;
    const schema = variantSchema(bundle, eventTypes, type);
    if (schema === undefined) {
      const of = engine.version === undefined ? "" : ` of engine ${engine.format.range}`;
      io.stderr.write(
        `ironflow-events schema: "${type}" is not an event type${of}; the types are: ${eventTypes.join(", ")}\n`,
      );
      return 2;
    }
    io.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
    return 0;
  },
};
