import { isUuid } from "./uuid.js";

/** The nil UUID, a UUID that isUuid accepts: what a memo holds before its first look. */
export const NIL_UUID = "00000000-0000-0000-0000-000000000000";

/**
 * Looks between two decisions of a memo: enough for a rate, few enough that a memo of an
 * ID that never repeats costs little before it pauses.
 */
export const MEMO_WINDOW = 1024;
/** Looks a memo skips after a window in which fewer than a quarter of looks hit. */
export const MEMO_PAUSE = 65_536;

/**
 * The last UUID one field held that passed isUuid, for the generated fast path
 * (scripts/generate/fast-path.ts): one memo per ID field (run_id, step_id, ...), shared by
 * every variant and format. In a stream where a run's events follow each other, its run_id
 * (and a step's step_id) repeats, and comparing the string with the last one costs less than
 * checking its 36 characters again. A hit is the same string (=== compares the characters of
 * two strings JSON.parse made, which V8 does not intern), so the memo never vouches for
 * anything isUuid did not accept. It pauses itself for MEMO_PAUSE looks when fewer than a
 * quarter of a window's looks hit (fresh IDs: each look would be a comparison for nothing),
 * then looks again. A Set of every ID seen was measured to cost more than it saves: hashing a
 * 36-character string costs about what checking it does.
 * @example
 * const memo = new UuidMemo();
 * memo.isUuid("61644a25-da5a-7317-94e2-3bc1eca8c766"); // true (checked)
 * memo.isUuid("61644a25-da5a-7317-94e2-3bc1eca8c766"); // true (a hit)
 */
export class UuidMemo {
  /**
   * Only ever a string isUuid accepted, so that a hit vouches for nothing else. It starts as the
   * nil UUID, which isUuid accepts: starting as "" vouched for an empty ID on a process's first
   * look at a field (found by a differential fuzz against the engine's reader).
   */
  private last = NIL_UUID;
  private looks = 0;
  private hits = 0;
  private paused = 0;

  /** isUuid(value), from the memo when `value` is the last UUID this field held. */
  isUuid(value: string): boolean {
    if (this.paused !== 0) {
      this.paused--;
      return isUuid(value);
    }
    if (value === this.last) this.hits++;
    else if (isUuid(value)) this.last = value;
    else return false;
    if (++this.looks === MEMO_WINDOW) this.decide();
    return true;
  }

  private decide(): void {
    if (this.hits * 4 < this.looks) this.paused = MEMO_PAUSE;
    this.looks = 0;
    this.hits = 0;
  }
}
