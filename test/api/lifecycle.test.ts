// The run lifecycle per engine version: canTransition, nextStatuses, isTerminal and
// checkTransition against tables written out here by hand from the sources (docs/helpers.md,
// the research notes' section 4), every pair of statuses of every format, and the options.
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

const MODELLED = "modelled: 2.14.x–2.19.x, 2.20.x–2.40.x, 2.52.x";

/** One format's lifecycle as its source states it: the moves to another status, terminal statuses, self moves. */
interface Table {
  /** An engine version of the format, as a user would pass it. */
  engine: string;
  next: Partial<Record<RunStatus, RunStatus[]>>;
  terminal: RunStatus[];
  /** Terminal statuses may "move" to themselves (the store's idempotent no-op). */
  idempotentTerminal: boolean;
}

// DESIGN.md's table (the seed; ironflow-store 2.10.0's 13 pairs): pending→running|cancelled;
// running→completed|failed|retrying|cancelled|awaiting_approval; retrying→running|failed|cancelled;
// awaiting_approval→running|failed|cancelled. Terminal: completed, failed, cancelled. No self moves.
const SEED: Omit<Table, "engine"> = {
  next: {
    pending: ["running", "cancelled"],
    running: ["completed", "failed", "retrying", "cancelled", "awaiting_approval"],
    completed: [],
    failed: [],
    retrying: ["running", "failed", "cancelled"],
    cancelled: [],
    awaiting_approval: ["running", "failed", "cancelled"],
  },
  terminal: ["completed", "failed", "cancelled"],
  idempotentTerminal: false,
};

// ironflow-sdk 0.2.2's re-export of the store's RunStatus doc comment (engine 2.52.2).
const V2_52: Table = {
  engine: "2.52.2",
  next: {
    pending: ["running", "cancelled", "paused"],
    running: [
      "pending",
      "completed",
      "failed",
      "warning",
      "retrying",
      "cancelled",
      "awaiting_approval",
      "sleeping",
      "paused",
    ],
    completed: [],
    failed: [],
    retrying: ["running", "failed", "cancelled", "paused"],
    cancelled: [],
    awaiting_approval: ["running", "pending", "failed", "cancelled", "paused"],
    warning: [],
    sleeping: ["pending", "cancelled", "paused"],
    paused: ["pending", "running", "retrying", "sleeping", "awaiting_approval", "failed", "cancelled"],
  },
  terminal: ["completed", "failed", "cancelled", "warning"],
  idempotentTerminal: true,
};

const TABLES: Record<string, Table> = {
  "2.14": { engine: "2.14.1", ...SEED },
  "2.20": { engine: "2.31.4", ...SEED },
  "2.52": V2_52,
};

const statusesOf = (format: string) => ENGINE_FORMATS.find((f) => f.format === format)!.runStatuses as RunStatus[];
const legal = (table: Table, from: RunStatus, to: RunStatus) =>
  from === to ? table.idempotentTerminal && table.terminal.includes(from) : table.next[from]!.includes(to);

/** Every (format, from, to) of every modelled format: 49 + 49 + 100 pairs. */
const PAIRS = ENGINE_FORMATS.flatMap(({ format }) =>
  statusesOf(format).flatMap((from) => statusesOf(format).map((to) => [format, from, to] as const)),
);

