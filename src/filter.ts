// filterEvents: the engine's subscription rule (EventPublisher::subscribe) as a predicate.
import { EVENT_TYPES } from "../generated/constants.js";
import { describeValue } from "./describe.js";
import type { Event, EventOf } from "./event.js";
import type { EventType } from "./types.js";

/**
 * A predicate that keeps the events whose `type` is one of `types`, as the engine's
 * `EventPublisher::subscribe` does: an exact match on the type string, and an empty list
 * matches nothing (pass `Event.ALL` for everything). The predicate narrows the event to the
 * chosen variants, in `Array.prototype.filter` and in `if`.
 *
 * A name that is not an event type is a compile error and, for callers the compiler does not
 * see, a run-time error: a TypeError that names it and lists the valid types. The list is
 * copied, so changing it later does not change the predicate.
 * @example
 * const isRunEnd = filterEvents(["run_failed", "run_status_changed"]);
 * const ends = events.filter(isRunEnd); // (RunFailed | RunStatusChanged)[]
 * for (const event of events) if (isRunEnd(event)) console.log(event.run_id, event.duration_ms);
 */
export function filterEvents<const T extends EventType>(types: readonly T[]): (event: Event) => event is EventOf<T> {
  const wanted = new Set<string>(checkEventTypes(types, "filterEvents"));
  return (event: Event): event is EventOf<T> => event !== null && typeof event === "object" && wanted.has(event.type);
}

/**
 * Returns `types` when it is an array of event types; otherwise throws a TypeError that names
 * the first bad entry and lists the valid types. `caller` starts the message.
 */
export function checkEventTypes<T extends EventType>(types: readonly T[], caller: string): readonly T[] {
  if (!Array.isArray(types))
    throw new TypeError(
      `${caller}: expected an array of event types, got ${describeValue(types)} (valid: ${EVENT_TYPES.join(", ")})`,
    );
  types.forEach((type: unknown, index) => {
    if (!(EVENT_TYPES as readonly unknown[]).includes(type))
      throw new TypeError(
        `${caller}: ${describeValue(type)} (at index ${index}) is not an event type; valid: ${EVENT_TYPES.join(", ")}`,
      );
  });
  return types;
}
