// `ironflow-events validate`, the built CLI as a child process: every kind of input (files
// of each extension, directories, globs, standard input, files of other names), and what
// happens to lines and files that are not events (BOM, CRLF, blank lines, broken JSON,
// bytes that are not UTF-8, missing paths).
import { closeSync, openSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  ensureBuilt,
  jsonReport,
  LOG_LINE,
  ndjson,
  RUN_CREATED,
  RUN_FAILED,
  runCli,
  tempDir,
  USER_SIGNED_OUT,
} from "../../support/cli-harness.js";

beforeAll(() => ensureBuilt());

const BAD_DURATION = { ...RUN_FAILED, duration_ms: -1 };

describe("files of each kind", () => {
  const tmp = tempDir({
    "one.json": JSON.stringify(RUN_CREATED, null, 2),
    "array.json": `[\n  ${JSON.stringify(RUN_CREATED)},\n\n  ${JSON.stringify(BAD_DURATION)},\n  ${JSON.stringify(LOG_LINE)}\n]\n`,
    "stream.ndjson": ndjson(RUN_CREATED, LOG_LINE, BAD_DURATION),
    "stream.jsonl": ndjson(USER_SIGNED_OUT, USER_SIGNED_OUT),
    "events.log": ndjson(LOG_LINE, BAD_DURATION),
  });
  afterAll(tmp.remove);
  const path = (name: string) => join(tmp.dir, name);

  test("a .json file with one valid event passes with exit code 0", () => {
    const result = runCli(["validate", "--format", "json", path("one.json")]);
    expect(result.status).toBe(0);
    const report = jsonReport(result);
    expect(report.summary).toMatchObject({ files: 1, events: 1, valid: 1, invalid: 0 });
    expect(report.failures).toEqual([]);
  });

  test("a .json array: each element is an event, located by its line and index", () => {
    const result = runCli(["validate", "--format", "json", path("array.json")]);
    expect(result.status).toBe(1);
    const report = jsonReport(result);
    expect(report.summary).toMatchObject({ events: 3, valid: 2, invalid: 1 });
    expect(report.failures).toEqual([
      {
        file: path("array.json"),
        line: 4,
        index: 1,
        type: "run_failed",
        severity: "error",
        issues: [expect.objectContaining({ path: "/duration_ms", code: "range" })],
      },
    ]);
  });

  test("an .ndjson file: one event per line, failures by line", () => {
    const result = runCli(["validate", "--format", "json", path("stream.ndjson")]);
    expect(result.status).toBe(1);
    const report = jsonReport(result);
    expect(report.summary).toMatchObject({ events: 3, valid: 2, invalid: 1 });
    expect(report.failures!.map((f) => [f.line, f.type, f.index])).toEqual([[3, "run_failed", undefined]]);
  });

  test("a .jsonl file is read as NDJSON", () => {
    const report = jsonReport(runCli(["validate", "--format", "json", path("stream.jsonl")]));
    expect(report.summary).toMatchObject({ events: 2, valid: 2 });
    expect(report.summary.byType).toEqual({ user_signed_out: { events: 2, valid: 2, invalid: 0, warnings: 0 } });
  });

  test("a file of another extension, named on the command line, is read by its content (NDJSON here)", () => {
    const report = jsonReport(runCli(["validate", "--format", "json", path("events.log")]));
    expect(report.summary).toMatchObject({ files: 1, events: 2, invalid: 1 });
    expect(report.failures![0]!.line).toBe(2);
  });
});

describe("directories and globs", () => {
  const tmp = tempDir({
    "fixtures/a.json": JSON.stringify(RUN_CREATED),
    "fixtures/nested/deeper/b.ndjson": ndjson(LOG_LINE, BAD_DURATION),
    "fixtures/nested/c.jsonl": ndjson(USER_SIGNED_OUT),
    "fixtures/nested/d.JSON": JSON.stringify(RUN_FAILED),
    "fixtures/README.md": "not an event",
    "fixtures/notes.txt": "{ nor this",
    "fixtures/.hidden/e.json": JSON.stringify(RUN_CREATED),
    "captures/2024-06-01.json": JSON.stringify(RUN_CREATED),
    "captures/2024-06-02.json": JSON.stringify(BAD_DURATION),
    "captures/2024-07-01.json": JSON.stringify(RUN_CREATED),
    "captures/x/2024-06-03.json": JSON.stringify(RUN_CREATED),
  });
  afterAll(tmp.remove);
  const files = (args: string[]) => {
    const result = runCli(["validate", "--format", "json", ...args], { cwd: tmp.dir });
    const report = jsonReport(result);
    return { result, report, failed: report.failures!.map((f) => f.file) };
  };

  test("a directory is searched recursively for .json, .ndjson and .jsonl files, in sorted order", () => {
    const { result, report, failed } = files(["fixtures"]);
    expect(result.status).toBe(1);
    // a.json, .hidden/e.json, nested/c.jsonl, nested/d.JSON, nested/deeper/b.ndjson; not README.md or notes.txt
    expect(report.summary).toMatchObject({ files: 5, events: 6, valid: 5, invalid: 1 });
    expect(failed).toEqual([join("fixtures", "nested", "deeper", "b.ndjson")]);
  });

  test("a quoted glob with * matches in one directory", () => {
    const { report, failed } = files(["captures/2024-06-*.json"]);
    expect(report.summary).toMatchObject({ files: 2, events: 2, invalid: 1 });
    expect(failed).toEqual(["captures/2024-06-02.json"]);
  });

  test("** matches any depth, ? one character, [...] a class", () => {
    expect(files(["captures/**/2024-06-0?.json"]).report.summary.files).toBe(3);
    expect(files(["captures/2024-0[7-9]-*.json"]).report.summary).toMatchObject({ files: 1, invalid: 0 });
    expect(files(["captures/2024-0[!7]-0[12].json"]).report.summary.files).toBe(2);
    expect(files(["**/*.jsonl"]).report.summary.files).toBe(1);
  });

  test("a glob that matches a directory validates what is in it; each file is read once", () => {
    const { report } = files(["fixtures/nest*", "fixtures/nested/c.jsonl"]);
    expect(report.summary).toMatchObject({ files: 3, events: 4 });
  });

  test("a glob that matches nothing is an error naming it (exit code 2)", () => {
    const { result, report } = files(["captures/*.ndjson", "captures/2024-06-01.json"]);
    expect(result.status).toBe(2);
    expect(report.errors).toEqual([{ file: "captures/*.ndjson", message: "no file matches this pattern" }]);
    expect(report.summary).toMatchObject({ files: 1, events: 1, valid: 1, errors: 1 });
  });
});

