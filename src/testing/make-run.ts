// makeRun: the events of one run, in order, as a consumer of the engine's stream sees them.
import { describeValue } from "../describe.js";
import { canTransition } from "../lifecycle.js";
import { KIT_ENGINE, type KitEvent, type KitEventOf, type KitEventType, type KitRunStatus } from "./kit-format.js";
import { drawCostUnits, drawDuration, usd } from "./draws.js";
import { inEngineOrder } from "./engine-order.js";
import { Random, seedOf } from "./random.js";
import {
  advance,
  formatTimestamp,
  pickResolution,
  startInstant,
  toMillis,
  type ClockResolution,
  type Nanos,
} from "./timestamps.js";
import { uuidV7 } from "./uuid-v7.js";
import {
  APPROVAL_MESSAGES,
  APPROVAL_STEP_NAMES,
  rejectionError,
  STEP_TEMPLATES,
  SYSTEM_LINES,
  USERNAMES,
  WORKFLOW_NAMES,
  type StepTemplate,
} from "./vocabulary.js";

/**
 * How a made run ends: completed; failed (a step fails); cancelled (while a step runs); or
 * rejected (a reviewer rejects its approval, and the run fails).
 * @example
 * const outcome: RunOutcome = "rejected";
 */
export type RunOutcome = "completed" | "failed" | "cancelled" | "rejected";

/**
 * Every outcome of makeRun.
 * @example
 * for (const outcome of RUN_OUTCOMES) expect(makeRun({ outcome }).length).toBeGreaterThan(2);
 */
export const RUN_OUTCOMES: readonly RunOutcome[] = ["completed", "failed", "cancelled", "rejected"];

/**
 * The events that belong to a run (everything but the user events).
 * @example
 * const events: RunEvent[] = makeRun({ seed: 1 });
 */
export type RunEvent = Exclude<KitEvent, { type: "user_signed_in" | "user_signed_up" | "user_signed_out" }>;

/**
 * Options of makeRun; anything left out is drawn from the seed.
 * @example
 * const options: MakeRunOptions = { seed: 7, outcome: "failed", steps: 3 };
 */
export interface MakeRunOptions {
  /** The same seed (an integer from 0 to 4294967295) gives the same run; without it, a random one. */
  seed?: number;
  /** When the run is created; by default a time in 2026 drawn from the seed. */
  start?: Date | string | number;
  workflowName?: string;
  /** How the run ends; drawn when left out (mostly completed). */
  outcome?: RunOutcome;
  /** How many steps run, besides an approval: 1 to 50 (fewer run when the run stops early). */
  steps?: number;
  /** Whether the run waits for a human's approval (always for outcome "rejected"). */
  approval?: boolean;
  /** Whether a step fails once and the run retries it (running → retrying → running). */
  retry?: boolean;
}

const MAX_STEPS = 50;

/**
 * A realistic, consistent sequence of events for one run: run_created; the status changes the
 * lifecycle allows, from pending to the end; each step's log lines (with the step's ID) and
 * its step_completed or step_failed; an approval when asked for; run_failed beside a move to
 * failed. One run_id, strictly increasing timestamps, running totals of cost and duration.
 * Every sequence passes `ironflow-events validate --lifecycle=error`. The same seed gives the
 * same events.
 * @example
 * const events = makeRun({ seed: 42, outcome: "failed" });
 * events[0].type; // "run_created"
 * events.at(-1)?.type; // "run_failed"
 */
