// The memo of the last UUID a field held (src/rules/id-memo.ts) stands in for isUuid on the
// fast path: whatever the strings and in whatever order, and in each of its states (its first
// look, hits, a pause, the look after a pause), it answers as isUuid does.
import { describe, expect, it } from "vitest";
import { isUuid, MEMO_PAUSE, MEMO_WINDOW, NIL_UUID, UuidMemo } from "../../src/rules/index.js";
import { seededRandom } from "../support/seeded-random.js";

/** Strings isUuid refuses, among them those a memo could be tempted to take for a hit. */
const REFUSED = ["", " ", "null", "0", "00000000-0000-0000-0000-00000000000", "00000000000000000000000000000000"];

describe("UuidMemo", () => {
  it("refuses on its first look every string isUuid refuses (a new memo once took the empty string for a hit)", () => {
    for (const s of REFUSED) {
      expect(isUuid(s)).toBe(false);
      expect(new UuidMemo().isUuid(s)).toBe(false);
    }
  });

  it("starts out holding a UUID that isUuid accepts, and accepts it", () => {
    expect(isUuid(NIL_UUID)).toBe(true);
    expect(new UuidMemo().isUuid(NIL_UUID)).toBe(true);
  });

  it("answers as isUuid does over a long run of repeated, fresh and refused strings, through its pauses", () => {
    const random = seededRandom(11);
    const hex = () => Math.floor(random() * 16).toString(16);
    const fresh = () => "xxxxxxxx-xxxx-7xxx-8xxx-xxxxxxxxxxxx".replace(/x/g, hex);
    const memo = new UuidMemo();
    let last = fresh();
    let hits = 0;
    // Runs where IDs repeat (the memo looks) alternate with runs of fresh ones (it pauses).
    const looks = 4 * (MEMO_PAUSE + MEMO_WINDOW);
    for (let i = 0; i < looks; i++) {
      const repeating = Math.floor(i / (2 * MEMO_WINDOW)) % 2 === 0;
      const roll = random();
      let s: string;
      if (roll < 0.05) s = REFUSED[Math.floor(random() * REFUSED.length)]!;
      else if (repeating && roll < 0.8) s = last;
      else s = last = fresh();
      if (s === last && repeating) hits++;
      const answer = memo.isUuid(s);
      if (answer !== isUuid(s)) expect({ look: i, s, answer }).toEqual({ look: i, s, answer: isUuid(s) });
    }
    expect(hits).toBeGreaterThan(looks / 10); // the memo had hits to give
  });
});
