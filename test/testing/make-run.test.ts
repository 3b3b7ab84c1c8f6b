// makeRun: one run's events per engine format, consistent the way the engine's stream is, and
// legal for `validate --engine V --lifecycle=error` (run through the built command line tool).
import { describe, expect, expectTypeOf, it } from "vitest";
import { canTransition, ENGINE_FORMATS, isTerminal, parseEvent, type RunStatus } from "../../src/index.js";
import { makeRun, RUN_OUTCOMES, toEngineJson, type RunEvent } from "../../src/testing/index.js";
import { ensureBuilt, runCli } from "../support/cli-harness.js";

const SEEDS = Array.from({ length: 300 }, (_, i) => i * 104_729 + 1);

/** Checks every rule of a consistent run; returns how it ended. */
function checkRun(events: RunEvent<string>[], engine?: string): RunStatus {
  const at = { engine };
  expect(events[0]!.type).toBe("run_created");
  const runId = (events[0] as { run_id: string }).run_id;
  const workflow = (events[0] as { workflow_name: string }).workflow_name;
  let status: RunStatus = "pending";
  let previousAt = "";
  const openSteps = new Map<string, string>(); // step_id -> step_name, from its log lines
  const endedSteps = new Set<string>();
  let costSoFar = 0;
  let pendingApproval: string | undefined;
  for (const [i, event] of events.entries()) {
    expect(parseEvent(event, { strict: true, engine })).toEqual(event);
    if (event.type === "signal_received") expect(event.resumed_runs).toContain(runId);
    else expect(event.run_id).toBe(runId);
    // Strictly increasing instants; the fixed-width part compares as text, the fraction as a number.
    expect(nanos(event.at) > nanos(previousAt || "1970-01-01T00:00:00Z") || i === 0, `at of event ${i}`).toBe(true);
    previousAt = event.at;
    if (status !== "pending" || event.type !== "run_created")
      expect(isTerminal(status, at) && event.type !== "run_failed").toBe(false);
    switch (event.type) {
      case "run_status_changed":
        expect(event.from).toBe(status);
        expect(canTransition(event.from, event.to, at)).toBe(true);
        expect(event.workflow_name).toBe(workflow);
        expect(event.error !== null).toBe(event.to === "failed");
        expect(event.cost_usd).toBeCloseTo(costSoFar, 6);
        status = event.to;
        break;
      case "run_failed":
        expect(status).toBe("failed");
        expect(events[i - 1]!.type).toBe("run_status_changed");
        expect(event.error).toBe((events[i - 1] as { error: string }).error);
        break;
      case "log_line": {
        expect(status).toBe("running");
        expect(endedSteps.has(event.step_id)).toBe(false);
        const name = openSteps.get(event.step_id);
        if (name === undefined) openSteps.set(event.step_id, event.step_name);
        else expect(event.step_name).toBe(name);
        break;
      }
      case "step_completed":
      case "step_failed":
        if (event.type === "step_completed" && event.kind === "approval") {
          expect(event.step_id).toBe(pendingApproval);
          pendingApproval = undefined;
        } else expect(openSteps.get(event.step_id)).toBe(event.step_name);
        endedSteps.add(event.step_id);
        openSteps.delete(event.step_id);
        if (event.type === "step_completed") costSoFar += event.cost_usd;
        break;
      case "approval_requested":
        expect(status).toBe("running");
        pendingApproval = event.step_id;
        break;
      case "approval_granted":
      case "approval_rejected":
      case "approval_escalated":
        expect(status).toBe("awaiting_approval");
        break;
      case "signal_awaited":
        expect(status).toBe("running");
        break;
      case "signal_received":
        expect(status).toBe("sleeping");
        break;
      case "run_created":
        expect(i).toBe(0);
        break;
    }
  }
  expect(isTerminal(status, at)).toBe(true);
  // Every step that logged has ended, unless the run was cancelled in the middle of it.
  expect(openSteps.size).toBe(status === "cancelled" ? 1 : 0);
  return status;
}

function nanos(at: string): bigint {
  const [whole, fraction = ""] = at.slice(0, -1).split(".");
  return BigInt(Date.parse(`${whole}Z`)) * 1_000_000n + BigInt(fraction.padEnd(9, "0"));
}

/** What each engine format's runs end in, and the types among them, drawn over many seeds. */
const OUTCOMES_OF: Record<string, { ends: string[]; types: string[] }> = {
  "2.14": {
    ends: ["cancelled", "completed", "failed"],
    types: ["approval_granted", "approval_rejected", "step_failed"],
  },
  "2.20": {
    ends: ["cancelled", "completed", "failed"],
    types: ["approval_granted", "approval_rejected", "step_failed"],
  },
  "2.52": {
    ends: ["cancelled", "completed", "failed", "warning"],
    types: ["approval_escalated", "signal_awaited", "signal_received"],
  },
};