export function makeRun(options: MakeRunOptions = {}): RunEvent[] {
  const caller = "makeRun";
  if (typeof options !== "object" || options === null)
    throw new TypeError(`${caller}: options must be an object, got ${describeValue(options)}`);
  const random = new Random(seedOf(options.seed, caller));
  const outcome = options.outcome ?? drawOutcome(random);
  if (!RUN_OUTCOMES.includes(outcome))
    throw new TypeError(`${caller}: outcome must be one of ${RUN_OUTCOMES.join(", ")}, got ${describeValue(outcome)}`);
  if (outcome === "rejected" && options.approval === false)
    throw new TypeError(
      `${caller}: outcome "rejected" needs an approval to reject; leave approval out or set it to true`,
    );
  const steps = options.steps ?? random.int(2, 5);
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_STEPS)
    throw new TypeError(`${caller}: steps must be a whole number from 1 to ${MAX_STEPS}, got ${describeValue(steps)}`);
  if (options.workflowName !== undefined && typeof options.workflowName !== "string")
    throw new TypeError(`${caller}: workflowName must be a string, got ${describeValue(options.workflowName)}`);
  const approval = outcome === "rejected" || (options.approval ?? random.chance(0.35));
  const retry = options.retry ?? random.chance(0.2);
  const run = new RunWriter(
    random,
    startInstant(options.start, random, caller),
    options.workflowName ?? random.pick(WORKFLOW_NAMES),
  );
  run.play(planSteps(random, steps), { outcome, approval, retry });
  return run.events;
}

function drawOutcome(random: Random): RunOutcome {
  const r = random.next();
  return r < 0.65 ? "completed" : r < 0.85 ? "failed" : r < 0.93 ? "cancelled" : "rejected";
}

/** `count` step templates: the catalogue shuffled, repeated when more are asked for. */
function planSteps(random: Random, count: number): StepTemplate[] {
  const plan: StepTemplate[] = [];
  while (plan.length < count) {
    const deck = [...STEP_TEMPLATES];
    for (let i = deck.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [deck[i], deck[j]] = [deck[j]!, deck[i]!];
    }
    plan.push(...deck.slice(0, count - plan.length));
  }
  return plan;
}

/** Writes one run's events while keeping its clock, status and running totals. */
class RunWriter {
  readonly events: RunEvent[] = [];
  private readonly resolution: ClockResolution;
  private readonly runId: string;
  private status: KitRunStatus = "pending";
  private costUnits = 0;
  private durationMs = 0;

  constructor(
    private readonly random: Random,
    private now: Nanos,
    private readonly workflowName: string,
  ) {
    this.resolution = pickResolution(random);
    this.now -= this.now % BigInt(this.resolution);
    this.runId = uuidV7(toMillis(this.now), random);
  }

  play(plan: StepTemplate[], how: { outcome: RunOutcome; approval: boolean; retry: boolean }): void {
    const { outcome } = how;
    const { random } = this;
    this.emit("run_created", { run_id: this.runId, workflow_name: this.workflowName });
    this.tick(random.int(20, 1_500));
    this.move("running");
    // Where things happen: the approval after some step, the retried step, the last step run.
    const approvalAfter = how.approval ? random.int(0, plan.length - 1) : -1;
    const ending = outcome === "failed" || outcome === "cancelled" ? random.int(0, plan.length - 1) : plan.length - 1;
    const retried = how.retry ? random.int(0, ending) : -1;
    for (let i = 0; i <= ending; i++) {
      const last = i === ending;
      const template = plan[i]!;
      if (i === retried && !(last && outcome === "cancelled")) {
        this.step(template, "fail");
        this.tick(random.int(5, 200));
        this.move("retrying");
        this.tick(random.int(1_000, 10_000));
        this.move("running");
      }
      if (last && outcome === "failed") {
        const error = this.step(template, "fail");
        return this.fail(error);
      }
      if (last && outcome === "cancelled") {
        this.step(template, "cancel");
        return;
      }
      this.step(template, "complete");
      if (i === approvalAfter && !this.approve(outcome === "rejected")) return;
    }
    this.tick(random.int(5, 300));
    this.move("completed");
  }

