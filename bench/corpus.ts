// The texts the benchmark runs on: the engine's own vectors, and larger sets made from them
// with fresh IDs and timestamps, so that no two lines are the same string (as in a live
// stream) while the mix of variants, field values and line lengths stays the engine's.
import { seededRandom } from "../test/support/seeded-random.js";
import { engineEventLines } from "../test/support/vectors.js";

/** "Lines under 1.5 KB": the engine mix is the lines shorter than this many bytes of UTF-8. */
export const SHORT_LINE_BYTES = 1536;

/**
 * The engine's 1,200 events, one JSON text each, as the engine wrote them.
 * @example
 * const lines = engineLines(); // lines[0].startsWith('{"type":"run_created"')
 */
export function engineLines(): string[] {
  return engineEventLines();
}

/** True for a line of the engine mix (under 1.5 KB of UTF-8). */
export function isShortLine(line: string): boolean {
  return Buffer.byteLength(line, "utf8") < SHORT_LINE_BYTES;
}

/**
 * `count` lines made from `templates`, picked at random (seeded, so every run gets the same
 * set), each with fresh top-level IDs and a fresh `at` of the same precision as the
 * template's. Everything else is the template's text, byte for byte.
 * @example
 * const mix = mutatedLines(engineLines().filter(isShortLine), 100_000, 1);
 */
export function mutatedLines(templates: readonly string[], count: number, seed: number): string[] {
  if (templates.length === 0) throw new Error("mutatedLines: no template lines to sample from");
  const random = seededRandom(seed);
  const out: string[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const template = templates[Math.floor(random() * templates.length)]!;
    // Top-level keys only: a key follows `{` or `,`; inside a string value a quote is escaped.
    out[i] = template
      .replace(/(?<=[{,])"(run_id|step_id|user_id)":"[^"]*"/g, (_, key: string) => `"${key}":"${uuidV7(random)}"`)
      .replace(/(?<=[{,])"at":"[^"]*"/g, (at: string) => `"at":"${timestamp(random, fractionDigits(at))}"`);
  }
  return out;
}

/**
 * A realistic run stream of `count` lines made from `templates`: runs of 3 to 7 steps, each
 * step 5 to 35 log lines then its step_completed, between a run_created with a status change
 * and a closing status change. A run's run_id (and a step's step_id) repeats across its
 * events, as in the engine's stream; every `at` is fresh. Each event is a template's text with
 * those fields put in, byte for byte otherwise (seeded: every run gets the same set).
 * @example
 * const stream = runStreamLines(engineLines().filter(isShortLine), 100_000, 3);
 */
export function runStreamLines(templates: readonly string[], count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const byType = new Map<string, string[]>();
  for (const line of templates) {
    const type = (JSON.parse(line) as { type: string }).type;
    byType.set(type, [...(byType.get(type) ?? []), line]);
  }
  const pick = (type: string): string => {
    const list = byType.get(type);
    if (list === undefined) throw new Error(`runStreamLines: no template of type ${type}`);
    return list[Math.floor(random() * list.length)]!;
  };
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const out: string[] = [];
  while (out.length < count) {
    const run = uuidV7(random);
    const event = (type: string, step?: string) =>
      out.push(
        pick(type)
          .replace(/(?<=[{,])"run_id":"[^"]*"/, `"run_id":"${run}"`)
          .replace(/(?<=[{,])"step_id":"[^"]*"/, () => `"step_id":"${step ?? uuidV7(random)}"`)
          .replace(/(?<=[{,])"at":"[^"]*"/, (at: string) => `"at":"${timestamp(random, fractionDigits(at))}"`),
      );
    event("run_created");
    event("run_status_changed");
    for (let steps = between(3, 7); steps > 0; steps--) {
      const step = uuidV7(random);
      for (let lines = between(5, 35); lines > 0; lines--) event("log_line", step);
      event("step_completed", step);
    }
    event("run_status_changed");
  }
  return out.slice(0, count);
}

/**
 * The benchmark's engine mix: `count` lines of the engine's short events with fresh IDs (seed 1).
 * @example
 * const mix = engineMix(100_000);
 */
export function engineMix(count: number): string[] {
  return mutatedLines(engineLines().filter(isShortLine), count, 1);
}

/**
 * The benchmark's realistic run stream: `count` lines, a run's IDs repeating (seed 3).
 * @example
 * const stream = runStream(100_000);
 */
export function runStream(count: number): string[] {
  return runStreamLines(engineLines().filter(isShortLine), count, 3);
}

/** How many fraction digits a `"at":"…"` pair has (the engine writes 0, 3, 6 or 9). */
function fractionDigits(pair: string): number {
  const match = /\.(\d+)/.exec(pair);
  return match ? match[1]!.length : 0;
}

/** A version 7 UUID in the engine's spelling (hyphenated lower case) with a time from 2020-2030. */
function uuidV7(random: () => number): string {
  const ms = 1_577_836_800_000 + Math.floor(random() * 315_360_000_000);
  const hex = (n: number) =>
    Math.floor(random() * 16 ** n)
      .toString(16)
      .padStart(n, "0");
  const time = ms.toString(16).padStart(12, "0");
  const variant = (8 + Math.floor(random() * 4)).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(3)}-${variant}${hex(3)}-${hex(6)}${hex(6)}`;
}

/** An RFC 3339 UTC timestamp from 2020-2030 with `digits` fraction digits, as chrono writes it. */
function timestamp(random: () => number, digits: number): string {
  const ms = 1_577_836_800_000 + Math.floor(random() * 315_360_000_000);
  const base = new Date(ms).toISOString().slice(0, 19);
  if (digits === 0) return `${base}Z`;
  let fraction = "";
  for (let i = 0; i < digits; i++) fraction += Math.floor(random() * 10);
  return `${base}.${fraction}Z`;
}
