// The engine's JSON text of an event (serde_json::to_string): the fields in the order of the
// struct with `type` first, no spaces, and `cost_usd` written as serde_json writes an f64
// (rust_decimal's `serde-float`): `1.0` for a whole number, `5.081420949649993e+22` from 1e16 up.
import type { EventAt } from "../event.js";

/**
 * An event as the engine's JSON text. Same as JSON.stringify but for `cost_usd`, which the
 * engine writes as a float: `0.0` and `48.0` where JavaScript writes `0` and `48`.
 * @example
 * toEngineJson(makeEvent("step_completed", { cost_usd: 0 })); // '{"type":"step_completed",…,"cost_usd":0.0,…}'
 */
export function toEngineJson(event: EventAt<string>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(event)) {
    if (value === undefined) continue;
    const text = key === "cost_usd" && typeof value === "number" ? engineFloat(value) : JSON.stringify(value);
    parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(",")}}`;
}

/** An f64 as serde_json writes it: shortest digits, always a fraction or an exponent. */
function engineFloat(value: number): string {
  if (!Number.isFinite(value)) return "null"; // what serde_json writes for a non-finite float
  const magnitude = Math.abs(value);
  if (magnitude >= 1e16) return value.toExponential(); // "5.937147593221218e+16", as serde_json
  if (Number.isInteger(value)) return `${Object.is(value, -0) ? "-0" : String(value)}.0`;
  return String(value);
}