  /** One step: its log lines, then how it ends. Returns the error of a failed step. */
  private step(template: StepTemplate, end: "complete" | "fail" | "cancel"): string {
    const { random } = this;
    this.tick(random.int(5, 400));
    const stepId = uuidV7(toMillis(this.now), random);
    const log = (stream: "stdout" | "stderr" | "system", line: string) =>
      this.emit("log_line", {
        run_id: this.runId,
        step_id: stepId,
        step_name: template.name,
        stream,
        line,
      });
    log("system", SYSTEM_LINES.start(template.name));
    const duration = drawDuration(template, random);
    const lines = template.stdout.slice(0, end === "complete" ? undefined : random.int(1, template.stdout.length));
    const warn = template.stderr.length > 0 && random.chance(end === "fail" ? 0.8 : 0.2);
    const slice = duration / (lines.length + (warn ? 2 : 1));
    for (const line of lines) {
      this.tick(slice);
      log("stdout", line);
    }
    if (warn) {
      this.tick(slice);
      log("stderr", random.pick(template.stderr));
    }
    this.tick(slice);
    this.durationMs += duration;
    if (end === "cancel") {
      log("system", SYSTEM_LINES.cancel(template.name));
      this.tick(random.int(1, 50));
      this.move("cancelled");
      return "";
    }
    if (end === "fail") {
      const error = random.pick(template.errors);
      this.emit("step_failed", {
        run_id: this.runId,
        step_id: stepId,
        step_name: template.name,
        kind: template.kind,
        error,
      });
      return error;
    }
    const cost = drawCostUnits(template, random);
    this.costUnits += cost;
    this.emit("step_completed", {
      run_id: this.runId,
      step_id: stepId,
      step_name: template.name,
      kind: template.kind,
      duration_ms: duration,
      cost_usd: usd(cost),
    });
    return "";
  }

  /** The run waits for a reviewer; false when the reviewer rejects it (the run has then failed). */
  private approve(rejected: boolean): boolean {
    const { random } = this;
    this.tick(random.int(5, 200));
    const stepId = uuidV7(toMillis(this.now), random);
    const stepName = random.pick(APPROVAL_STEP_NAMES);
    this.emit("approval_requested", { run_id: this.runId, step_id: stepId, message: random.pick(APPROVAL_MESSAGES) });
    this.tick(random.int(1, 30));
    this.move("awaiting_approval");
    const waited = random.int(15_000, 180_000);
    this.tick(waited);
    this.durationMs += waited;
    const reviewer = random.pick(USERNAMES);
    if (rejected) {
      this.emit("approval_rejected", { run_id: this.runId, rejected_by: reviewer });
      this.tick(random.int(5, 200));
      this.fail(rejectionError(reviewer));
      return false;
    }
    this.emit("approval_granted", { run_id: this.runId, approved_by: reviewer });
    this.tick(random.int(5, 200));
    this.move("running");
    this.tick(random.int(1, 30));
    this.emit("step_completed", {
      run_id: this.runId,
      step_id: stepId,
      step_name: stepName,
      kind: "approval",
      duration_ms: waited,
      cost_usd: 0,
    });
    return true;
  }

  /** The move to failed, and run_failed beside it, as the engine emits them. */
  private fail(error: string): void {
    this.tick(this.random.int(1, 50));
    this.move("failed", error);
    this.tick(0);
    this.emit("run_failed", {
      run_id: this.runId,
      workflow_name: this.workflowName,
      error,
      cost_usd: usd(this.costUnits),
      duration_ms: this.durationMs,
    });
  }

  private move(to: KitRunStatus, error: string | null = null): void {
    if (!canTransition(this.status, to, { engine: KIT_ENGINE }))
      throw new Error(`makeRun: no move from ${this.status} to ${to}`); // a bug here
    this.emit("run_status_changed", {
      run_id: this.runId,
      workflow_name: this.workflowName,
      from: this.status,
      to,
      error,
      cost_usd: usd(this.costUnits),
      duration_ms: this.durationMs,
    });
    this.status = to;
  }

  /** Time passes: `ms` and a random part of a millisecond, strictly forward at the clock's resolution. */
  private tick(ms: number): void {
    const next = advance(this.now, ms, this.random, this.resolution);
    this.now = next > this.now ? next : this.now + BigInt(this.resolution);
  }

  private emit<T extends Exclude<KitEventType, "user_signed_in" | "user_signed_up" | "user_signed_out">>(
    type: T,
    fields: Omit<KitEventOf<T>, "type" | "at">,
  ): void {
    this.events.push(
      inEngineOrder(type, { ...fields, at: formatTimestamp(this.now) } as Omit<KitEventOf<T>, "type">) as RunEvent,
    );
  }
}
