// makeEvent: one valid event of a given type, as the engine of a given version writes it, with
// realistic content.
import { PROVIDER_ACCOUNT_CHANGES, SCHEDULE_MISS_REASONS } from "../../generated/constants.js";
import { describeValue } from "../describe.js";
import type { Format } from "../engine/index.js";
import { formatIssue } from "../errors.js";
import type { EventOf, EventTypeAt } from "../event.js";
import type { EventType, EventTypeMap, NewestEngine, RunStatus } from "../types.js";
import { validateEvent } from "../validate.js";
import {
  drawAssignee,
  drawCostUnits,
  drawDuration,
  drawLabels,
  drawLine,
  drawRequirement,
  drawStream,
  drawWindow,
  idBefore,
  usd,
} from "./draws.js";
import { inEngineOrder } from "./engine-order.js";
import { fieldsOfFormat, kitFormat, notAnEventType, type KitEngineOptions } from "./kit-format.js";
import { isTerminal, nextStatuses } from "../lifecycle.js";
import { Random, seedOf } from "./random.js";
import { formatTimestamp, NANOS_PER_MS, pickResolution, startInstant, toMillis, type Nanos } from "./timestamps.js";
import { uuidV7 } from "./uuid-v7.js";
import {
  APPROVAL_MESSAGES,
  APPROVAL_STEP_NAMES,
  ESCALATION_POLICIES,
  ESCALATION_REASONS,
  PROVIDER_ACCOUNT_NAMES,
  SCHEDULE_INTERVALS_MIN,
  SIGNALS,
  STEP_TEMPLATES,
  USERNAMES,
  WORKFLOW_NAMES,
  WORKFLOW_VERSIONS,
} from "./vocabulary.js";

/**
 * Fields to set on a made event of type `T` of engine version `V` (the newest by default): any
 * of its fields but `type`, type-checked against that version's variant (a field it does not
 * have, or a value of the wrong type, is a compile error).
 * @example
 * const overrides: EventOverrides<"run_failed"> = { workflow_name: "deploy", error: "disk full", labels: { env: "prod" } };
 * const seed: EventOverrides<"run_failed", "2.14"> = { workflow_name: "deploy" }; // no labels at 2.14
 */
export type EventOverrides<T extends EventTypeAt<V>, V extends string = NewestEngine> = Partial<
  Omit<EventOf<T, V>, "type">
>;

/**
 * Options of makeEvent: the seed, and the engine version whose event to make.
 * @example
 * const options: MakeEventOptions = { seed: 7 };
 * const older: MakeEventOptions<"2.31.4"> = { seed: 7, engine: "2.31.4" };
 */
export interface MakeEventOptions<V extends string = NewestEngine> extends KitEngineOptions<V> {
  /** The same seed (an integer from 0 to 4294967295) gives the same event; without it, a random one. */
  seed?: number;
}

/** The fields of each type of the newest format; an older format's event has some of them. */
type Builders = {
  [T in EventType]: (random: Random, at: Nanos, format: Format) => Omit<EventTypeMap[T], "type">;
};

const MS_PER_DAY = 86_400_000;

/** A run started some minutes before `at`: its ID's time. */
const runIdBefore = (at: Nanos, random: Random) => idBefore(at, 1_000, 600_000, random);
const stepIdBefore = (at: Nanos, random: Random) => idBefore(at, 50, 120_000, random);
/** Users signed up, schedules and accounts were made, some days before. */
const daysBefore = (at: Nanos, random: Random) => idBefore(at, MS_PER_DAY, 400 * MS_PER_DAY, random);
const steps = STEP_TEMPLATES;
const later = (at: Nanos, minMs: number, maxMs: number, random: Random) =>
  formatTimestamp(at + BigInt(random.int(minMs, maxMs)) * NANOS_PER_MS);

/** An approval gate's count of approvals: mostly one, sometimes two or three. */
const drawRequired = (random: Random) => (random.chance(0.6) ? 1 : random.int(2, 3));

