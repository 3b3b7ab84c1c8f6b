// makeRun: the events of one run, in order, as a consumer of the engine's stream sees them, for
// the engine version asked for: its statuses, its lifecycle, its events and fields.
import { describeValue } from "../describe.js";
import type { Format } from "../engine/index.js";
import type { EventAt, EventOf } from "../event.js";
import type { EventTypeMap, NewestEngine, RunStatus } from "../types.js";
import { drawAssignee, drawCostUnits, drawDuration, drawLabels, drawRequirement, usd } from "./draws.js";
import { inEngineOrder } from "./engine-order.js";
import { fieldsOfFormat, kitFormat, type KitEngineOptions } from "./kit-format.js";
import { canTransition } from "../lifecycle.js";
import { Random, seedOf } from "./random.js";
import {
  advance,
  formatTimestamp,
  NANOS_PER_MS,
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
  ESCALATION_POLICIES,
  ESCALATION_REASONS,
  rejectionError,
  SIGNALS,
  STEP_TEMPLATES,
  SYSTEM_LINES,
  USERNAMES,
  WORKFLOW_NAMES,
  type StepTemplate,
} from "./vocabulary.js";

/**
 * How a made run ends: completed; failed (a step fails); cancelled (while a step runs);
 * rejected (a reviewer rejects its approval, and the run fails); or, from engine 2.52, warning
 * (it completes, with warnings).
 * @example
 * const outcome: RunOutcome = "rejected";
 */
export type RunOutcome = "completed" | "failed" | "cancelled" | "rejected" | "warning";

/**
 * Every outcome of makeRun (warning only for an engine version whose runs end so: 2.52 on).
 * @example
 * for (const outcome of RUN_OUTCOMES) if (outcome !== "warning") expect(makeRun({ outcome, engine: "2.14" }).length).toBeGreaterThan(2);
 */
export const RUN_OUTCOMES: readonly RunOutcome[] = ["completed", "failed", "cancelled", "rejected", "warning"];

/**
 * The events that belong to a run of engine version `V` (the newest by default): those that
 * carry its `run_id`, and signal_received, which names it among the runs it resumed.
 * @example
 * const events: RunEvent[] = makeRun({ seed: 1 });
 * const seed: RunEvent<"2.14">[] = makeRun({ seed: 1, engine: "2.14" });
 */
export type RunEvent<V extends string = NewestEngine> =
  Extract<EventAt<V>, { run_id: string }> | Extract<EventAt<V>, { type: "signal_received" }>;

/**
 * Options of makeRun; anything left out is drawn from the seed. What a run of the engine
 * version may not do (sleep, wait for a signal, pause, escalate an approval, end in warning,
 * carry labels, on an engine before 2.52 or 2.20) is a TypeError when asked for, and never drawn.
 * @example
 * const options: MakeRunOptions = { seed: 7, outcome: "failed", steps: 3 };
 * const seed: MakeRunOptions<"2.14"> = { seed: 7, engine: "2.14", approval: true };
 */
export interface MakeRunOptions<V extends string = NewestEngine> extends KitEngineOptions<V> {
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
  /** Engine 2.20 on: the run's labels, on each status change and run_failed; drawn when left out. */
  labels?: Readonly<Record<string, string>>;
  /** Engine 2.52: whether the approval is escalated (approval_escalated) before it is decided; drawn. */
  escalate?: boolean;
  /** Engine 2.52: whether the run sleeps for a delay between steps (running → sleeping → pending → running); drawn. */
  sleep?: boolean;
  /**
   * Engine 2.52: whether the run waits for a signal between steps (signal_awaited, running →
   * sleeping, signal_received naming the run, sleeping → pending → running); drawn.
   */
  signal?: boolean;
  /** Engine 2.52: whether an operator pauses the run between steps and resumes it (running → paused → pending → running); drawn. */
  pause?: boolean;
}

const MAX_STEPS = 50;

