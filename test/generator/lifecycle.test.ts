// scripts/generate/lifecycle.ts: the run lifecycle of each engine format, from the x-transitions
// of schemas/defs/run-status.json and its marks. The generated tables match the schema; the
// bundles do not carry the lifecycle; check-invariants refuses a lifecycle that breaks the
// store's rules, naming the file and the format.
import { beforeAll, describe, expect, it } from "vitest";
import { ENGINE_FORMAT_TABLES, ENGINE_LIFECYCLES } from "../../generated/constants.js";
import { checkInvariants } from "../../scripts/generate/check-invariants.js";
import { loadEngineVersions, rangeText, type EngineVersions } from "../../scripts/generate/engine-versions.js";
import { schemasOfFormats } from "../../scripts/generate/filter-format.js";
import { LIFECYCLE_KEYWORDS, lifecycleFile, lifecycleOf, lifecycleProblems } from "../../scripts/generate/lifecycle.js";
import { loadSchemas, type LoadedSchemas, type SchemaObject } from "../../scripts/generate/load-schemas.js";

let versions: EngineVersions;
let loaded: LoadedSchemas;

beforeAll(async () => {
  versions = loadEngineVersions("schemas");
  loaded = await loadSchemas("schemas");
});

/** A copy of the run-status schema, changed by `change`. */
function runStatusWith(change: (schema: any) => void): SchemaObject {
  const schema = structuredClone(lifecycleFile(loaded).schema);
  change(schema);
  return schema;
}

/** What checkInvariants says of schemas/ with the run-status schema changed by `change`. */
function invariantsWith(change: (schema: any) => void): string {
  const copy = structuredClone(loaded);
  change(copy.defs.find((file) => file.relative === "defs/run-status.json")!.schema);
  try {
    checkInvariants(copy, versions);
    return "";
  } catch (error) {
    return (error as Error).message;
  }
}

describe("the lifecycle of each format, from schemas/", () => {
  it("is carried by defs/run-status.json", () => {
    expect(lifecycleFile(loaded).relative).toBe("defs/run-status.json");
    expect(lifecycleProblems(lifecycleFile(loaded).schema, versions)).toEqual([]);
  });

  it("is the seed's table at 2.14 and 2.20, without self moves", () => {
    const schema = lifecycleFile(loaded).schema;
    for (const format of ["2.14", "2.20"])
      expect(lifecycleOf(schema, versions, format)).toEqual({
        transitions: {
          pending: ["running", "cancelled"],
          running: ["completed", "failed", "retrying", "cancelled", "awaiting_approval"],
          completed: [],
          failed: [],
          retrying: ["running", "failed", "cancelled"],
          cancelled: [],
          awaiting_approval: ["running", "failed", "cancelled"],
        },
        terminal: ["completed", "failed", "cancelled"],
      });
  });

  it("at 2.52 has the ten statuses' rows, each terminal status moving only to itself", () => {
    const { transitions, terminal } = lifecycleOf(lifecycleFile(loaded).schema, versions, "2.52");
    expect(Object.keys(transitions)).toHaveLength(10);
    expect(terminal).toEqual(["completed", "failed", "cancelled", "warning"]);
    for (const status of terminal) expect(transitions[status]).toEqual([status]);
  });

  it("is written into generated/constants.ts as the schema says, format by format", () => {
    const formats = schemasOfFormats(loaded, versions);
    // In the version table's order: formatIndex's index finds a format's lifecycle.
    expect(ENGINE_FORMAT_TABLES.map((t) => t.format)).toEqual(formats.map((f) => f.format));
    expect(ENGINE_FORMAT_TABLES.map((t) => t.range)).toEqual(versions.formats.map(rangeText));
    expect(ENGINE_LIFECYCLES).toHaveLength(formats.length);
    for (const [i, { lifecycle, loaded: schemas }] of formats.entries()) {
      const statuses = schemas.defs.find((file) => file.relative === "defs/run-status.json")!.schema.enum as string[];
      const generated = ENGINE_LIFECYCLES[i]!;
      expect(Object.keys(generated.next)).toEqual(statuses);
      for (const status of statuses) {
        expect(generated.next[status as never]).toEqual(lifecycle.transitions[status]!.filter((to) => to !== status));
        expect(generated.idempotent.includes(status as never)).toBe(lifecycle.transitions[status]!.includes(status));
      }
      expect(generated.terminal).toEqual(lifecycle.terminal);
    }
  });

  it("stays out of every format's bundle (it is the store's, not the wire's)", () => {
    for (const { bundle } of schemasOfFormats(loaded, versions)) {
      const runStatus = (bundle.$defs as Record<string, SchemaObject>)["run-status"]!;
      for (const keyword of LIFECYCLE_KEYWORDS) expect(runStatus).not.toHaveProperty(keyword);
    }
  });

  it("takes a move, a row and a terminal status marked with a later format into that format only", () => {
    const later: EngineVersions = {
      engineVersion: "2.60.0",
      formats: [...versions.formats, { format: "2.60", first: "2.60", last: "2.60", confirmed: "made up for a test" }],
    };
    const schema = runStatusWith((s) => {
      s.enum.push("archived");
      s["x-enum-since"].archived = "2.60";
      s["x-transitions"].sleeping.push("running");
      s["x-transitions-since"].sleeping = { running: "2.60" };
      s["x-transitions"].completed.push("archived");
      s["x-transitions-since"].completed.archived = "2.60";
      s["x-transitions"].archived = ["archived"];
      s["x-terminal"].push("archived");
      s["x-terminal-since"].archived = "2.60";
    });
    // completed moves on to archived at 2.60, so it is no longer terminal there: said, naming the format.
    expect(lifecycleProblems(schema, later)).toEqual([
      "engine format 2.60: completed is terminal, yet moves to archived",
    ]);
    (schema["x-transitions"] as any).completed = ["completed"];
    delete (schema["x-transitions-since"] as any).completed.archived;
    expect(lifecycleProblems(schema, later)).toEqual([]);
    const at52 = lifecycleOf(schema, later, "2.52");
    const at60 = lifecycleOf(schema, later, "2.60");
    expect(at52.transitions.sleeping).toEqual(["pending", "cancelled", "paused"]);
    expect(at60.transitions.sleeping).toEqual(["pending", "cancelled", "paused", "running"]);
    expect(at52.transitions).not.toHaveProperty("archived");
    expect(at60.transitions.archived).toEqual(["archived"]);
    expect(at60.terminal).toContain("archived");
    expect(at52.terminal).not.toContain("archived");
  });
});

