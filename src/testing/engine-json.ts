// The engine's JSON text of an event (serde_json::to_string), per engine format: the fields in
// the order of the struct with `type` first, nested objects (an approval's requirement, a usage
// window) in the order of theirs, no spaces, and the float fields (costs, rust_decimal's
// `serde-float`; `utilization`, an f64) written as serde_json writes an f64: `1.0` for a whole
// number, `1e-6` below 1e-5, `5.081420949649993e+22` from 1e16 up. Which fields are floats and
// in what order fields come is the format's generated tables, so a new field needs nothing here.
import { describeValue } from "../describe.js";
import type { EventAt } from "../event.js";
import type { NewestEngine } from "../types.js";
import { inner, shapeOf, type Pattern, type Shape } from "./format-shape.js";
import { kitFormat, notAnEventType, type KitEngineOptions } from "./kit-format.js";

/**
 * An event as the engine's JSON text: what the engine of `options.engine` (the newest modelled
 * without it) writes for it, byte for byte. Same as JSON.stringify but for the order of the
 * fields (the engine's, whatever the object's; fields the engine does not know follow, as they
 * are) and the float fields, which the engine writes as floats: `0.0` and `48.0` where JavaScript
 * writes `0` and `48`, `1e-6` where it writes `0.000001`. It writes what it is given: an event
 * as parseEvent returns it has every field the engine writes (the defaults filled in). Labels
 * come in the object's order (the engine's hash map has none of its own).
 * @example
 * toEngineJson(makeEvent("step_completed", { cost_usd: 0 })); // '{"type":"step_completed",…,"cost_usd":0.0,…}'
 * toEngineJson(parseEvent(line, { engine: "2.31" }), { engine: "2.31" }); // as engine 2.31 writes it
 */
export function toEngineJson(event: EventAt<string>): string;
/**
 * An event as the engine of `options.engine` writes it.
 * @example
 * toEngineJson(makeEvent("run_failed", {}, { engine: "2.14" }), { engine: "2.14" });
 */
export function toEngineJson<const V extends string = NewestEngine>(
  event: EventAt<string>,
  options?: KitEngineOptions<V>,
): string;
/**
 * The engine's text of `event`. A number as the second argument is the index that
 * `events.map(toEngineJson)` passes, and is read as no options (the one-argument overload keeps
 * that spelling compiling, as it did before the kit took `engine`).
 * @example
 * const lines = makeRun({ seed: 1 }).map(toEngineJson);
 */
export function toEngineJson(event: EventAt<string>, options?: unknown): string {
  const caller = "toEngineJson";
  if (event === null || typeof event !== "object" || Array.isArray(event))
    throw new TypeError(`${caller}: event must be an event object, got ${describeValue(event)}`);
  if (options !== undefined && typeof options !== "number" && (options === null || typeof options !== "object"))
    throw new TypeError(`${caller}: options must be an object, got ${describeValue(options)}`);
  const engine = typeof options === "object" ? (options as { engine?: unknown }).engine : undefined;
  const format = kitFormat(engine, caller);
  const problem = notAnEventType(event.type, format);
  if (problem !== undefined) throw new TypeError(`${caller}: ${problem}`);
  return write(event, "", shapeOf(format, event.type));
}

/** `value`, found at `path` of the event, as serde_json writes it. */
function write(value: unknown, path: Pattern, shape: Shape): string {
  if (typeof value === "number")
    return shape.numbers[path] !== undefined && "float" in shape.numbers[path]
      ? engineFloat(value)
      : JSON.stringify(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => write(item, inner(path, "*"), shape)).join(",")}]`;
  const fields = value as Record<string, unknown>;
  const order = shape.order.get(path);
  const parts: string[] = [];
  if (order === undefined) {
    // A map (labels): its keys as they come, each value at the map's item path.
    for (const key of Object.keys(fields))
      if (fields[key] !== undefined)
        parts.push(`${JSON.stringify(key)}:${write(fields[key], inner(path, "*"), shape)}`);
  } else {
    for (const key of order)
      if (Object.hasOwn(fields, key) && fields[key] !== undefined)
        parts.push(`${JSON.stringify(key)}:${write(fields[key], inner(path, key), shape)}`);
    // A field the format does not name follows, as JSON.stringify writes it: the engine writes none.
    for (const key of Object.keys(fields))
      if (!order.includes(key) && fields[key] !== undefined)
        parts.push(`${JSON.stringify(key)}:${JSON.stringify(fields[key])}`);
  }
  return `{${parts.join(",")}}`;
}

/**
 * An f64 as serde_json writes it: the shortest digits that read back as the same double, always
 * with a fraction or an exponent; an exponent (with its sign) below 1e-5 and from 1e16 up.
 */
function engineFloat(value: number): string {
  if (!Number.isFinite(value)) return "null"; // what serde_json writes for a non-finite float
  const magnitude = Math.abs(value);
  if (magnitude >= 1e16 || (magnitude < 1e-5 && magnitude !== 0)) return value.toExponential(); // "5.937147593221218e+16", "1e-6"
  if (Number.isInteger(value)) return `${Object.is(value, -0) ? "-0" : String(value)}.0`;
  return String(value);
}
