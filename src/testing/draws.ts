// Drawing realistic values from the vocabulary: what one step costs, takes and writes.
import type { LogStream } from "../types.js";
import type { Random } from "./random.js";
import { COST_UNITS_PER_USD, SYSTEM_LINES, type StepTemplate } from "./vocabulary.js";

/** A step's duration in milliseconds. */
export function drawDuration(template: StepTemplate, random: Random): number {
  return random.int(template.durationMs[0], template.durationMs[1]);
}

/** A step's cost in ten-thousandths of a dollar (whole units, so that sums stay exact). */
export function drawCostUnits(template: StepTemplate, random: Random): number {
  return random.int(template.costUnits[0], template.costUnits[1]);
}

/** Whole cost units as dollars: the double nearest the decimal, as rust_decimal's to_f64 gives. */
export function usd(units: number): number {
  return units / COST_UNITS_PER_USD;
}

/** A log line of `template` on `stream`; stderr falls back to stdout for steps that write none. */
export function drawLine(
  template: StepTemplate,
  stream: LogStream,
  random: Random,
): { stream: LogStream; line: string } {
  if (stream === "system") return { stream, line: SYSTEM_LINES.start(template.name) };
  if (stream === "stderr" && template.stderr.length > 0) return { stream, line: random.pick(template.stderr) };
  return { stream: "stdout", line: random.pick(template.stdout) };
}

/** A stream for a lone log line: mostly stdout. */
export function drawStream(random: Random): LogStream {
  const r = random.next();
  return r < 0.7 ? "stdout" : r < 0.85 ? "stderr" : "system";
}
