// The floor under parseEvent: the exact UUID and timestamp checks alone, nothing else.
//
// Every event carries one or two UUIDs and a timestamp, and a validator as strict as the
// engine must look at each of their characters. In V8 a character of a string costs a
// `charCodeAt` (a few instructions that find the string's representation before they read),
// and no built-in reads a string in bulk faster from JavaScript (a regex is slower still, see
// the README). So these checks alone, run on the same fields of the same corpus, are a lower
// bound for any validator with the same rules, whatever else it does or skips.
import { readFileSync } from "node:fs";
import { isTimestamp, isUuid } from "../src/rules/index.js";
import { VECTORS_ENGINE } from "../test/support/vectors.js";

type Node = Record<string, unknown>;

/** The fields of one variant that hold a UUID or a timestamp. */
export interface FormatFields {
  uuid: string[];
  timestamp: string[];
}

/**
 * For each event type, its UUID and timestamp fields, read from a bundled schema (a property
 * whose `$ref` is `#/$defs/uuid` or `#/$defs/timestamp`): by default the bundle of the engine
 * format of the benchmark's corpus, the seed's events (test/vectors/).
 * @example
 * formatFields().get("log_line"); // { uuid: ["run_id", "step_id"], timestamp: ["at"] }
 */
export function formatFields(
  schemaPath = new URL(`../generated/formats/${VECTORS_ENGINE}/schema.json`, import.meta.url),
): Map<string, FormatFields> {
  const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as {
    oneOf: { $ref: string }[];
    $defs: Record<string, Node>;
  };
  const out = new Map<string, FormatFields>();
  for (const { $ref } of schema.oneOf) {
    const variant = schema.$defs[$ref.replace("#/$defs/", "")]!;
    const properties = variant.properties as Record<string, Node>;
    const type = (properties.type as { const: string }).const;
    const pick = (def: string) => Object.keys(properties).filter((key) => properties[key]!.$ref === `#/$defs/${def}`);
    out.set(type, { uuid: pick("uuid"), timestamp: pick("timestamp") });
  }
  return out;
}

/**
 * Runs isUuid and isTimestamp, and nothing else, on the UUID and timestamp fields of an
 * event: what the exact format checks cost on their own. The fields are read by name, the
 * cheapest way there is; `fields` must name no others (checked by `assertFloorFields`).
 * @example
 * formatsOnly(JSON.parse(line)); // true for every engine event
 */
export function formatsOnly(event: { run_id?: string; step_id?: string; user_id?: string; at: string }): boolean {
  const run = event.run_id;
  const step = event.step_id;
  const user = event.user_id;
  return (
    (run === undefined || isUuid(run)) &&
    (step === undefined || isUuid(step)) &&
    (user === undefined || isUuid(user)) &&
    isTimestamp(event.at)
  );
}

/** The fields formatsOnly reads, to be compared with what the schema says. */
export const FLOOR_FIELDS: FormatFields = { uuid: ["run_id", "step_id", "user_id"], timestamp: ["at"] };

/**
 * Throws unless the schema's UUID and timestamp fields are exactly those formatsOnly reads,
 * so that the floor cannot silently leave out a check after a schema change.
 * @example
 * assertFloorFields(formatFields());
 */
export function assertFloorFields(fields: Map<string, FormatFields>): void {
  const union = (kind: keyof FormatFields) => [...new Set([...fields.values()].flatMap((f) => f[kind]))].sort();
  for (const kind of ["uuid", "timestamp"] as const) {
    const expected = [...FLOOR_FIELDS[kind]].sort();
    if (JSON.stringify(union(kind)) !== JSON.stringify(expected))
      throw new Error(
        `format-floor: the schema's ${kind} fields are ${union(kind).join(", ")}, formatsOnly reads ${expected.join(", ")}`,
      );
  }
  for (const [type, f] of fields)
    if (f.timestamp.length !== 1)
      throw new Error(`format-floor: ${type} has ${f.timestamp.length} timestamp fields, formatsOnly reads one`);
}
