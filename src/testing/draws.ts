// Drawing realistic values from the vocabulary: what one step costs, takes and writes, and the
// values of the newer engines' fields (labels, approval requirements, assignees, usage windows).
import type { ApprovalRequirement, LogStream, ProviderAccountWindow } from "../types.js";
import type { Random } from "./random.js";
import { formatTimestamp, NANOS_PER_MS, type Nanos } from "./timestamps.js";
import { uuidV7 } from "./uuid-v7.js";
import {
  APPROVAL_REASONS,
  APPROVER_GROUPS,
  COST_UNITS_PER_USD,
  LABEL_CHOICES,
  SYSTEM_LINES,
  USAGE_WINDOWS,
  USERNAMES,
  type StepTemplate,
} from "./vocabulary.js";

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

/** A run's labels: none now and then, else one to three of the usual keys. */
export function drawLabels(random: Random): Record<string, string> {
  const labels: Record<string, string> = {};
  if (random.chance(0.2)) return labels;
  const keys = Object.keys(LABEL_CHOICES);
  const count = random.int(1, 3);
  for (let i = 0; i < count; i++) {
    const key = random.pick(keys);
    labels[key] = random.pick(LABEL_CHOICES[key]!);
  }
  return labels;
}

/** What an approval gate asks for: `required` approvals, from some groups, with a reason when its rule gives one. */
export function drawRequirement(random: Random, required: number): ApprovalRequirement {
  const groups = [...APPROVER_GROUPS].filter(() => random.chance(0.35)).slice(0, 2);
  return { reason: random.pick(APPROVAL_REASONS), required_approvers: required, approver_groups: groups };
}

/** Who an escalation assigns the approval to: `user:<name>` or `group:<name>`. */
export function drawAssignee(random: Random, to: "user" | "group"): string {
  return to === "user" ? `user:${random.pick(USERNAMES)}` : `group:${random.pick(APPROVER_GROUPS)}`;
}

/**
 * One usage window of a provider account, observed a little before `at`: a share used from 0
 * to 1 (a float, as providers report it), the status that follows from it, and when it resets.
 */
export function drawWindow(accountId: string, random: Random, at: Nanos): ProviderAccountWindow {
  const kind = random.pick(USAGE_WINDOWS);
  const utilization = random.chance(0.08) ? 1 : random.chance(0.1) ? 0 : random.next();
  const status = utilization >= 1 ? "rejected" : utilization >= 0.8 ? "allowed_warning" : "allowed";
  const observed = at - BigInt(random.int(1_000, 120_000)) * NANOS_PER_MS - BigInt(random.int(0, 999_999));
  const resets = observed + BigInt(random.int(60_000, kind.hours * 3_600_000)) * NANOS_PER_MS;
  return {
    account_id: accountId,
    window: kind.window,
    utilization,
    resets_at: random.chance(0.85) ? formatTimestamp(resets - (resets % 1_000_000_000n)) : null,
    status,
    model_scope: kind.modelScope,
    observed_at: formatTimestamp(observed),
  };
}

/** A UUID v7 of some time before `at`: between `minMs` and `maxMs` milliseconds. */
export function idBefore(at: Nanos, minMs: number, maxMs: number, random: Random): string {
  return uuidV7(Number(at / NANOS_PER_MS) - random.int(minMs, maxMs), random);
}