describe("standard input", () => {
  test("- reads NDJSON from standard input, reported as <stdin>", () => {
    const result = runCli(["validate", "--format", "json", "-"], {
      stdin: ndjson(RUN_CREATED, BAD_DURATION, LOG_LINE),
    });
    expect(result.status).toBe(1);
    const report = jsonReport(result);
    expect(report.summary).toMatchObject({ files: 1, events: 3, invalid: 1 });
    expect(report.failures![0]).toMatchObject({ file: "<stdin>", line: 2, type: "run_failed" });
  });

  test("standard input holding a JSON array is sniffed as one document", () => {
    const text = JSON.stringify([RUN_CREATED, LOG_LINE, BAD_DURATION], null, 2);
    const report = jsonReport(runCli(["validate", "--format", "json", "-"], { stdin: text }));
    expect(report.summary).toMatchObject({ events: 3, invalid: 1 });
    expect(report.failures![0]).toMatchObject({ index: 2, type: "run_failed" });
  });

  test("standard input holding one pretty-printed event is sniffed as one document", () => {
    const report = jsonReport(
      runCli(["validate", "--format", "json", "-"], { stdin: JSON.stringify(RUN_FAILED, null, 2) }),
    );
    expect(report.summary).toMatchObject({ events: 1, valid: 1 });
  });

  test("standard input redirected from a file, mixed with files on the command line", () => {
    const tmp = tempDir({ "in.ndjson": ndjson(LOG_LINE, LOG_LINE), "more.json": JSON.stringify(RUN_CREATED) });
    const fd = openSync(join(tmp.dir, "in.ndjson"), "r");
    try {
      const report = jsonReport(
        runCli(["validate", "--format", "json", join(tmp.dir, "more.json"), "-"], { stdin: fd }),
      );
      expect(report.summary).toMatchObject({ files: 2, events: 3, valid: 3 });
    } finally {
      closeSync(fd);
      tmp.remove();
    }
  });

  test("empty standard input: no events, exit code 0", () => {
    const result = runCli(["validate", "--format", "json", "-"], { stdin: "" });
    expect(result.status).toBe(0);
    expect(jsonReport(result).summary).toMatchObject({ files: 1, events: 0 });
  });
});

