// makeEvent: one valid event of a given type, as the engine writes it, with realistic content.
import { describeValue } from "../describe.js";
import { formatIssue } from "../errors.js";
import { nextStatuses } from "../lifecycle.js";
import { validateEvent } from "../validate.js";
import { drawCostUnits, drawDuration, drawLine, drawStream, usd } from "./draws.js";
import { inEngineOrder } from "./engine-order.js";
import { KIT_ENGINE, KIT_EVENT_TYPES, type KitEventOf, type KitEventType, type KitRunStatus } from "./kit-format.js";
import { Random, seedOf } from "./random.js";
import { formatTimestamp, pickResolution, startInstant, toMillis, type Nanos } from "./timestamps.js";
import { uuidV7 } from "./uuid-v7.js";
import { APPROVAL_MESSAGES, STEP_TEMPLATES, USERNAMES, WORKFLOW_NAMES } from "./vocabulary.js";

/**
 * Fields to set on a made event of type `T`: any of its fields but `type`, type-checked
 * against the variant (a field it does not have, or a value of the wrong type, is a compile error).
 * @example
 * const overrides: EventOverrides<"run_failed"> = { workflow_name: "deploy", error: "disk full" };
 */
export type EventOverrides<T extends KitEventType> = Partial<Omit<KitEventOf<T>, "type">>;

/**
 * Options of makeEvent.
 * @example
 * const options: MakeEventOptions = { seed: 7 };
 */
export interface MakeEventOptions {
  /** The same seed (an integer from 0 to 4294967295) gives the same event; without it, a random one. */
  seed?: number;
}

type Builders = { [T in KitEventType]: (random: Random, at: Nanos) => Omit<KitEventOf<T>, "type"> };

const NON_TERMINAL: readonly KitRunStatus[] = ["pending", "running", "retrying", "awaiting_approval"];
const MS_PER_DAY = 86_400_000;

/** A run started some minutes before `at`: its ID's time. */
const runIdBefore = (at: Nanos, random: Random) => uuidV7(toMillis(at) - random.int(1_000, 600_000), random);
const stepIdBefore = (at: Nanos, random: Random) => uuidV7(toMillis(at) - random.int(50, 120_000), random);
/** Users signed up some days before. */
const userIdBefore = (at: Nanos, random: Random) => uuidV7(toMillis(at) - random.int(1, 400) * MS_PER_DAY, random);
const steps = STEP_TEMPLATES;

const BUILDERS: Builders = {
  run_created: (random, at) => ({
    run_id: uuidV7(toMillis(at), random),
    workflow_name: random.pick(WORKFLOW_NAMES),
    at: formatTimestamp(at),
  }),
  run_status_changed: (random, at) => {
    const from = random.pick(NON_TERMINAL);
    const to = random.pick(nextStatuses(from, { engine: KIT_ENGINE }));
    const started = from !== "pending";
    return {
      run_id: runIdBefore(at, random),
      workflow_name: random.pick(WORKFLOW_NAMES),
      from,
      to,
      error: to === "failed" ? random.pick(random.pick(steps).errors) : null,
      cost_usd: started ? usd(drawCostUnits(random.pick(steps), random)) : 0,
      duration_ms: started ? random.int(1_000, 900_000) : 0,
      at: formatTimestamp(at),
    };
  },
  run_failed: (random, at) => ({
    run_id: runIdBefore(at, random),
    workflow_name: random.pick(WORKFLOW_NAMES),
    error: random.pick(random.pick(steps).errors),
    cost_usd: usd(drawCostUnits(random.pick(steps), random)),
    duration_ms: random.int(1_000, 900_000),
    at: formatTimestamp(at),
  }),
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
  approval_requested: (random, at) => ({
    run_id: runIdBefore(at, random),
    step_id: uuidV7(toMillis(at), random),
    message: random.pick(APPROVAL_MESSAGES),
    at: formatTimestamp(at),
  }),
  approval_granted: (random, at) => ({
    run_id: runIdBefore(at, random),
    approved_by: random.pick(USERNAMES),
    at: formatTimestamp(at),
  }),
  approval_rejected: (random, at) => ({
    run_id: runIdBefore(at, random),
    rejected_by: random.pick(USERNAMES),
    at: formatTimestamp(at),
  }),
  log_line: (random, at) => {
    const step = random.pick(steps);
    const { stream, line } = drawLine(step, drawStream(random), random);
    return {
      run_id: runIdBefore(at, random),
      step_id: stepIdBefore(at, random),
      step_name: step.name,
      stream,
      line,
      at: formatTimestamp(at),
    };
  },
  user_signed_in: (random, at) => ({
    user_id: userIdBefore(at, random),
    username: random.pick(USERNAMES),
    at: formatTimestamp(at),
  }),
  user_signed_up: (random, at) => ({
    user_id: uuidV7(toMillis(at), random),
    username: random.pick(USERNAMES),
    at: formatTimestamp(at),
  }),
  user_signed_out: (random, at) => ({
    user_id: userIdBefore(at, random),
    at: formatTimestamp(at),
  }),
};

/**
 * A valid event of `type` as the engine writes it: UUID v7 IDs, a timestamp with the
 * engine's fraction digits (9, or 6 from a microsecond clock), realistic names, costs and
 * durations. `overrides` sets fields (type-checked against the variant). The result always
 * passes parseEvent: overrides that would make it invalid throw a TypeError that names the
 * field and what it must be. The same `seed` gives the same event.
 * @example
 * const failed = makeEvent("run_failed", { workflow_name: "deploy" }, { seed: 1 });
 * failed.error; // a realistic message, the same for seed 1 on every run
 */
export function makeEvent<const T extends KitEventType>(
  type: T,
  overrides?: EventOverrides<T>,
  options?: MakeEventOptions,
): KitEventOf<T> {
  const caller = "makeEvent";
  if (!(KIT_EVENT_TYPES as readonly unknown[]).includes(type))
    throw new TypeError(`${caller}: ${describeValue(type)} is not an event type; valid: ${KIT_EVENT_TYPES.join(", ")}`);
  if (overrides !== undefined && (typeof overrides !== "object" || overrides === null || Array.isArray(overrides)))
    throw new TypeError(`${caller}: overrides must be an object of fields, got ${describeValue(overrides)}`);
  if (overrides !== undefined && "type" in overrides)
    throw new TypeError(`${caller}: overrides cannot set type; ask for the type you want as the first argument`);
  const random = new Random(seedOf(options?.seed, caller));
  const resolution = BigInt(pickResolution(random));
  let at = startInstant(undefined, random, caller);
  at -= at % resolution;
  const base = BUILDERS[type](random, at) as Omit<KitEventOf<T>, "type">;
  const event = inEngineOrder(type, { ...base, ...overrides });
  const result = validateEvent(event, { engine: KIT_ENGINE });
  // A TypeError, not the main entry's EventValidationError: this bundle has its own copy of
  // that class, and an `instanceof` against the one users import would fail.
  if (!result.ok)
    throw new TypeError(
      `${caller}: the overrides make an invalid ${type}: ${result.issues.map(formatIssue).join("; ")}`,
    );
  return event;
}
