// filterEvents: the engine's subscription rule (EventPublisher::subscribe) as a predicate.
import { describeValue } from "./describe.js";
import { formatTable, rangeOfType } from "./engine/version-table.js";
import type { Event, EventAt, EventTypeAt } from "./event.js";
import type { EngineOptions, EventType, EventTypeMap, ModelledEngine, NewestEngine } from "./types.js";

/**
 * A predicate that keeps the events whose `type` is one of `types`, as the engine's
 * `EventPublisher::subscribe` does: an exact match on the type string, and an empty list
 * matches nothing (pass `Event.ALL` for everything). The predicate narrows the event to the
 * chosen variants, in `Array.prototype.filter` and in `if`.
 *
 * `options.engine` (an engine version such as "2.31.4"; the newest without it) says whose
 * types may be named: the predicate then takes and narrows that version's events.
 *
 * A name that is not an event type (of that version) is a compile error and, for callers the
 * compiler does not see, a run-time error: a TypeError that names it and lists the valid
 * types. The list is copied, so changing it later does not change the predicate.
 * @example
 * const isRunEnd = filterEvents(["run_failed", "run_status_changed"]);
 * const ends = events.filter(isRunEnd); // (RunFailed | RunStatusChanged)[]
 * for (const event of events) if (isRunEnd(event)) console.log(event.run_id, event.duration_ms);
 * const isAccountChange = filterEvents(["provider_account.updated"]); // dotted names as the engine writes them
 * const isSeedFailure = filterEvents(["run_failed"], { engine: "2.14" }); // takes EventAt<"2.14">
 */
export function filterEvents<const T extends EventTypeAt<V>, const V extends string = NewestEngine>(
  types: readonly T[],
  options?: EngineOptions<ModelledEngine<V>>,
): EventPredicate<T, V> {
  const wanted = new Set<string>(checkEventTypes(types, "filterEvents", options?.engine));
  return ((event: { type: string } | null) =>
    event !== null && typeof event === "object" && wanted.has(event.type)) as unknown as EventPredicate<T, V>;
}

/**
 * What filterEvents returns: a predicate over the events of engine version `V` that narrows
 * them to the variants of types `T`. For the newest (no engine given) it takes an Event and
 * narrows to EventOf<T>, so that generic code over the types keeps its types.
 */
type EventPredicate<T extends string, V extends string> = V extends NewestEngine
  ? (event: Event) => event is EventTypeMap[T & EventType]
  : (event: EventAt<V>) => event is Extract<EventAt<V>, { type: T }>;

/**
 * Returns `types` when it is an array of event types of `engine` (an engine version string;
 * the newest when undefined); otherwise throws a TypeError that names the first bad entry and
 * lists that version's types. `caller` starts the message. An `engine` the package does not
 * model is the TypeError every reader throws for it.
 */
export function checkEventTypes<T extends string>(types: readonly T[], caller: string, engine?: unknown): readonly T[] {
  const table = formatTable(engine);
  const known: readonly string[] = table.eventTypes;
  const of = engine === undefined ? "" : ` of engine ${table.range}`;
  if (!Array.isArray(types))
    throw new TypeError(
      `${caller}: expected an array of event types${of}, got ${describeValue(types)} (valid: ${known.join(", ")})`,
    );
  types.forEach((type: unknown, index) => {
    if (!known.includes(type as string))
      throw new TypeError(
        `${caller}: ${describeValue(type)} (at index ${index}) is not an event type${of}${elsewhere(type)}; valid: ${known.join(", ")}`,
      );
  });
  return types;
}

/** " (it is an event of engine 2.20.x–2.40.x)" for a type another version has (the first), so the fix is plain. */
function elsewhere(type: unknown): string {
  const range = rangeOfType(type);
  return range === undefined ? "" : ` (it is an event of engine ${range})`;
}