describe("the run lifecycle of each engine format", () => {
  it("has a table here for every modelled format, naming each of its statuses", () => {
    expect(Object.keys(TABLES)).toEqual(ENGINE_FORMATS.map((f) => f.format));
    for (const [format, table] of Object.entries(TABLES))
      expect(Object.keys(table.next).sort()).toEqual([...statusesOf(format)].sort());
    expect(PAIRS).toHaveLength(49 + 49 + 100);
  });

  it.each(PAIRS)("%s: canTransition(%s, %s) and checkTransition follow the table", (format, from, to) => {
    const table = TABLES[format]!;
    const options = { engine: table.engine };
    expect(canTransition(from, to, options)).toBe(legal(table, from, to));
    const issue = checkTransition({ from, to }, options);
    if (legal(table, from, to)) expect(issue).toBeNull();
    else {
      expect(issue).toMatchObject({ path: "/to", code: "illegal_transition" });
      expect(issue!.message).toBe(
        `a run cannot move from ${from} to ${to}; ${
          table.terminal.includes(from)
            ? `${from} is terminal`
            : `from ${from} it may move to ${table.next[from]!.join(", ")}`
        }`,
      );
    }
  });

  it.each(ENGINE_FORMATS.map((f) => f.format))("%s: nextStatuses and isTerminal follow the table", (format) => {
    const table = TABLES[format]!;
    for (const status of statusesOf(format)) {
      expect(nextStatuses(status, { engine: table.engine })).toEqual(table.next[status]);
      expect(isTerminal(status, { engine: table.engine })).toBe(table.terminal.includes(status));
    }
  });

  it("2.14 and 2.20 allow exactly the 13 moves of DESIGN.md, in schema order, and no status to itself", () => {
    for (const engine of ["2.14", "2.20"]) {
      const statuses = statusesOf(engine);
      const allowed = statuses.flatMap((from) =>
        statuses.filter((to) => canTransition(from, to, { engine })).map((to) => `${from}->${to}`),
      );
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
    }
  });

  it("2.52 has 31 moves between statuses, and a terminal status may move to itself (a no-op) but no other may", () => {
    const statuses = statusesOf("2.52");
    const moves = statuses.flatMap((from) => statuses.filter((to) => to !== from && canTransition(from, to)));
    expect(moves).toHaveLength(31);
    expect(statuses.filter((status) => canTransition(status, status))).toEqual([
      "completed",
      "failed",
      "cancelled",
      "warning",
    ]);
    expect(canTransition("paused", "paused")).toBe(false);
    expect(canTransition("sleeping", "sleeping")).toBe(false);
  });

  it("nextStatuses lists real moves only: a terminal status has none at every version, its self move included", () => {
    for (const { format } of ENGINE_FORMATS)
      for (const status of statusesOf(format))
        expect(nextStatuses(status, { engine: format }).length === 0).toBe(isTerminal(status, { engine: format }));
    expect(nextStatuses("completed")).toEqual([]);
    expect(canTransition("completed", "completed")).toBe(true);
  });

  it("a terminal status's move to itself is legal from 2.52 on, and illegal before, with the same message as today", () => {
    expect(checkTransition({ from: "completed", to: "completed" })).toBeNull();
    expect(checkTransition({ from: "warning", to: "warning" })).toBeNull();
    expect(checkTransition({ from: "failed", to: "failed" }, { engine: "2.31.4" })!.message).toBe(
      "a run cannot move from failed to failed; failed is terminal",
    );
  });
});

describe("the options of the lifecycle helpers", () => {
  it("default to the newest engine", () => {
    expect(nextStatuses("pending")).toEqual(["running", "cancelled", "paused"]);
    expect(nextStatuses("pending", { engine: undefined })).toEqual(["running", "cancelled", "paused"]);
    expect(isTerminal("warning")).toBe(true);
    expect(canTransition("running", "pending")).toBe(true);
    expect(canTransition("running", "pending", { engine: "2.14" })).toBe(false);
  });

  it("take every spelling of a version of the format", () => {
    for (const engine of ["2.20", "2.31", "2.40.9", "v2.31.4"])
      expect(nextStatuses("running", { engine })).toEqual(SEED.next.running);
  });

  it.each([
    [(engine: string) => canTransition("running", "completed", { engine } as never)],
    [(engine: string) => nextStatuses("running", { engine } as never)],
    [(engine: string) => isTerminal("running", { engine } as never)],
    [(engine: string) => checkTransition({ from: "running", to: "completed" }, { engine } as never)],
  ])("refuse an unmodelled version with the resolver's TypeError (%#)", (call) => {
    expect(() => call("2.45")).toThrow(new TypeError(`engine "2.45" is not modelled; ${MODELLED}`));
    expect(() => call("latest")).toThrow(TypeError);
  });

  it("name a status the version does not have, passed without the types", () => {
    const seed = { engine: "2.14" } as const;
    expect(canTransition("running" as never, "paused" as never, seed)).toBe(false);
    expect(nextStatuses("paused" as never, seed)).toEqual([]);
    expect(isTerminal("warning" as never, seed)).toBe(false);
    expect(checkTransition({ from: "running", to: "paused" } as never, seed)!.message).toBe(
      "a run cannot move from running to paused; paused is not a run status of engine 2.14.x–2.19.x",
    );
    expect(checkTransition({ from: "paused", to: "running" } as never, seed)!.message).toBe(
      "a run cannot move from paused to running; paused is not a run status of engine 2.14.x–2.19.x",
    );
  });
});

describe("TERMINAL_STATUSES", () => {
  it("are the newest engine's terminal statuses, frozen", () => {
    expect([...TERMINAL_STATUSES]).toEqual(["completed", "failed", "cancelled", "warning"]);
    expect(Object.isFrozen(TERMINAL_STATUSES)).toBe(true);
    expect(statusesOf("2.52").filter((status) => isTerminal(status))).toEqual([...TERMINAL_STATUSES]);
  });
});

describe("checkTransition", () => {
  it("says what the run may do instead, or that it is terminal", () => {
    expect(checkTransition({ from: "pending", to: "completed" })!.message).toBe(
      "a run cannot move from pending to completed; from pending it may move to running, cancelled, paused",
    );
    expect(checkTransition({ from: "pending", to: "completed" }, { engine: "2.14" })!.message).toBe(
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
    expect(checkTransition({ ...event, from: "running", to: "warning" })).toBeNull();
    expect(checkTransition({ ...event, from: "running", to: "retrying" }, { engine: "2.14.1" })).toBeNull();
  });
});