const BUILDERS: Builders = {
  run_created: (random, at) => ({
    run_id: uuidV7(toMillis(at), random),
    workflow_name: random.pick(WORKFLOW_NAMES),
    at: formatTimestamp(at),
  }),
  run_status_changed: (random, at, format) => {
    // A move the format's lifecycle allows, between its statuses.
    const engine = { engine: format.first };
    // A format's statuses are among the newest's (formats only add), which the lifecycle types.
    const statuses = format.runStatuses as readonly RunStatus[];
    const from = random.pick(statuses.filter((status) => !isTerminal(status, engine)));
    const to = random.pick(nextStatuses(from, engine).filter((status) => status !== from));
    const started = from !== "pending";
    return {
      run_id: runIdBefore(at, random),
      workflow_name: random.pick(WORKFLOW_NAMES),
      from: from as EventTypeMap["run_status_changed"]["from"],
      to: to as EventTypeMap["run_status_changed"]["to"],
      error: to === "failed" ? random.pick(random.pick(steps).errors) : null,
      cost_usd: started ? usd(drawCostUnits(random.pick(steps), random)) : 0,
      duration_ms: started ? random.int(1_000, 900_000) : 0,
      labels: drawLabels(random),
      at: formatTimestamp(at),
    };
  },
  run_failed: (random, at) => ({
    run_id: runIdBefore(at, random),
    workflow_name: random.pick(WORKFLOW_NAMES),
    error: random.pick(random.pick(steps).errors),
    cost_usd: usd(drawCostUnits(random.pick(steps), random)),
    duration_ms: random.int(1_000, 900_000),
    labels: drawLabels(random),
    at: formatTimestamp(at),
  }),
  run_budget_exceeded: (random, at) => {
    // The cap in whole dollars; spent close to it; the next step's budget would cross it.
    const limitUnits = random.pick([2, 5, 10, 25, 50]) * 10_000;
    const spentUnits = limitUnits - random.int(0, limitUnits / 10);
    return {
      run_id: runIdBefore(at, random),
      workflow_name: random.pick(WORKFLOW_NAMES),
      limit_usd: usd(limitUnits),
      spent_usd: usd(spentUnits),
      step_budget_usd: usd(limitUnits - spentUnits + random.int(1, 30_000)),
      at: formatTimestamp(at),
    };
  },
  retry_forced: (random, at) => {
    const from = random.int(0, WORKFLOW_VERSIONS.length - 2);
    return {
      run_id: runIdBefore(at, random),
      workflow_name: random.pick(WORKFLOW_NAMES),
      original_version: WORKFLOW_VERSIONS[from]!,
      current_version: WORKFLOW_VERSIONS[random.int(from + 1, WORKFLOW_VERSIONS.length - 1)]!,
      at: formatTimestamp(at),
    };
  },
  step_completed: (random, at) => {
    const step = random.pick(steps);
    return {
      run_id: runIdBefore(at, random),
      step_id: stepIdBefore(at, random),
      step_name: step.name,
      kind: step.kind,
      duration_ms: drawDuration(step, random),
      cost_usd: usd(drawCostUnits(step, random)),
      at: formatTimestamp(at),
    };
  },
  step_failed: (random, at) => {
    const step = random.pick(steps);
    return {
      run_id: runIdBefore(at, random),
      step_id: stepIdBefore(at, random),
      step_name: step.name,
      kind: step.kind,
      error: random.pick(step.errors),
      at: formatTimestamp(at),
    };
  },
  approval_requested: (random, at) => {
    const required = drawRequired(random);
    return {
      run_id: runIdBefore(at, random),
      step_id: uuidV7(toMillis(at), random),
      message: random.pick(APPROVAL_MESSAGES),
      requirement: required === 1 && random.chance(0.5) ? null : drawRequirement(random, required),
      at: formatTimestamp(at),
    };
  },
  approval_granted: (random, at) => {
    const required = drawRequired(random);
    return {
      run_id: runIdBefore(at, random),
      step_id: random.chance(0.9) ? stepIdBefore(at, random) : null,
      approved_by: random.pick(USERNAMES),
      approvals_received: random.int(1, required),
      approvals_required: required,
      requirement: required === 1 && random.chance(0.5) ? null : drawRequirement(random, required),
      at: formatTimestamp(at),
    };
  },
  approval_rejected: (random, at) => {
    const required = drawRequired(random);
    return {
      run_id: runIdBefore(at, random),
      step_id: random.chance(0.9) ? stepIdBefore(at, random) : null,
      rejected_by: random.pick(USERNAMES),
      requirement: required === 1 && random.chance(0.5) ? null : drawRequirement(random, required),
      at: formatTimestamp(at),
    };
  },
  approval_escalated: (random, at) => {
    const escalation = random.pick(ESCALATION_POLICIES);
    return {
      run_id: runIdBefore(at, random),
      step_id: stepIdBefore(at, random),
      step_name: random.pick(APPROVAL_STEP_NAMES),
      stage: random.int(1, 3),
      policy: escalation.policy,
      action: escalation.action,
      reason: random.pick(ESCALATION_REASONS),
      assignee: escalation.to === "none" ? null : drawAssignee(random, escalation.to),
      at: formatTimestamp(at),
    };
  },
  log_line: (random, at) => {
    const step = random.pick(steps);
    const { stream, line } = drawLine(step, drawStream(random), random);
    return {
      id: uuidV7(toMillis(at), random),
      run_id: runIdBefore(at, random),
      step_id: stepIdBefore(at, random),
      step_name: step.name,
      stream,
      line,
      at: formatTimestamp(at),
    };
  },
  user_signed_in: (random, at) => ({
    user_id: daysBefore(at, random),
    username: random.pick(USERNAMES),
    at: formatTimestamp(at),
  }),
  user_signed_up: (random, at) => ({
    user_id: uuidV7(toMillis(at), random),
    username: random.pick(USERNAMES),
    at: formatTimestamp(at),
  }),
  user_signed_out: (random, at) => ({
    user_id: daysBefore(at, random),
    at: formatTimestamp(at),
  }),
  "provider_account.updated": (random, at) => {
    const change = random.pick(PROVIDER_ACCOUNT_CHANGES);
    return {
      account_id: change === "created" ? uuidV7(toMillis(at), random) : daysBefore(at, random),
      name: random.pick(PROVIDER_ACCOUNT_NAMES),
      change,
      at: formatTimestamp(at),
    };
  },
  "provider_account.usage_updated": (random, at) => {
    const accountId = daysBefore(at, random);
    const windows = Array.from({ length: random.int(1, 3) }, () => drawWindow(accountId, random, at));
    return {
      account_id: accountId,
      name: random.pick(PROVIDER_ACCOUNT_NAMES),
      windows,
      at: formatTimestamp(at),
    };
  },
  signal_awaited: (random, at) => {
    const signal = random.pick(SIGNALS);
    return {
      run_id: runIdBefore(at, random),
      step_id: uuidV7(toMillis(at), random),
      step_name: signal.stepName,
      name: signal.name,
      key: signal.key(random.int(1, 9_999)),
      deadline_at: later(at, 3_600_000, 3 * MS_PER_DAY, random),
      at: formatTimestamp(at),
    };
  },
  signal_received: (random, at) => {
    const signal = random.pick(SIGNALS);
    return {
      signal_id: uuidV7(toMillis(at), random),
      name: signal.name,
      key: signal.key(random.int(1, 9_999)),
      resumed_runs: Array.from({ length: random.int(0, 2) }, () => runIdBefore(at, random)),
      at: formatTimestamp(at),
    };
  },
  schedule_occurrences_missed: (random, at) => {
    // `count` occurrences a fixed interval apart, the last some minutes before the event.
    const interval = BigInt(random.pick(SCHEDULE_INTERVALS_MIN)) * 60_000n * NANOS_PER_MS;
    const count = random.int(1, 48);
    const last = at - (at % 60_000_000_000n) - BigInt(random.int(0, 30)) * 60_000_000_000n;
    return {
      schedule_id: daysBefore(at, random),
      workflow_name: random.pick(WORKFLOW_NAMES),
      reason: random.pick(SCHEDULE_MISS_REASONS),
      count,
      first: formatTimestamp(last - BigInt(count - 1) * interval),
      last: formatTimestamp(last),
      at: formatTimestamp(at),
    };
  },
};

