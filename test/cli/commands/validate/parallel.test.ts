// The parallel reader (--jobs, and large files by default) must report exactly what the
// single-threaded reader reports: same failures at the same lines and columns, same counts,
// whatever falls on the boundaries of its 1 MiB blocks.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  ensureBuilt,
  jsonReport,
  LOG_LINE,
  RUN_CREATED,
  RUN_FAILED,
  runCli,
  statusChanged,
  tempDir,
  USER_SIGNED_OUT,
} from "../../../support/cli-harness.js";

const tmp = tempDir();
afterAll(tmp.remove);
beforeAll(() => ensureBuilt());

/** About 12 MB of NDJSON with every kind of line, in a pseudo-random but fixed order. */
function trickyFile(): string {
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const kinds = [
    () => JSON.stringify(RUN_CREATED),
    () => JSON.stringify({ ...LOG_LINE, line: "x".repeat(Math.floor(random() * 3000)) }),
    () => JSON.stringify({ ...RUN_FAILED, duration_ms: -1 }), // invalid
    () => '{"type":"run_created",,}', // not JSON, column 23
    () => "", // blank
    () => "   ", // blank
    () => JSON.stringify(USER_SIGNED_OUT) + "\r", // CRLF
    () => JSON.stringify(statusChanged("completed", "running")), // lifecycle warning
    () => JSON.stringify({ ...LOG_LINE, stream: "STDOUT" }), // invalid
    () => `\ufeff${JSON.stringify(RUN_CREATED)}`, // a BOM is only accepted on line 1: json_syntax here
  ];
  const lines: string[] = [`\ufeff${JSON.stringify(RUN_CREATED)}`];
  let length = 0;
  while (length < 12e6) {
    const line = kinds[Math.floor(random() * kinds.length)]!();
    lines.push(line);
    length += line.length + 1;
    if (lines.length % 5000 === 0) lines.push(JSON.stringify({ ...LOG_LINE, line: "y".repeat(1_500_000) })); // too large, spans blocks
  }
  return lines.join("\n"); // the last line without a newline
}

describe("the parallel reader", () => {
  const file = join(tmp.dir, "tricky.ndjson");
  beforeAll(() => writeFileSync(file, trickyFile()));

  test("gives the same JSON report as one thread, with every kind of line on block boundaries", () => {
    const args = ["validate", "--format", "json", "--lifecycle", file];
    const single = runCli([...args, "--jobs", "1"]);
    const parallel = runCli([...args, "--jobs", "3"]);
    const auto = runCli(args); // 12 MB: under the size for threads by default
    expect(single.status).toBe(1);
    const report = jsonReport(single);
    // The file is what it should be: each kind of failure occurs, many times.
    const codes = new Set(report.failures!.flatMap((f) => f.issues.map((i) => i.code)));
    expect([...codes].sort()).toEqual(["enum", "illegal_transition", "json_syntax", "range", "too_large"]);
    expect(report.summary.events).toBeGreaterThan(10_000);
    expect(report.failures!.some((f) => f.column === 23)).toBe(true);
    expect(jsonReport(parallel)).toEqual(report);
    expect(parallel.status).toBe(1);
    expect(jsonReport(auto)).toEqual(report);
  });

  test("the text report is the same too", () => {
    const single = runCli(["validate", "--jobs", "1", file]);
    const parallel = runCli(["validate", "--jobs", "2", file]);
    expect(parallel.stdout).toBe(single.stdout);
  });

  test("--jobs must be a number of threads", () => {
    const result = runCli(["validate", "--jobs", "0", file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--jobs takes a number of threads from 1 to 64, got "0"');
  });
});
