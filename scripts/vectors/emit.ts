// Events as the engine writes them: the oracle's `emit`, every variant in turn, with the
// generator's edge values (u64::MAX, nil UUIDs, 9-digit fractions, 20,000-character strings).
import type { FormatShape } from "./formats.js";
import type { Base } from "./mutate.js";
import { runOracle } from "./oracle.js";

/** `count` events of the format, one JSON text each, from the oracle's generator at `seed`. */
export function emitEvents(oracle: string, shape: FormatShape, count: number, seed: number): string[] {
  const lines = runOracle(oracle, shape, ["emit", String(count), String(seed)])
    .split("\n")
    .filter((line) => line !== "");
  if (lines.length !== count) throw new Error(`the oracle emitted ${lines.length} events, not ${count}`);
  const types = new Set(lines.map((line) => (JSON.parse(line) as { type: string }).type));
  const missing = Object.keys(shape.variants).filter((type) => !types.has(type));
  if (missing.length > 0)
    throw new Error(`no ${missing.join(", ")} among the ${shape.id} events: the shapes and the oracle differ`);
  return lines;
}

/** The events as bases for near misses. */
export function basesOf(lines: readonly string[]): Base[] {
  return lines.map((text) => ({ type: (JSON.parse(text) as { type: string }).type, text }));
}