describe("lines and documents that are not events", () => {
  test("BOM, CRLF line ends and blank lines are accepted, and line numbers count every line", () => {
    const text = `\ufeff${JSON.stringify(RUN_CREATED)}\r\n\r\n   \r\n${JSON.stringify(LOG_LINE)}\r\n\n${JSON.stringify(BAD_DURATION)}\r\n`;
    const tmp = tempDir({ "crlf.ndjson": text, "bom.json": `\ufeff${JSON.stringify(RUN_CREATED)}\r\n` });
    try {
      const result = runCli(["validate", "--format", "json", join(tmp.dir, "crlf.ndjson"), join(tmp.dir, "bom.json")]);
      const report = jsonReport(result);
      expect(report.summary).toMatchObject({ files: 2, events: 4, valid: 3, invalid: 1 });
      expect(report.failures!.map((f) => f.line)).toEqual([6]);
    } finally {
      tmp.remove();
    }
  });

  test("a line that is not JSON is a json_syntax failure of that line, with its column; the others are still read", () => {
    const broken = '{"type":"run_created","run_id":"0190f3a2-6c1e-7d3b-9a4f-2b8c1d0e5f67",,"at":"x"}';
    const tmp = tempDir({ "mixed.ndjson": ndjson(RUN_CREATED, broken, "not json at all", LOG_LINE) });
    try {
      const file = join(tmp.dir, "mixed.ndjson");
      const result = runCli(["validate", "--format", "json", file]);
      expect(result.status).toBe(1);
      const report = jsonReport(result);
      expect(report.summary).toMatchObject({ events: 4, valid: 2, invalid: 2 });
      expect(report.failures).toEqual([
        {
          file,
          line: 2,
          column: 71,
          severity: "error",
          issues: [
            { path: "", code: "json_syntax", message: expect.stringContaining("column 71"), line: 2, column: 71 },
          ],
        },
        expect.objectContaining({ line: 3, column: 1 }),
      ]);
      const text = runCli(["validate", file]);
      expect(text.stdout).toContain(`${file}:2:71\n`);
      expect(text.stdout).toMatch(
        /is not valid JSON \(column 71\): expected a property name in double quotes, found ','/,
      );
    } finally {
      tmp.remove();
    }
  });

  test("a .json file that is not JSON: json_syntax at its line and column in the file", () => {
    const tmp = tempDir({ "broken.json": '[\n  {"type": "run_created"},\n  {"type": nope}\n]' });
    try {
      const report = jsonReport(runCli(["validate", "--format", "json", join(tmp.dir, "broken.json")]));
      expect(report.failures).toEqual([
        expect.objectContaining({
          line: 3,
          column: 12,
          issues: [expect.objectContaining({ code: "json_syntax", line: 3, column: 12 })],
        }),
      ]);
    } finally {
      tmp.remove();
    }
  });

  test("bytes that are not UTF-8 fail the line they are on", () => {
    const bad = Buffer.concat([
      Buffer.from(ndjson(RUN_CREATED)),
      Buffer.from('{"type":"log_line","line":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}\n'),
      Buffer.from(ndjson(LOG_LINE)),
    ]);
    const tmp = tempDir({ "latin.ndjson": bad });
    try {
      const report = jsonReport(runCli(["validate", "--format", "json", join(tmp.dir, "latin.ndjson")]));
      expect(report.summary).toMatchObject({ events: 3, valid: 2, invalid: 1 });
      expect(report.failures![0]).toMatchObject({ line: 2, column: 28 });
      expect(report.failures![0]!.issues[0]!.message).toContain("not UTF-8");
    } finally {
      tmp.remove();
    }
  });

  test("a missing file is an I/O error naming the path (exit code 2); the other paths are still validated", () => {
    const tmp = tempDir({ "ok.json": JSON.stringify(RUN_CREATED) });
    try {
      const missing = join(tmp.dir, "missing.ndjson");
      const result = runCli(["validate", missing, join(tmp.dir, "ok.json")]);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`ironflow-events: ${missing}: no such file or directory\n`);
      expect(result.stdout).toMatch(/^1 file, 1 event: 1 valid, 0 invalid/);
      expect(result.stdout).toContain("1 path could not be read.");
    } finally {
      tmp.remove();
    }
  });

  test("a directory's unreadable entries (a dangling link, a loop of links) are I/O errors, as in the glob form", () => {
    const tmp = tempDir({ "dir/ok.json": JSON.stringify(RUN_CREATED), "dir/notes.txt": "not an event file" });
    try {
      const dir = join(tmp.dir, "dir");
      symlinkSync(join(dir, "nowhere.json"), join(dir, "dangling.json"));
      symlinkSync(join(dir, "loop-b.ndjson"), join(dir, "loop-a.ndjson"));
      symlinkSync(join(dir, "loop-a.ndjson"), join(dir, "loop-b.ndjson"));
      symlinkSync(join(dir, "nowhere"), join(dir, "dangling-other")); // no event file's name: never read
      const expected = [
        { file: join(dir, "dangling.json"), message: "no such file or directory" },
        { file: join(dir, "loop-a.ndjson"), message: "too many symbolic links" },
        { file: join(dir, "loop-b.ndjson"), message: "too many symbolic links" },
      ];
      for (const args of [[dir], [join(dir, "*.*json")]]) {
        const result = runCli(["validate", "--format", "json", ...args]);
        expect(result.status, args.join(" ")).toBe(2);
        const report = jsonReport(result);
        expect(report.errors, args.join(" ")).toEqual(expected);
        expect(report.summary, args.join(" ")).toMatchObject({ files: 1, events: 1, valid: 1, errors: 3 });
      }
    } finally {
      tmp.remove();
    }
  });

  test("an unreadable path (a symbolic link to nowhere found in a glob) is an I/O error, not a crash", () => {
    const tmp = tempDir({ "ok.json": JSON.stringify(RUN_CREATED) });
    try {
      symlinkSync(join(tmp.dir, "nowhere.json"), join(tmp.dir, "dangling.json"));
      const result = runCli(["validate", "--format", "json", join(tmp.dir, "*.json")]);
      expect(result.status).toBe(2);
      const report = jsonReport(result);
      expect(report.errors).toEqual([{ file: join(tmp.dir, "dangling.json"), message: "no such file or directory" }]);
      expect(report.summary).toMatchObject({ files: 1, events: 1, valid: 1 });
    } finally {
      tmp.remove();
    }
  });
});
