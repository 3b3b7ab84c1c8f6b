import type { EventAt } from "./event.js";

/**
 * The wire type of an event (of any engine version the package models), as the engine's
 * `Event::event_type()` gives it: the same string as `event.type`, for code written against
 * the engine's API.
 * @example
 * const event = parseEvent('{"type":"user_signed_out","user_id":"460a7a4d-ab36-70a1-98a2-709815e295fd","at":"2054-04-07T21:24:08.379Z"}');
 * eventType(event); // "user_signed_out"
 * eventType(event) === Event.USER_SIGNED_OUT; // true
 */
export function eventType<E extends EventAt<string>>(event: E): E["type"] {
  return event.type;
}
