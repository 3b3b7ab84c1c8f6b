// Events with their fields in the engine's order (the order of the Rust struct, `type` first),
// which is the order serde writes them in; the newest format's expectations list them so.
import { NEWEST } from "../engine/index.js";

/** `fields` as an event of `type`, keys in the engine's order; keys it does not name follow. */
export function inEngineOrder<E extends { type: string }>(type: E["type"], fields: Omit<E, "type">): E {
  const source: Record<string, unknown> = { ...fields, type };
  const ordered: Record<string, unknown> = {};
  // The newest format's order: each older format's fields come in the same order, some left out.
  for (const key of Object.keys(NEWEST.expectations[type] ?? {})) if (key in source) ordered[key] = source[key];
  for (const key of Object.keys(source)) if (!(key in ordered)) ordered[key] = source[key];
  return ordered as unknown as E;
}
