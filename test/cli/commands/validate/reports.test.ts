// `ironflow-events validate` reports and options, the built CLI as a child process: the text,
// JSON and GitHub formats, colour, the summary, --strict, --max-errors, --quiet, --lifecycle,
// every exit code, and --help.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  CLI,
  ensureBuilt,
  jsonReport,
  LOG_LINE,
  ndjson,
  ROOT,
  RUN_CREATED,
  RUN_FAILED,
  runCli,
  runCliInTerminal,
  statusChanged,
  tempDir,
  USER_SIGNED_OUT,
} from "../../../support/cli-harness.js";

beforeAll(() => ensureBuilt());

const BAD_DURATION = { ...RUN_FAILED, duration_ms: -1 };
const EXTRA_FIELD = { ...RUN_CREATED, region: "eu-west-1" };

const tmp = tempDir({
  "good.ndjson": ndjson(RUN_CREATED, LOG_LINE, USER_SIGNED_OUT, RUN_CREATED),
  "bad.ndjson": ndjson(
    RUN_CREATED,
    BAD_DURATION,
    "{broken",
    { ...LOG_LINE, stream: "STDOUT", at: "yesterday" },
    LOG_LINE,
  ),
  "extra.json": JSON.stringify(EXTRA_FIELD),
  "array.json": JSON.stringify([RUN_CREATED, BAD_DURATION], null, 2),
  "lifecycle.ndjson": ndjson(statusChanged("pending", "running"), statusChanged("completed", "running"), RUN_CREATED),
  "odd, name: 100%.ndjson": ndjson({ ...LOG_LINE, line: undefined, step_name: 7 }),
});
afterAll(tmp.remove);
const path = (name: string) => join(tmp.dir, name);

describe("text report", () => {
  test("each failure: file:line (and :column), the type, then each issue's JSON Pointer, message and code", () => {
    const result = runCli(["validate", path("bad.ndjson")]);
    expect(result.status).toBe(1);
    const lines = result.stdout.split("\n");
    expect(lines.slice(0, 7)).toEqual([
      `${path("bad.ndjson")}:2 (run_failed)`,
      "  error   /duration_ms: must be an integer from 0 to 18446744073709551615, got -1 [range]",
      `${path("bad.ndjson")}:3:2`,
      "  error   (root): is not valid JSON (column 2): expected a property name in double quotes, found 'b' [json_syntax]",
      `${path("bad.ndjson")}:4 (log_line)`,
      expect.stringMatching(/^ {2}error {3}\/stream: must be .*got "STDOUT" \[enum\]$/),
      expect.stringMatching(/^ {2}error {3}\/at: must be an RFC 3339 timestamp.*got "yesterday" \[format\]$/),
    ]);
  });

  test("an element of a JSON array is shown with its index", () => {
    expect(runCli(["validate", path("array.json")]).stdout).toContain(`${path("array.json")}:8 [1] (run_failed)\n`);
  });

  test("the summary: files, events, valid, invalid, and a table of counts per event type", () => {
    const { stdout } = runCli(["validate", path("bad.ndjson"), path("good.ndjson")]);
    const summary = stdout.slice(stdout.indexOf("\n2 files"));
    expect(summary).toBe(
      [
        "",
        "2 files, 9 events: 6 valid, 3 invalid",
        "  event type        events    valid  invalid",
        "  run_created            3        3        0",
        "  run_failed             1        0        1",
        "  log_line               3        2        1",
        "  user_signed_out        1        1        0",
        "  (unknown)              1        0        1",
        "",
      ].join("\n"),
    );
  });

  test("a type with control characters is quoted, a long one cut, so neither can break the report", () => {
    const result = runCli(["validate", "-"], { stdin: ndjson({ type: "a\nb\u001b[31m" }, { type: "z".repeat(500) }) });
    const headers = result.stdout.split("\n").filter((line) => line.startsWith("<stdin>"));
    expect(headers).toEqual(['<stdin>:1 ("a\\nb\\u001b[31m")', `<stdin>:2 (${"z".repeat(64)}…)`]);
  });

  test("no colour when stdout is not a terminal", () => {
    expect(runCli(["validate", path("bad.ndjson")]).stdout).not.toContain("\x1b[");
  });

  test("colour on a terminal, and none there either when NO_COLOR is set", async () => {
    const coloured = await runCliInTerminal(["validate", path("bad.ndjson")]);
    expect(coloured.status).toBe(1);
    expect(coloured.stdout).toContain(`\x1b[1m${path("bad.ndjson")}:2\x1b[22m (run_failed)`);
    expect(coloured.stdout).toContain("\x1b[31m3 invalid\x1b[39m");
    const plain = await runCliInTerminal(["validate", path("bad.ndjson")], { NO_COLOR: "1" });
    expect(plain.status).toBe(1);
    expect(plain.stdout).toContain(`${path("bad.ndjson")}:2 (run_failed)`);
    expect(plain.stdout).not.toContain("\x1b[");
  });

  test("--quiet prints the summary only", () => {
    const result = runCli(["validate", "--quiet", path("bad.ndjson")]);
    expect(result.status).toBe(1);
    expect(result.stdout.split("\n")[0]).toBe("1 file, 5 events: 2 valid, 3 invalid");
    expect(result.stdout).not.toContain("error ");
  });
});

