import { describe, expect, it } from "vitest";
import {
  canTransition,
  checkTransition,
  ENGINE_FORMATS,
  isTerminal,
  nextStatuses,
  TERMINAL_STATUSES,
  type RunStatus,
} from "../../src/index.js";

/** The lifecycle here is the seed engine's (2.14.x–2.40.x): its seven statuses. */
type SeedStatus = "pending" | "running" | "completed" | "failed" | "retrying" | "cancelled" | "awaiting_approval";
const SEED_STATUSES = ENGINE_FORMATS.find((f) => f.format === "2.14")!.runStatuses;

// DESIGN.md, written out here by hand rather than read from src/: a row per `from`, the legal `to`s in order.
//   pending→running|cancelled; running→completed|failed|retrying|cancelled|awaiting_approval;
//   retrying→running|failed|cancelled; awaiting_approval→running|failed|cancelled.
//   Terminal: completed, failed, cancelled.
const LEGAL: Record<SeedStatus, RunStatus[]> = {
  pending: ["running", "cancelled"],
  running: ["completed", "failed", "retrying", "cancelled", "awaiting_approval"],
  completed: [],
  failed: [],
  retrying: ["running", "failed", "cancelled"],
  cancelled: [],
  awaiting_approval: ["running", "failed", "cancelled"],
};
const ALL: SeedStatus[] = ["pending", "running", "completed", "failed", "retrying", "cancelled", "awaiting_approval"];
const PAIRS = ALL.flatMap((from) => ALL.map((to) => [from, to] as const));

describe("the run lifecycle", () => {
  it("covers the seven statuses of the seed's schema", () => {
    expect([...SEED_STATUSES].sort()).toEqual([...ALL].sort());
    expect(PAIRS).toHaveLength(49);
  });

  it("allows exactly the 13 transitions of DESIGN.md and no other pair (listed in schema order)", () => {
    const allowed = PAIRS.filter(([from, to]) => canTransition(from, to)).map(([from, to]) => `${from}->${to}`);
    expect(allowed).toEqual([
      "pending->running",
      "pending->cancelled",
      "running->completed",
      "running->failed",
      "running->retrying",
      "running->cancelled",
      "running->awaiting_approval",
      "retrying->running",
      "retrying->failed",
      "retrying->cancelled",
      "awaiting_approval->running",
      "awaiting_approval->failed",
      "awaiting_approval->cancelled",
    ]);
  });

  it.each(PAIRS)("canTransition(%s, %s) follows the table", (from, to) => {
    expect(canTransition(from, to)).toBe(LEGAL[from].includes(to));
  });

  it("never allows a status to follow itself", () => {
    for (const status of ALL) expect(canTransition(status, status)).toBe(false);
  });

  it.each(ALL)("nextStatuses(%s) lists the legal moves in the engine's order", (from) => {
    expect(nextStatuses(from)).toEqual(LEGAL[from]);
  });

  it("has completed, failed and cancelled as its terminal statuses, and only those", () => {
    expect([...TERMINAL_STATUSES]).toEqual(["completed", "failed", "cancelled"]);
    expect(ALL.filter(isTerminal)).toEqual(["completed", "failed", "cancelled"]);
  });

  it("makes a status terminal exactly when it has no way out", () => {
    for (const status of ALL) expect(isTerminal(status)).toBe(LEGAL[status].length === 0);
  });
});

describe("checkTransition", () => {
  it.each(PAIRS)("%s -> %s: null when legal, an illegal_transition issue at /to otherwise", (from, to) => {
    const issue = checkTransition({ from, to });
    if (LEGAL[from].includes(to)) {
      expect(issue).toBeNull();
    } else {
      expect(issue).toMatchObject({ path: "/to", code: "illegal_transition" });
      expect(issue!.message).toContain(`from ${from} to ${to}`);
    }
  });

  it("says what the run may do instead, or that it is terminal", () => {
    expect(checkTransition({ from: "pending", to: "completed" })!.message).toBe(
      "a run cannot move from pending to completed; from pending it may move to running, cancelled",
    );
    expect(checkTransition({ from: "failed", to: "running" })!.message).toBe(
      "a run cannot move from failed to running; failed is terminal",
    );
  });

  it("takes a whole run_status_changed event", () => {
    const event = {
      type: "run_status_changed",
      run_id: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
      workflow_name: "deploy",
      from: "completed",
      to: "running",
      error: null,
      cost_usd: 0,
      duration_ms: 5000,
      at: "2026-11-25T22:24:21.123Z",
    } as const;
    expect(checkTransition(event)?.code).toBe("illegal_transition");
    expect(checkTransition({ ...event, from: "running", to: "completed" })).toBeNull();
  });
});