/**
 * A valid event of `type` as the engine of `options.engine` writes it (the newest modelled
 * without it): UUID v7 IDs, a timestamp with the engine's fraction digits (9, or 6 from a
 * microsecond clock), realistic names, costs, durations, labels, approval counts and usage
 * windows, and only the fields and statuses that version has. `overrides` sets fields
 * (type-checked against that version's variant). The result always passes parseEvent with the
 * same `engine`: overrides that would make it invalid throw a TypeError that names the field
 * and what it must be. A type the version does not have is a TypeError naming the version. The
 * same `seed` gives the same event.
 * @example
 * const failed = makeEvent("run_failed", { workflow_name: "deploy" }, { seed: 1 });
 * failed.labels; // realistic labels, the same for seed 1 on every run
 * const seedFailed = makeEvent("run_failed", {}, { seed: 1, engine: "2.14" }); // no labels: typed so too
 */
export function makeEvent<const T extends EventTypeAt<V>, const V extends string = NewestEngine>(
  type: T,
  overrides?: EventOverrides<T, V>,
  options?: MakeEventOptions<V>,
): EventOf<T, V> {
  const caller = "makeEvent";
  if (options !== undefined && (typeof options !== "object" || options === null))
    throw new TypeError(`${caller}: options must be an object, got ${describeValue(options)}`);
  const engine = options?.engine;
  const format = kitFormat(engine, caller);
  const problem = notAnEventType(type, format);
  if (problem !== undefined) throw new TypeError(`${caller}: ${problem}`);
  if (overrides !== undefined && (typeof overrides !== "object" || overrides === null || Array.isArray(overrides)))
    throw new TypeError(`${caller}: overrides must be an object of fields, got ${describeValue(overrides)}`);
  if (overrides !== undefined && "type" in overrides)
    throw new TypeError(`${caller}: overrides cannot set type; ask for the type you want as the first argument`);
  const random = new Random(seedOf(options?.seed, caller));
  const resolution = BigInt(pickResolution(random));
  let at = startInstant(undefined, random, caller);
  at -= at % resolution;
  const base = fieldsOfFormat(format, type, BUILDERS[type as EventType](random, at, format));
  const event = inEngineOrder(type as EventType, { ...base, ...overrides } as never) as unknown as EventOf<T, V>;
  const result = validateEvent(event, { engine: format.first } as never);
  // A TypeError, not the main entry's EventValidationError: this bundle has its own copy of
  // that class, and an `instanceof` against the one users import would fail.
  if (!result.ok)
    throw new TypeError(
      `${caller}: the overrides make an invalid ${type} of engine ${format.range}: ${result.issues.map(formatIssue).join("; ")}`,
    );
  return event;
}
