// `validate --engine`: the events are checked as that engine version writes and reads them, and
// --lifecycle follows its run lifecycle; on one thread and on worker threads (--jobs 2), which
// get the version through the config. An unmodelled version is exit code 2 with the resolver's message.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  ensureBuilt,
  jsonReport,
  ndjson,
  RUN_CREATED,
  runCli,
  statusChanged,
  tempDir,
} from "../../../support/cli-harness.js";

const MODELLED = "modelled: 2.14.x–2.19.x, 2.20.x–2.40.x, 2.52.x";

// paused is a status from 2.52 on; running -> pending a move from 2.52 on; completed -> completed
// the store's no-op on a terminal status at 2.52 only; running -> completed legal everywhere.
const EVENTS = ndjson(
  RUN_CREATED,
  statusChanged("running", "paused"),
  statusChanged("running", "pending"),
  statusChanged("completed", "completed"),
  statusChanged("running", "completed"),
);

const tmp = tempDir({ "events.ndjson": EVENTS });
afterAll(tmp.remove);
beforeAll(() => ensureBuilt());

/** The report of `validate --format json <args> events.ndjson`: each failure as "line severity code". */
function failures(args: string[]) {
  const report = jsonReport(runCli(["validate", "--format", "json", ...args, "events.ndjson"], { cwd: tmp.dir }));
  return {
    engineVersion: report.engineVersion,
    failures: (report.failures ?? []).map((f) => `${f.line} ${f.severity} ${f.issues.map((i) => i.code).join(",")}`),
    exitCode: report.exitCode,
  };
}

describe.each([[[]], [["--jobs", "2"]]])("validate --engine %j", (jobs) => {
  test("without --engine, as the newest engine: every event valid, every move legal", () => {
    expect(failures([...jobs, "--lifecycle=error"])).toEqual({ engineVersion: "2.52.2", failures: [], exitCode: 0 });
  });

  test("--engine 2.31.4: paused is no status of that engine (invalid), with or without --lifecycle", () => {
    expect(failures([...jobs, "--engine", "2.31.4"])).toEqual({
      engineVersion: "2.31.4",
      failures: ["2 error enum"],
      exitCode: 1,
    });
  });

  test("--engine 2.31.4 --lifecycle=error: its table (running -> pending, completed -> completed illegal)", () => {
    expect(failures([...jobs, "--engine", "2.31.4", "--lifecycle=error"]).failures).toEqual([
      "2 error enum",
      "3 error illegal_transition",
      "4 error illegal_transition",
    ]);
  });

  test("--engine 2.52 --lifecycle: the newest's table, named", () => {
    expect(failures([...jobs, "--engine", "2.52", "--lifecycle"])).toEqual({
      engineVersion: "2.52",
      failures: [],
      exitCode: 0,
    });
  });
});

test("an unmodelled --engine is a usage error (exit 2) with the resolver's message", () => {
  const result = runCli(["validate", "--engine", "2.45", "events.ndjson"], { cwd: tmp.dir });
  expect(result.status).toBe(2);
  expect(result.stderr).toContain(`--engine: engine "2.45" is not modelled; ${MODELLED}`);
});