describe("check-invariants refuses a lifecycle that breaks the store's rules", () => {
  it("accepts schemas/ as it is", () => {
    expect(invariantsWith(() => {})).toBe("");
  });

  it("a move to a status some format lacks, unmarked, naming the file and the format", () => {
    const message = invariantsWith((s) => delete s["x-transitions-since"].pending);
    expect(message).toContain(
      "schemas/defs/run-status.json: engine format 2.14: pending -> paused names paused, not a status of that format (mark it in x-transitions-since)",
    );
    expect(message).toContain("engine format 2.20: pending -> paused names paused");
    expect(message).not.toContain("engine format 2.52");
  });

  it("a terminal status some format lacks, unmarked", () => {
    expect(invariantsWith((s) => delete s["x-terminal-since"].warning)).toContain(
      "engine format 2.14: x-terminal names warning, not a status of that format (mark it in x-terminal-since)",
    );
  });

  it("a status without a row", () => {
    expect(invariantsWith((s) => delete s["x-transitions"].retrying)).toContain(
      "schemas/defs/run-status.json: x-transitions: retrying has no row (a terminal status's row lists itself or nothing)",
    );
    expect(invariantsWith((s) => (s["x-transitions"].stopped = []))).toContain(
      'x-transitions/stopped: "stopped" is not a run status of the enum',
    );
  });

  it("a status that is not terminal and has no way out", () => {
    expect(invariantsWith((s) => (s["x-transitions"].sleeping = []))).toContain(
      "engine format 2.52: sleeping is not terminal and has no way out",
    );
  });

  it("a terminal status that moves to another", () => {
    expect(
      invariantsWith((s) => {
        s["x-transitions"].failed.push("retrying");
      }),
    ).toContain("engine format 2.14: failed is terminal, yet moves to retrying");
  });

  it("a status other than a terminal one that moves to itself", () => {
    expect(
      invariantsWith((s) => {
        s["x-transitions"].running.push("running");
      }),
    ).toContain("engine format 2.14: running moves to itself; only a terminal status may (the store's no-op)");
  });

  it("a move listed twice, and marks that name no format, no row, no move, no terminal status", () => {
    const message = invariantsWith((s) => {
      s["x-transitions"].pending.push("running");
      s["x-transitions-since"].pending.paused = "2.31";
      s["x-transitions-since"].stopped = { running: "2.52" };
      s["x-transitions-since"].warning = "2.52";
      s["x-transitions-since"].retrying.completed = "2.52";
      s["x-terminal-since"].running = "2.52";
    });
    expect(message).toContain("x-transitions/pending: the move to running is listed twice");
    expect(message).toContain(
      'x-transitions-since/pending/paused: "2.31" names no format of engine-versions.json (2.14, 2.20, 2.52)',
    );
    expect(message).toContain('x-transitions-since/stopped: "stopped" has no row in x-transitions');
    expect(message).toContain('x-transitions-since/warning: marks the moves of the row, { "<to>": "<format>" }');
    expect(message).toContain(
      "x-transitions-since/retrying/completed: retrying -> completed is not a move of x-transitions",
    );
    expect(message).toContain('x-terminal-since/running: "running" is not in x-terminal');
  });

  it("a lifecycle of the wrong shape", () => {
    expect(invariantsWith((s) => (s["x-transitions"].pending = "running"))).toContain(
      "x-transitions is an object: each status -> the list of statuses it may move to",
    );
    expect(invariantsWith((s) => delete s["x-terminal"])).toContain(
      "x-terminal is the list of terminal statuses, beside x-transitions",
    );
  });

  it("lifecycle keywords elsewhere, and no schema, or two, carrying the lifecycle", () => {
    const copy = structuredClone(loaded);
    copy.defs.find((file) => file.relative === "defs/log-stream.json")!.schema["x-terminal"] = ["system"];
    const runStatus = copy.defs.find((file) => file.relative === "defs/run-status.json")!.schema;
    delete runStatus["x-transitions"];
    let message = "";
    try {
      checkInvariants(copy, versions);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(
      "schemas/defs/log-stream.json: x-terminal stands beside x-transitions, in the schema of run statuses",
    );
    expect(message).toContain(
      "schemas/: one schema carries the run lifecycle (x-transitions, beside the enum of run statuses); found 0: none",
    );
  });
});