for (const { format, first } of ENGINE_FORMATS)
  describe(`makeRun, engine ${format}`, () => {
    const engine = first;
    it("makes consistent runs for many seeds, and every outcome among them", () => {
      const ends = new Set<RunStatus>();
      const types = new Set<string>();
      for (const seed of SEEDS) {
        const events = makeRun({ seed, engine });
        ends.add(checkRun(events, engine));
        for (const event of events) types.add(event.type);
      }
      expect([...ends].sort()).toEqual(OUTCOMES_OF[format]!.ends);
      for (const type of OUTCOMES_OF[format]!.types) expect(types).toContain(type);
    });

    it("ends as asked, with an approval and a retry when asked", () => {
      const expected = {
        completed: "completed",
        failed: "failed",
        cancelled: "cancelled",
        rejected: "failed",
        warning: "warning",
      } as const;
      const outcomes = RUN_OUTCOMES.filter((outcome) => outcome !== "warning" || format === "2.52");
      for (const outcome of outcomes)
        for (const seed of SEEDS.slice(0, 30)) {
          const events = makeRun({ seed, engine, outcome, approval: true, retry: true, steps: 4 });
          expect(checkRun(events, engine), `${outcome} ${seed}`).toBe(expected[outcome]);
          if (outcome === "rejected") expect(events.some((event) => event.type === "approval_rejected")).toBe(true);
          if (outcome === "completed") {
            const moves = events.flatMap((event) =>
              event.type === "run_status_changed" ? [`${event.from}>${event.to}`] : [],
            );
            expect(moves).toContain("running>retrying");
            expect(moves).toContain("retrying>running");
            expect(moves.some((move) => move.startsWith("awaiting_approval>"))).toBe(true);
          }
        }
    });

    it("carries the run's labels where the version has them", () => {
      for (const seed of SEEDS.slice(0, 20))
        for (const event of makeRun({ seed, engine }))
          if (event.type === "run_status_changed" || event.type === "run_failed")
            expect("labels" in event).toBe(format !== "2.14");
    });
  });

describe("makeRun", () => {
  it("does what engine 2.52 runs do when asked: sleep, wait for a signal, pause, escalate, count approvals", () => {
    const events = makeRun({
      seed: 4,
      sleep: true,
      signal: true,
      pause: true,
      escalate: true,
      approval: true,
      outcome: "completed",
    });
    checkRun(events);
    const moves = events.flatMap((event) => (event.type === "run_status_changed" ? [`${event.from}>${event.to}`] : []));
    expect(moves).toContain("running>sleeping");
    expect(moves).toContain("running>paused");
    expect(events.some((event) => event.type === "approval_escalated")).toBe(true);
    expect(events.some((event) => event.type === "signal_received")).toBe(true);
  });

  it("refuses what the version cannot do", () => {
    expect(() => makeRun({ engine: "2.14", outcome: "warning" })).toThrow(
      /^makeRun: outcome "warning" needs an engine version with the status "warning"; engine 2\.14\.x–2\.19\.x has none/,
    );
    expect(() => makeRun({ engine: "2.31", pause: true })).toThrow(
      /pause needs an engine version with the status "paused"/,
    );
    expect(() => makeRun({ engine: "2.14", labels: { env: "prod" } })).toThrow(
      /labels needs an engine version with labels/,
    );
    expect(() => makeRun({ engine: "2.45" } as never)).toThrow(/^makeRun: engine "2\.45" is not modelled/);
  });

  it("is typed per version", () => {
    expectTypeOf(makeRun({ engine: "2.14" })).toMatchTypeOf<RunEvent<"2.14">[]>();
    expectTypeOf(makeRun({ engine: "2.14" })[0].run_id).toBeString();
    expectTypeOf(makeRun()).toMatchTypeOf<RunEvent[]>();
  });

  it("takes the start, the workflow name and the number of steps", () => {
    const events = makeRun({
      seed: 3,
      start: "2026-11-25T22:24:21Z",
      workflowName: "deploy",
      steps: 7,
      outcome: "completed",
      approval: false,
    });
    expect(events[0]).toMatchObject({ workflow_name: "deploy" });
    expect(events[0]!.at.startsWith("2026-11-25T22:24:21")).toBe(true);
    // The run ID is a UUID v7 of the creation's millisecond.
    expect(parseInt((events[0] as { run_id: string }).run_id.replace(/-/g, "").slice(0, 12), 16)).toBe(
      Number(nanos(events[0]!.at) / 1_000_000n),
    );
    expect(events.filter((event) => event.type === "step_completed")).toHaveLength(7);
  });

  it("gives the same run for the same seed, and another for another seed", () => {
    expect(makeRun({ seed: 11 })).toEqual(makeRun({ seed: 11 }));
    expect(makeRun({ seed: 11 })).not.toEqual(makeRun({ seed: 12 }));
    expect(makeRun()[0]).not.toEqual(makeRun()[0]);
  });

  it("refuses options that cannot be met", () => {
    expect(() => makeRun({ outcome: "rejected", approval: false })).toThrow(/needs an approval/);
    expect(() => makeRun({ outcome: "lost" as never })).toThrow(
      /outcome must be one of completed, failed, cancelled, rejected, warning/,
    );
    expect(() => makeRun({ steps: 0 })).toThrow(/steps must be a whole number from 1 to 50/);
    expect(() => makeRun({ start: "soon" })).toThrow(/start must be a Date/);
    expect(() => makeRun({ seed: 2 ** 32 })).toThrow(/seed must be an integer/);
  });

  it("passes `validate --engine V --lifecycle=error --strict`, run after run, for each version, through the command line", () => {
    ensureBuilt();
    for (const { first } of ENGINE_FORMATS) {
      const at = { engine: first } as { engine: string };
      const lines = SEEDS.slice(0, 100).flatMap((seed) =>
        makeRun({ seed, ...at }).map((event) => toEngineJson(event, at)),
      );
      const result = runCli(["validate", "--engine", first, "--lifecycle=error", "--strict", "--quiet", "-"], {
        stdin: `${lines.join("\n")}\n`,
      });
      expect(result.stderr).toBe("");
      expect(result.status, first).toBe(0);
      expect(result.stdout).toContain(`${lines.length}`);
    }
  });
});