test("a reader that stops early (| head -1) ends the run quietly, with the exit code of what was read", () => {
  const lines = Array.from({ length: 100_000 }, () => JSON.stringify(BAD_DURATION));
  const big = join(tmp.dir, "many-bad.ndjson");
  writeFileSync(big, lines.join("\n"));
  const script = `"${process.execPath}" "${CLI}" validate "${big}" | head -1; echo "exit=\${PIPESTATUS[0]}"`;
  const result = spawnSync("bash", ["-c", script], { encoding: "utf8" });
  expect(result.stdout).toBe(`${big}:1 (run_failed)\nexit=1\n`);
  expect(result.stderr).toBe("");
});

describe("JSON report", () => {
  test("one document: tool, versions, options, failures, errors, summary, exit code", () => {
    const result = runCli(["validate", "--format", "json", "--strict", path("bad.ndjson"), path("missing.json")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("");
    const report = jsonReport(result);
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(report).toMatchObject({
      reportVersion: 1,
      tool: "ironflow-events",
      version,
      engineVersion: "2.52.2",
      options: { strict: true, lifecycle: "off", maxErrors: null, maxSize: 1048576 },
      errors: [{ file: path("missing.json"), message: "no such file or directory" }],
      ok: false,
      exitCode: 2,
    });
    expect(report.failures).toHaveLength(3);
    expect(report.failures![0]).toEqual({
      file: path("bad.ndjson"),
      line: 2,
      type: "run_failed",
      severity: "error",
      issues: [
        {
          path: "/duration_ms",
          code: "range",
          message: "must be an integer from 0 to 18446744073709551615, got -1",
        },
      ],
    });
    expect(report.failures![2]!.issues.map((i) => [i.path, i.code])).toEqual([
      ["/stream", "enum"],
      ["/at", "format"],
    ]);
    expect(report.summary).toEqual({
      files: 1,
      events: 5,
      valid: 2,
      invalid: 3,
      warnings: 0,
      errors: 1,
      stoppedEarly: false,
      byType: {
        run_created: { events: 1, valid: 1, invalid: 0, warnings: 0 },
        run_failed: { events: 1, valid: 0, invalid: 1, warnings: 0 },
        log_line: { events: 2, valid: 1, invalid: 1, warnings: 0 },
        "(unknown)": { events: 1, valid: 0, invalid: 1, warnings: 0 },
      },
    });
  });

  test("with --quiet the failures are left out, the summary stays", () => {
    const report = jsonReport(runCli(["validate", "--format", "json", "--quiet", path("bad.ndjson")]));
    expect(report.failures).toBeUndefined();
    expect(report.summary.invalid).toBe(3);
  });
});

describe("GitHub Actions report", () => {
  test("one ::error annotation per issue, at the file, line and column, then the summary", () => {
    const result = runCli(["validate", "--format", "github", path("bad.ndjson")]);
    expect(result.status).toBe(1);
    const lines = result.stdout.split("\n");
    const file = path("bad.ndjson");
    expect(lines.slice(0, 4)).toEqual([
      `::error file=${file},line=2,title=ironflow-events%3A invalid run_failed event::/duration_ms: must be an integer from 0 to 18446744073709551615, got -1 [range]`,
      `::error file=${file},line=3,col=2,title=ironflow-events%3A invalid event::(root): is not valid JSON (column 2): expected a property name in double quotes, found 'b' [json_syntax]`,
      expect.stringMatching(
        new RegExp(
          `^::error file=${escapeRegExp(file)},line=4,title=ironflow-events%3A invalid log_line event::/stream: `,
        ),
      ),
      expect.stringMatching(/^::error .*line=4,.*::\/at: /),
    ]);
    expect(lines[4]).toBe("1 file, 5 events: 2 valid, 3 invalid");
  });

  test("commas, colons and percent signs in a file name are escaped in the annotation's properties", () => {
    const result = runCli(["validate", "--format", "github", path("odd, name: 100%.ndjson")]);
    const escaped = path("odd, name: 100%.ndjson").replace(/%/g, "%25").replace(/:/g, "%3A").replace(/,/g, "%2C");
    expect(result.stdout).toContain(`::error file=${escaped},line=1,title=`);
  });

  test("standard input: no file property, the location in the message; an unreadable path is an annotation too", () => {
    const result = runCli(["validate", "--format", "github", "-", path("nope.json")], { stdin: ndjson(BAD_DURATION) });
    expect(result.status).toBe(2);
    expect(result.stdout).toContain(
      "::error title=ironflow-events%3A invalid run_failed event::<stdin>:1: /duration_ms:",
    );
    expect(result.stdout).toContain(
      `::error file=${path("nope.json").replace(/:/g, "%3A")},title=ironflow-events%3A cannot read::${path("nope.json")}: no such file or directory`,
    );
  });
});

describe("options", () => {
  test("--strict: unknown properties are errors (additional_property); without it they pass", () => {
    expect(runCli(["validate", path("extra.json")]).status).toBe(0);
    const result = runCli(["validate", "--strict", "--format", "json", path("extra.json")]);
    expect(result.status).toBe(1);
    expect(jsonReport(result).failures![0]!.issues).toEqual([
      expect.objectContaining({ path: "/region", code: "additional_property" }),
    ]);
  });

  test("--max-errors N stops reading after N invalid events, across files", () => {
    const result = runCli([
      "validate",
      "--format",
      "json",
      "--max-errors",
      "2",
      path("bad.ndjson"),
      path("good.ndjson"),
    ]);
    expect(result.status).toBe(1);
    const report = jsonReport(result);
    expect(report.failures!.map((f) => f.line)).toEqual([2, 3]);
    expect(report.summary).toMatchObject({ files: 1, events: 3, invalid: 2, stoppedEarly: true });
    expect(report.options.maxErrors).toBe(2);
    const text = runCli(["validate", "--max-errors", "1", path("bad.ndjson")]);
    expect(text.stdout).toContain(
      "Stopped after 1 invalid event (--max-errors 1): the rest of the input was not read.",
    );
  });

  test("--lifecycle: an illegal run status move is a warning, counted, exit code unaffected", () => {
    const result = runCli(["validate", "--lifecycle", path("lifecycle.ndjson")]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      `${path("lifecycle.ndjson")}:2 (run_status_changed)\n  warning /to: a run cannot move from completed to running; completed is terminal [illegal_transition]\n`,
    );
    expect(result.stdout).toContain("3 events: 3 valid, 0 invalid, 1 warning");
    const report = jsonReport(runCli(["validate", "--lifecycle", "--format", "json", path("lifecycle.ndjson")]));
    expect(report.summary).toMatchObject({ events: 3, valid: 3, invalid: 0, warnings: 1 });
    expect(report.summary.byType.run_status_changed).toEqual({ events: 2, valid: 2, invalid: 0, warnings: 1 });
    expect(report.failures).toEqual([
      expect.objectContaining({
        line: 2,
        severity: "warning",
        issues: [expect.objectContaining({ code: "illegal_transition" })],
      }),
    ]);
    const github = runCli(["validate", "--lifecycle=warn", "--format", "github", path("lifecycle.ndjson")]);
    expect(github.stdout).toMatch(
      /^::warning file=.*,line=2,title=ironflow-events%3A run_status_changed event::\/to: a run cannot move/m,
    );
  });

  test("--lifecycle=error: an illegal move makes the event invalid, exit code 1", () => {
    const result = runCli(["validate", "--lifecycle=error", "--format", "json", path("lifecycle.ndjson")]);
    expect(result.status).toBe(1);
    const report = jsonReport(result);
    expect(report.summary).toMatchObject({ events: 3, valid: 2, invalid: 1, warnings: 0 });
    expect(report.failures).toEqual([
      expect.objectContaining({ line: 2, severity: "error", type: "run_status_changed" }),
    ]);
  });

  test("without --lifecycle, moves are not checked", () => {
    const report = jsonReport(runCli(["validate", "--format", "json", path("lifecycle.ndjson")]));
    expect(report.summary).toMatchObject({ valid: 3, warnings: 0 });
    expect(report.failures).toEqual([]);
  });
});

describe("exit codes and help", () => {
  test("0 when every event is valid, 1 when one is invalid, 2 for an unreadable path", () => {
    expect(runCli(["validate", path("good.ndjson")]).status).toBe(0);
    expect(runCli(["validate", path("good.ndjson"), path("bad.ndjson")]).status).toBe(1);
    expect(runCli(["validate", path("good.ndjson"), path("bad.ndjson"), path("gone.json")]).status).toBe(2);
  });

  test.each([
    [["validate"], /no input given/],
    [["validate", "--format", "xml", "a.json"], /--format must be text, json or github, got "xml"/],
    [["validate", "--max-errors", "0", "a.json"], /--max-errors takes a whole number of at least 1, got "0"/],
    [["validate", "--max-size", "lots", "a.json"], /--max-size takes a number of bytes/],
    [["validate", "--lifecycle=strict", "a.json"], /--lifecycle takes warn or error/],
    [["validate", "--colour", "a.json"], /Unknown option '--colour'/],
    [["frobnicate"], /unknown command "frobnicate"/],
    [[], /no command given/],
  ])("usage error %j: exit code 2 and a message on stderr", (args, message) => {
    const result = runCli(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
  });

  test("--help shows the usage with examples, exit code 0", () => {
    const result = runCli(["validate", "--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: ironflow-events validate \[options\] <path\|glob\|->\.\.\./);
    for (const option of ["--format", "--strict", "--lifecycle", "--max-errors", "--max-size", "--quiet"])
      expect(result.stdout).toContain(option);
    expect(result.stdout).toContain("Exit codes: 0");
    expect(result.stdout).toMatch(/Examples:\n {2}ironflow-events validate /);
    expect(runCli(["--help"]).stdout).toMatch(/Commands:\n {2}validate/);
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