/** What each engine-dependent option needs the format to have, and what to call it in a message. */
const NEEDS = {
  labels: { field: ["run_failed", "labels"], what: "labels" },
  escalate: { type: "approval_escalated", what: "escalated approvals" },
  sleep: { status: "sleeping", what: 'the status "sleeping"' },
  signal: { type: "signal_awaited", what: "signal events" },
  pause: { status: "paused", what: 'the status "paused"' },
  warning: { status: "warning", what: 'the status "warning"' },
} as const;

type Feature = keyof typeof NEEDS;

/** True when runs of `format` can do `feature`. */
function can(format: Format, feature: Feature): boolean {
  const need: { field?: readonly [string, string]; type?: string; status?: string } = NEEDS[feature];
  if (need.field !== undefined) return need.field[1] in (format.expectations[need.field[0]] ?? {});
  if (need.type !== undefined) return format.eventTypes.includes(need.type);
  return format.runStatuses.includes(need.status!);
}

/**
 * A realistic, consistent sequence of events for one run of engine version `options.engine`
 * (the newest modelled without it): run_created; the status changes that version's lifecycle
 * allows, from pending to the end; each step's log lines (with the step's ID) and its
 * step_completed or step_failed; an approval when asked for (from 2.52: the count of approvals
 * it needs, each one granted, escalations); from 2.52, sleeps, waits for a signal and an
 * operator's pause; run_failed beside a move to failed. One run_id, strictly increasing
 * timestamps, running totals of cost and duration. Every sequence passes `ironflow-events
 * validate --lifecycle=error --strict` with the same engine version. The same seed gives the
 * same events.
 * @example
 * const events = makeRun({ seed: 42, outcome: "failed" });
 * events[0].type; // "run_created"
 * events.at(-1)?.type; // "run_failed"
 * const seed = makeRun({ seed: 42, engine: "2.14" }); // engine 2.14's events and statuses only
 */
export function makeRun<const V extends string = NewestEngine>(
  options: MakeRunOptions<V> = {},
): [EventOf<"run_created", V>, ...RunEvent<V>[]] {
  const caller = "makeRun";
  if (typeof options !== "object" || options === null)
    throw new TypeError(`${caller}: options must be an object, got ${describeValue(options)}`);
  const format = kitFormat(options.engine, caller);
  const refuse = (asked: string, feature: Feature) => {
    throw new TypeError(
      `${caller}: ${asked} needs an engine version with ${NEEDS[feature].what}; engine ${format.range} has none`,
    );
  };
  const random = new Random(seedOf(options.seed, caller));
  const outcome = options.outcome ?? drawOutcome(random, can(format, "warning"));
  if (!RUN_OUTCOMES.includes(outcome))
    throw new TypeError(`${caller}: outcome must be one of ${RUN_OUTCOMES.join(", ")}, got ${describeValue(outcome)}`);
  if (outcome === "warning" && !can(format, "warning")) refuse('outcome "warning"', "warning");
  if (outcome === "rejected" && options.approval === false)
    throw new TypeError(
      `${caller}: outcome "rejected" needs an approval to reject; leave approval out or set it to true`,
    );
  const steps = options.steps ?? random.int(2, 5);
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_STEPS)
    throw new TypeError(`${caller}: steps must be a whole number from 1 to ${MAX_STEPS}, got ${describeValue(steps)}`);
  if (options.workflowName !== undefined && typeof options.workflowName !== "string")
    throw new TypeError(`${caller}: workflowName must be a string, got ${describeValue(options.workflowName)}`);
  if (options.labels !== undefined) {
    if (!can(format, "labels")) refuse("labels", "labels");
    const labels: unknown = options.labels;
    if (
      labels === null ||
      typeof labels !== "object" ||
      Array.isArray(labels) ||
      Object.values(labels).some((value) => typeof value !== "string")
    )
      throw new TypeError(`${caller}: labels must be an object of strings, got ${describeValue(labels)}`);
  }
  const approval = outcome === "rejected" || (options.approval ?? random.chance(0.35));
  const retry = options.retry ?? random.chance(0.2);
  // Each of the newer engines' doings: as asked (refused where the format cannot), else drawn where it can.
  const doing = (feature: Exclude<Feature, "labels" | "warning">, asked: boolean | undefined, p: number) => {
    if (asked === true && !can(format, feature)) refuse(feature, feature);
    const drawn = random.chance(p); // drawn whatever is asked, so that the other choices stay the same
    return can(format, feature) && (asked ?? drawn);
  };
  const escalate = doing("escalate", options.escalate, 0.4) && approval;
  const sleep = doing("sleep", options.sleep, 0.15);
  const signal = doing("signal", options.signal, 0.15);
  const pause = doing("pause", options.pause, 0.1);
  const labels = can(format, "labels") ? { ...(options.labels ?? drawLabels(random)) } : undefined;
  const run = new RunWriter(
    random,
    format,
    startInstant(options.start, random, caller),
    options.workflowName ?? random.pick(WORKFLOW_NAMES),
    labels,
  );
  run.play(planSteps(random, steps), { outcome, approval, retry, escalate, sleep, signal, pause });
  // Typed as a run_created and the rest: the first event's run_id is the run's, without a narrowing.
  return run.events as [EventOf<"run_created", V>, ...RunEvent<V>[]];
}

