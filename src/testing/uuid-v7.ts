// UUID version 7 (RFC 9562), as the engine's `Uuid::now_v7()` makes them: 48 bits of Unix
// milliseconds, version 7, 74 random bits with the RFC variant; written hyphenated, lower case.
import type { Random } from "./random.js";

/**
 * A UUID v7 for the millisecond `ms`, with random bits from `random`.
 * @example
 * uuidV7(Date.UTC(2026, 10, 25), new Random(1)); // "019abc…-7…-[89ab]…-…"
 */
export function uuidV7(ms: number, random: Random): string {
  const time = Math.floor(ms).toString(16).padStart(12, "0").slice(-12);
  const variant = (8 + random.int(0, 3)).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.hex(3)}-${variant}${random.hex(3)}-${random.hex(12)}`;
}
