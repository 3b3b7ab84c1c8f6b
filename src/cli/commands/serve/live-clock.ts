// The times `serve` writes into the events it plays: now, as the engine's clock would read it,
// in microseconds (6 fraction digits, as chrono writes them), and never earlier than the last
// time it gave, whatever the wall clock does (an NTP step back must not make a run end before
// it began).
import { formatTimestamp } from "../../../testing/timestamps.js";

/**
 * A clock of instants that never go back.
 * @example
 * const clock = new LiveClock();
 * event.at = clock.now().text; // "2026-11-25T22:24:21.123456Z"
 */
export class LiveClock {
  /** The last instant given, in microseconds since the epoch. */
  private last = 0;

  /** Now (or just after the last instant given, if the clock reads earlier), as text and milliseconds. */
  now(): { text: string; ms: number } {
    return this.notBefore(0);
  }

  /** Now, or `ms` if that is later, and never before the last instant given. */
  notBefore(ms: number): { text: string; ms: number } {
    const read = Math.floor((performance.timeOrigin + performance.now()) * 1000);
    const micros = Math.max(read, Math.ceil(ms * 1000), this.last + 1);
    this.last = micros;
    return { text: formatTimestamp(BigInt(micros) * 1000n), ms: micros / 1000 };
  }
}
