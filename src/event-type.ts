import type { Event, EventType } from "./types.js";

/**
 * The wire type of an event, as the engine's `Event::event_type()` gives it.
 * @example
 * eventType(event) === Event.LOG_LINE;
 */
export function eventType(event: Event): EventType {
  return event.type;
}
