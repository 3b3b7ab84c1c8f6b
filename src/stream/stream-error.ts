// EventStreamError: what streamEvents throws when the stream fails for good, and what it hands
// onReconnect as the cause of each reconnect. Its own module, so that the messages (failures.ts)
// and the reader (stream-events.ts) both build it without importing each other.

/**
 * A failure of the event stream. Thrown when reconnecting would not mend it: a 401, 403 or 404
 * (or another 4xx but 408 and 429), a 2xx other than 200 and 204, a body that is not an event
 * stream, or a broken Response or ReadableStream source, which cannot be reconnected. Given to
 * `onReconnect` as the cause of each reconnect otherwise (a network error, a 5xx, the end of the
 * stream), its message saying what happened and its `cause` the error underneath. `status` is
 * the HTTP status when there was one.
 * @example
 * try {
 *   for await (const event of streamEvents(url, { headers })) render(event);
 * } catch (error) {
 *   if (error instanceof EventStreamError && error.status === 401) login();
 * }
 */
export class EventStreamError extends Error {
  override readonly name = "EventStreamError";
  readonly status: number | undefined;

  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
  }
}
