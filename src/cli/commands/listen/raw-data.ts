// The bytes the engine wrote for each event, kept for forwarding: streamEvents hands over parsed
// events, and a parse and a re-serialization could change them (an integer above 2^53 rounded,
// a field of a newer engine reordered), while the engine's webhook carries its own text. So the
// fetch that streamEvents uses is wrapped: each 200 answer's body passes through a second
// SseDecoder on its way, and the data of every message it completes waits here, in order,
// until streamEvents has dealt with that message (yielded its event, or called onInvalid).
// streamEvents pulls a chunk only when the previous one's messages are dealt with, so only a
// chunk or two of messages ever wait.
import { SseDecoder } from "../../../stream/sse-decoder.js";
import { DEFAULT_MAX_SIZE } from "../../../validate.js";

/**
 * The longest data kept: above streamEvents' own limit (its maxSize, DEFAULT_MAX_SIZE here, and a
 * little), so that every event it yields has its bytes here, and an endless event costs no more.
 */
const MAX_KEPT = 2 * DEFAULT_MAX_SIZE;
/** Messages waiting: far more than a chunk or two holds; past it something is amiss, and the oldest go. */
const MAX_WAITING = 10_000;

/**
 * The data of the messages of the current connection that streamEvents has not dealt with yet.
 * @example
 * const raw = new RawData();
 * streamEvents(url, { fetch: raw.tap(fetch), onInvalid: () => raw.take() });
 */
export class RawData {
  private waiting: { event: string; data: string }[] = [];

  /**
   * `fetchFn`, whose 200 answers are read through a decoder that keeps each message's data.
   * `onAnswer` hears of every answer (its status), before streamEvents does.
   */
  tap(
    fetchFn: (url: string, init: RequestInit) => Promise<Response>,
    onAnswer: (status: number) => void,
  ): (url: string, init: RequestInit) => Promise<Response> {
    return async (url, init) => {
      const response = await fetchFn(url, init);
      onAnswer(response.status);
      if (response.status !== 200 || response.body === null) return response;
      this.waiting = []; // a connection's cut-off event is never dispatched: nothing of the last one is owed
      const decoder = new SseDecoder({ maxEventSize: MAX_KEPT });
      const waiting = this.waiting;
      const through = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          for (const message of decoder.push(chunk)) {
            waiting.push({ event: message.event, data: message.data });
            if (waiting.length > MAX_WAITING) waiting.shift();
          }
          controller.enqueue(chunk);
        },
      });
      return new Response(response.body.pipeThrough(through), {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    };
  }

  /**
   * The data of the next message, dealt with by streamEvents; `type`, for a yielded event,
   * checks that it is that event's (undefined when it is not: the caller writes the event itself).
   */
  take(type?: string): string | undefined {
    const next = this.waiting.shift();
    if (next === undefined || type === undefined) return next?.data;
    // An oversized message keeps no data: the caller then writes the event itself.
    return next.event === type && next.data !== "" ? next.data : undefined;
  }
}
