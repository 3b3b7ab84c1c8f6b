// The engine format the testing kit makes events of: the one its `engine` option names, the
// newest without one (as everywhere events are read). The kit's one place that resolves the
// option and says which event types a format has.
import { describeValue } from "../describe.js";
import { FORMATS, resolveFormat, type Format } from "../engine/index.js";
import type { ModelledEngine, NewestEngine } from "../types.js";

/**
 * The `engine` option of the testing kit: the engine version whose events to make, as its users
 * know it ("2.31.4", "2.31", "v2.31.4"); the newest modelled without it. The events are that
 * version's (its types, fields, statuses and lifecycle), and typed as its events. A version the
 * package does not model is a TypeError, and a literal one does not compile.
 * @example
 * const options: KitEngineOptions<"2.31.4"> = { engine: "2.31.4" };
 */
export interface KitEngineOptions<V extends string = NewestEngine> {
  engine?: ModelledEngine<V>;
}

/**
 * The format of `engine` (the newest for undefined). An engine version the package does not
 * model is the resolver's TypeError, its message starting with `caller`.
 */
export function kitFormat(engine: unknown, caller: string): Format {
  try {
    return resolveFormat(engine);
  } catch (error) {
    if (error instanceof TypeError) throw new TypeError(`${caller}: ${error.message}`);
    throw error;
  }
}

/**
 * Why `type` is no event type of `format` (a sentence naming the format, and the formats that
 * have it when some do), or undefined when it is one.
 */
export function notAnEventType(type: unknown, format: Format): string | undefined {
  if (typeof type === "string" && format.eventTypes.includes(type)) return undefined;
  const others = FORMATS.filter((other) => typeof type === "string" && other.eventTypes.includes(type));
  const elsewhere =
    others.length === 0 ? "" : ` (it is one of engine ${others.map((other) => other.range).join(", ")})`;
  return `${describeValue(type)} is not an event type of engine ${format.range}${elsewhere}; valid: ${format.eventTypes.join(", ")}`;
}

/**
 * `fields` with only the fields `type` has in `format`, in the order given: the kit draws the
 * newest format's fields, and an older format has some of them.
 */
export function fieldsOfFormat<F extends object>(format: Format, type: string, fields: F): F {
  const known = format.expectations[type];
  if (known === undefined) return fields;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (key in known) kept[key] = value;
  return kept as F;
}
