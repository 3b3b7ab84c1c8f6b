// Instants as the engine writes them: chrono's `DateTime<Utc>` through serde, which is RFC 3339
// with `T` and `Z` and chrono's `AutoSi` fraction: none when the nanoseconds are zero, else 3,
// 6 or 9 digits, the fewest that hold the value exactly (trailing zeros inside a group stay).
import type { Random } from "./random.js";

/** Nanoseconds since the Unix epoch: a bigint, as a Number cannot hold them exactly. */
export type Nanos = bigint;

export const NANOS_PER_MS = 1_000_000n;
const NANOS_PER_SECOND = 1_000_000_000n;

/**
 * The engine's spelling of an instant.
 * @example
 * formatTimestamp(1764109461123456789n); // "2025-11-25T22:24:21.123456789Z"
 * formatTimestamp(1764109461120000000n); // "2025-11-25T22:24:21.120Z"
 */
export function formatTimestamp(instant: Nanos): string {
  const seconds = instant / NANOS_PER_SECOND;
  const nanos = Number(instant % NANOS_PER_SECOND);
  const whole = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  let fraction = "";
  if (nanos % 1_000_000 === 0) fraction = nanos === 0 ? "" : `.${String(nanos / 1_000_000).padStart(3, "0")}`;
  else if (nanos % 1000 === 0) fraction = `.${String(nanos / 1000).padStart(6, "0")}`;
  else fraction = `.${String(nanos).padStart(9, "0")}`;
  return `${whole}${fraction}Z`;
}

/** Nanoseconds from milliseconds since the epoch. */
export function fromMillis(ms: number): Nanos {
  return BigInt(Math.floor(ms)) * NANOS_PER_MS;
}

/** Milliseconds since the epoch, rounded down (a UUID v7 holds these). */
export function toMillis(instant: Nanos): number {
  return Number(instant / NANOS_PER_MS);
}

/**
 * The resolution of the engine host's clock, in nanoseconds: Linux's clock gives nanoseconds
 * (9 digits), macOS's microseconds (6 digits). chrono's `Utc::now()` reads it as it comes.
 */
export type ClockResolution = 1 | 1000;

/** A host clock's resolution: mostly Linux, where servers run. */
export function pickResolution(random: Random): ClockResolution {
  return random.chance(0.8) ? 1 : 1000;
}

/** `instant` plus `ms` milliseconds and a random part of a millisecond, read at `resolution`. */
export function advance(instant: Nanos, ms: number, random: Random, resolution: ClockResolution): Nanos {
  const subMs = BigInt(random.int(0, 999_999));
  const next = instant + BigInt(Math.floor(ms)) * NANOS_PER_MS + subMs;
  const step = BigInt(resolution);
  return next - (next % step);
}

/** A start instant: within the millisecond `start` when given, else a seeded point in 2026 (so a seed alone fixes every time). */
export function startInstant(start: Date | string | number | undefined, random: Random, caller: string): Nanos {
  if (start === undefined)
    return fromMillis(Date.UTC(2026, 0, 1) + random.int(0, 364 * 86_400) * 1000) + BigInt(random.int(0, 999_999_999));
  const ms = start instanceof Date ? start.getTime() : typeof start === "string" ? Date.parse(start) : start;
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0 || ms > Date.UTC(9999, 11, 31))
    throw new TypeError(
      `${caller}: start must be a Date, an ISO 8601 string or milliseconds since 1970 up to year 9999, got ${String(start)}`,
    );
  return fromMillis(ms) + BigInt(random.int(0, 999_999)); // a clock reads more than milliseconds
}
