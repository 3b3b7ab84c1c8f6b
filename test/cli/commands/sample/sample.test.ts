// `sample`: valid NDJSON from the testing kit, the same for the same seed, and whole runs that
// pass `validate --lifecycle=error`.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ENGINE_FORMATS, EVENT_TYPES, parseEvent } from "../../../../src/index.js";
import { CLI, ensureBuilt, runCli } from "../../../support/cli-harness.js";

ensureBuilt();
const lines = (stdout: string) => stdout.trimEnd().split("\n");

describe("sample", () => {
  it("prints N valid events of each type, one per line, as the engine writes them", () => {
    // The newest engine's events by default, dotted names among them.
    for (const type of EVENT_TYPES) {
      const result = runCli(["sample", type, "-n", "3", "--seed", "5"]);
      expect(result.status).toBe(0);
      const printed = lines(result.stdout);
      expect(printed).toHaveLength(3);
      for (const line of printed) expect(parseEvent(line, { strict: true }).type).toBe(type);
      expect(new Set(printed).size).toBe(3);
    }
    // One by default; float costs written as the engine writes them.
    const one = runCli(["sample", "run_status_changed", "--seed", "2"]);
    expect(lines(one.stdout)).toHaveLength(1);
    expect(one.stdout).toMatch(/"cost_usd":-?\d+\.\d+(e[+-]\d+)?,/);
  });

  it("prints the same lines for the same seed, other lines for another", () => {
    const a = runCli(["sample", "log_line", "-n", "5", "--seed", "9"]).stdout;
    expect(runCli(["sample", "log_line", "-n", "5", "--seed", "9"]).stdout).toBe(a);
    expect(runCli(["sample", "log_line", "-n", "5", "--seed", "10"]).stdout).not.toBe(a);
    expect(runCli(["sample", "log_line", "-n", "5"]).stdout).not.toBe(runCli(["sample", "log_line", "-n", "5"]).stdout);
  });

  it("prints the events of the engine version asked for, as that version writes them", () => {
    for (const { first, eventTypes } of ENGINE_FORMATS) {
      const result = runCli(["sample", "run", "-n", "5", "--seed", "3", "--engine", first]);
      expect(result.status, first).toBe(0);
      for (const line of lines(result.stdout))
        expect(eventTypes).toContain(parseEvent(line, { engine: first, strict: true }).type);
      const failed = runCli(["sample", "run_failed", "--seed", "1", "--engine", first]);
      expect(failed.stdout.includes('"labels"'), first).toBe(first !== "2.14");
    }
    const older = runCli(["sample", "retry_forced", "--engine", "2.14.1"]);
    expect(older.status).toBe(2);
    expect(older.stderr).toContain('"retry_forced" is not an event type of engine 2.14.x–2.19.x (it is one of engine');
    const unmodelled = runCli(["sample", "log_line", "--engine", "2.45.0"]);
    expect(unmodelled.status).toBe(2);
    expect(unmodelled.stderr).toContain('--engine: engine "2.45.0" is not modelled; modelled: 2.14.x–2.19.x');
  });

  it("prints whole runs that validate --lifecycle=error accepts, of each version", () => {
    for (const engine of [[], ["--engine", "2.14"], ["--engine", "2.31.4"]]) {
      const runs = runCli(["sample", "run", "-n", "20", "--seed", "1", ...engine]);
      expect(runs.status).toBe(0);
      expect(lines(runs.stdout).filter((line) => line.includes('"type":"run_created"'))).toHaveLength(20);
      const checked = runCli(["validate", ...engine, "--lifecycle=error", "--strict", "-"], { stdin: runs.stdout });
      expect(checked.status, engine.join(" ")).toBe(0);
      expect(checked.stdout).toMatch(/0 invalid/);
    }
  });

  it("stops quietly, and soon, when its reader goes away", () => {
    const started = Date.now();
    const pipe = spawnSync(
      "bash",
      ["-c", `"${process.execPath}" "${CLI}" sample log_line -n 1000000 | head -n 2; echo "status \${PIPESTATUS[0]}"`],
      {
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(pipe.stderr).toBe("");
    expect(lines(pipe.stdout)).toHaveLength(3);
    expect(pipe.stdout).toMatch(/status 0\n$/);
    expect(Date.now() - started).toBeLessThan(8_000); // all million lines take about 20 s
  });

  it("refuses bad arguments with exit code 2, and has help", () => {
    for (const [args, message] of [
      [["sample"], "no event type given"],
      [["sample", "run_paused"], '"run_paused" is not an event type'],
      [["sample", "log_line", "-n", "0"], "ironflow-events: -n takes a whole number from 1 to 1000000"],
      [["sample", "log_line", "--seed", "-1"], "--seed"],
      [["sample", "log_line", "run"], "sample takes one event type"],
    ] as const) {
      const result = runCli([...args]);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr).toContain(message);
    }
    for (const command of ["sample", "send", "serve"]) {
      const help = runCli(["help", command]);
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: ironflow-events ${command} `));
      expect(runCli([command, "--help"]).stdout).toBe(help.stdout);
    }
    expect(runCli(["--help"]).stdout).toMatch(/send <url> <path\|->\.\.\.[\s\S]*serve[\s\S]*sample/);
  });
});