function drawOutcome(random: Random, warning: boolean): RunOutcome {
  const r = random.next();
  if (warning && r >= 0.57 && r < 0.65) return "warning";
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

/** What a run does, decided before it is played. */
interface Play {
  outcome: RunOutcome;
  approval: boolean;
  retry: boolean;
  escalate: boolean;
  sleep: boolean;
  signal: boolean;
  pause: boolean;
}

/** The newest format's variants a run emits, by type; an older format's events have some of the fields. */
type RunVariant<T> = T extends keyof EventTypeMap ? Omit<EventTypeMap[T], "type" | "at"> : never;
type RunType = RunEvent["type"];

/** Writes one run's events while keeping its clock, status and running totals. */
class RunWriter {
  readonly events: RunEvent<string>[] = [];
  private readonly resolution: ClockResolution;
  private readonly runId: string;
  private status: RunStatus = "pending";
  private costUnits = 0;
  private durationMs = 0;

  constructor(
    private readonly random: Random,
    private readonly format: Format,
    private now: Nanos,
    private readonly workflowName: string,
    private readonly labels: Record<string, string> | undefined,
  ) {
    this.resolution = pickResolution(random);
    this.now -= this.now % BigInt(this.resolution);
    this.runId = uuidV7(toMillis(this.now), random);
  }

  play(plan: StepTemplate[], how: Play): void {
    const { outcome } = how;
    const { random } = this;
    this.emit("run_created", { run_id: this.runId, workflow_name: this.workflowName });
    this.tick(random.int(20, 1_500));
    this.move("running");
    // Where things happen: the approval after some step, the retried step, the last step run,
    // the step a warning comes from, and the breaks between steps (a sleep, a signal, a pause).
    const approvalAfter = how.approval ? random.int(0, plan.length - 1) : -1;
    const ending = outcome === "failed" || outcome === "cancelled" ? random.int(0, plan.length - 1) : plan.length - 1;
    const retried = how.retry ? random.int(0, ending) : -1;
    const warned = outcome === "warning" ? random.int(0, ending) : -1;
    const breaks = {
      sleep: how.sleep ? random.int(0, ending) : -1,
      signal: how.signal ? random.int(0, ending) : -1,
      pause: how.pause ? random.int(0, ending) : -1,
    };
    for (let i = 0; i <= ending; i++) {
      const last = i === ending;
      const template = plan[i]!;
      if (i === breaks.sleep) this.sleepFor();
      if (i === breaks.signal) this.awaitSignal();
      if (i === breaks.pause) this.pauseAndResume();
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
      this.step(template, "complete", i === warned);
      if (i === approvalAfter && !this.approve(outcome === "rejected", how.escalate)) return;
    }
    this.tick(random.int(5, 300));
    this.move(outcome === "warning" ? "warning" : "completed");
  }

  /** One step: its log lines, then how it ends. Returns the error of a failed step. */
  private step(template: StepTemplate, end: "complete" | "fail" | "cancel", mustWarn = false): string {
    const { random } = this;
    this.tick(random.int(5, 400));
    const stepId = uuidV7(toMillis(this.now), random);
    const log = (stream: "stdout" | "stderr" | "system", line: string) =>
      this.emit("log_line", {
        id: uuidV7(toMillis(this.now), random),
        run_id: this.runId,
        step_id: stepId,
        step_name: template.name,
        stream,
        line,
      });
    log("system", SYSTEM_LINES.start(template.name));
    const duration = drawDuration(template, random);
    const lines = template.stdout.slice(0, end === "complete" ? undefined : random.int(1, template.stdout.length));
    const drawnWarning = template.stderr.length > 0 && random.chance(end === "fail" ? 0.8 : 0.2);
    const warn = mustWarn || drawnWarning;
    const slice = duration / (lines.length + (warn ? 2 : 1));
    for (const line of lines) {
      this.tick(slice);
      log("stdout", line);
    }
    if (warn) {
      this.tick(slice);
      // A step without warnings of its own warns as the engine would: on stderr, about itself.
      log("stderr", template.stderr.length > 0 ? random.pick(template.stderr) : `warning: ${template.name} was slow`);
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

  /**
   * The run waits for reviewers: the approvals its gate requires (one before engine 2.52, which
   * counts them), escalations while no one decides; false when a reviewer rejects it (the run
   * has then failed).
   */
  private approve(rejected: boolean, escalate: boolean): boolean {
    const { random } = this;
    this.tick(random.int(5, 200));
    const stepId = uuidV7(toMillis(this.now), random);
    const stepName = random.pick(APPROVAL_STEP_NAMES);
    const counted = "approvals_required" in (this.format.expectations.approval_granted ?? {});
    const required = counted && random.chance(0.4) ? random.int(2, 3) : 1;
    const requirement = required === 1 && random.chance(0.5) ? null : drawRequirement(random, required);
    this.emit("approval_requested", {
      run_id: this.runId,
      step_id: stepId,
      message: random.pick(APPROVAL_MESSAGES),
      requirement,
    });
    this.tick(random.int(1, 30));
    this.move("awaiting_approval");
    const started = this.now;
    if (escalate) {
      const stages = random.int(1, 2);
      for (let stage = 1; stage <= stages; stage++) {
        this.tick(random.int(15 * 60_000, 90 * 60_000));
        const escalation = random.pick(ESCALATION_POLICIES.filter((each) => each.to !== "none"));
        this.emit("approval_escalated", {
          run_id: this.runId,
          step_id: stepId,
          step_name: stepName,
          stage,
          policy: escalation.policy,
          action: escalation.action,
          reason: random.pick(ESCALATION_REASONS),
          assignee: escalation.to === "none" ? null : drawAssignee(random, escalation.to),
        });
      }
    }
    const reviewers = [...USERNAMES];
    const reviewer = () => reviewers.splice(random.int(0, reviewers.length - 1), 1)[0]!;
    this.tick(random.int(15_000, 180_000));
    if (rejected) {
      const by = reviewer();
      this.emit("approval_rejected", { run_id: this.runId, step_id: stepId, rejected_by: by, requirement });
      this.durationMs += toMillis(this.now - started);
      this.tick(random.int(5, 200));
      this.fail(rejectionError(by));
      return false;
    }
    for (let received = 1; received <= required; received++) {
      if (received > 1) this.tick(random.int(30_000, 1_800_000));
      this.emit("approval_granted", {
        run_id: this.runId,
        step_id: stepId,
        approved_by: reviewer(),
        approvals_received: received,
        approvals_required: required,
        requirement,
      });
    }
    const waited = toMillis(this.now - started);
    this.durationMs += waited;
    this.tick(random.int(5, 200));
    // Engine 2.52 may requeue the approved run for a worker (awaiting_approval → pending → running).
    if (canTransition("awaiting_approval", "pending", this.engine) && random.chance(0.3)) {
      this.move("pending");
      this.tick(random.int(20, 2_000));
    }
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

  /** A delay between steps: the run sleeps, the timer wakes it, a worker picks it up. */
  private sleepFor(): void {
    const { random } = this;
    this.tick(random.int(5, 200));
    this.move("sleeping");
    const slept = random.int(60_000, 30 * 60_000);
    this.tick(slept);
    this.durationMs += slept;
    this.move("pending");
    this.tick(random.int(20, 2_000));
    this.move("running");
  }

  /** A wait for a signal between steps: the run sleeps until the signal comes, and resumes. */
  private awaitSignal(): void {
    const { random } = this;
    this.tick(random.int(5, 200));
    const signal = random.pick(SIGNALS);
    const key = signal.key(random.int(1, 9_999));
    const deadline = this.now + BigInt(random.int(3_600_000, 3 * 86_400_000)) * NANOS_PER_MS;
    this.emit("signal_awaited", {
      run_id: this.runId,
      step_id: uuidV7(toMillis(this.now), random),
      step_name: signal.stepName,
      name: signal.name,
      key,
      deadline_at: formatTimestamp(deadline - (deadline % BigInt(this.resolution))),
    });
    this.tick(random.int(1, 30));
    this.move("sleeping");
    const waited = random.int(30_000, 3_600_000);
    this.tick(waited);
    this.durationMs += waited;
    // The signal resumes every run waiting for it: this one, and now and then another.
    const others = random.chance(0.3) ? [uuidV7(toMillis(this.now) - random.int(60_000, 3_600_000), random)] : [];
    this.emitAt({
      type: "signal_received",
      signal_id: uuidV7(toMillis(this.now), random),
      name: signal.name,
      key,
      resumed_runs: random.chance(0.5) ? [this.runId, ...others] : [...others, this.runId],
    });
    this.tick(random.int(1, 50));
    this.move("pending");
    this.tick(random.int(20, 2_000));
    this.move("running");
  }

  /** An operator pauses the run between steps, and resumes it: it queues for a worker again. */
  private pauseAndResume(): void {
    const { random } = this;
    this.tick(random.int(5, 200));
    this.move("paused");
    const paused = random.int(60_000, 60 * 60_000);
    this.tick(paused);
    this.durationMs += paused;
    this.move("pending");
    this.tick(random.int(20, 2_000));
    this.move("running");
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
      labels: { ...this.labels },
    });
  }

  private get engine(): { engine: string } {
    return { engine: this.format.first };
  }

  private move(to: RunStatus, error: string | null = null): void {
    if (!canTransition(this.status, to, this.engine) || to === this.status)
      throw new Error(`makeRun: no move from ${this.status} to ${to}`); // a bug here
    this.emit("run_status_changed", {
      run_id: this.runId,
      workflow_name: this.workflowName,
      from: this.status as EventTypeMap["run_status_changed"]["from"],
      to: to as EventTypeMap["run_status_changed"]["to"],
      error,
      cost_usd: usd(this.costUnits),
      duration_ms: this.durationMs,
      labels: { ...this.labels },
    });
    this.status = to;
  }

  /** Time passes: `ms` and a random part of a millisecond, strictly forward at the clock's resolution. */
  private tick(ms: number): void {
    const next = advance(this.now, ms, this.random, this.resolution);
    this.now = next > this.now ? next : this.now + BigInt(this.resolution);
  }

  private emit<T extends Exclude<RunType, "signal_received">>(type: T, fields: RunVariant<T>): void {
    this.emitAt({ type, ...fields } as never);
  }

  /** An event now: `at` the clock's time, only the fields the format has, in the engine's order. */
  private emitAt(event: { type: RunType } & Record<string, unknown>): void {
    const { type, ...fields } = event;
    const kept = fieldsOfFormat(this.format, type, { ...fields, at: formatTimestamp(this.now) });
    this.events.push(inEngineOrder<RunEvent<string>>(type, kept as never));
  }
}
