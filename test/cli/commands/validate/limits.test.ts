// `ironflow-events validate` at scale, the built CLI as a child process: constant memory on
// a 300 MB NDJSON file and on a single 2 GB line (peak RSS measured), --max-size for lines,
// files and standard input, and the progress line (on a terminal only).
import { appendFileSync, closeSync, openSync, readFileSync, truncateSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  ensureBuilt,
  jsonReport,
  LOG_LINE,
  ndjson,
  ROOT,
  RUN_CREATED,
  RUN_FAILED,
  runCli,
  runCliInTerminal,
  runCliMeasuringRss,
  tempDir,
} from "../../../support/cli-harness.js";

const MB = 1024 * 1024;
const PEAK_RSS_LIMIT = 200 * MB;

const tmp = tempDir();
afterAll(tmp.remove);
beforeAll(() => ensureBuilt());

describe("a 300 MB NDJSON file", () => {
  // The engine-written events of examples/, repeated, then one invalid line at the end.
  const file = join(tmp.dir, "300mb.ndjson");
  let lines = 0;
  beforeAll(() => {
    const block = readFileSync(join(ROOT, "examples", "valid", "engine-stream.ndjson"), "utf8").trimEnd() + "\n";
    const perBlock = block.split("\n").length - 1;
    const batch = Buffer.from(block.repeat(100));
    const fd = openSync(file, "w");
    let written = 0;
    while (written < 300 * 1e6) {
      written += writeSync(fd, batch);
      lines += perBlock * 100;
    }
    writeSync(fd, JSON.stringify({ ...RUN_FAILED, duration_ms: -1 }) + "\n");
    lines++;
    closeSync(fd);
  });

  test.each([
    ["on worker threads (the default for a large file)", []],
    ["on one thread (--jobs 1)", ["--jobs", "1"]],
  ])(
    "is validated %s with a peak RSS under 200 MB, every line counted, the bad one found; nothing on stderr",
    async (_, jobs) => {
      const result = await runCliMeasuringRss(["validate", "--format", "json", ...jobs, file]);
      expect(result.status).toBe(1);
      const report = jsonReport(result);
      expect(report.summary).toMatchObject({ files: 1, events: lines, valid: lines - 1, invalid: 1 });
      expect(report.failures!.map((f) => [f.line, f.type])).toEqual([[lines, "run_failed"]]);
      expect(result.stderr).toBe(""); // no progress line: stderr is not a terminal
      expect(result.peakRss).toBeGreaterThan(10 * MB); // measured at all
      expect(result.peakRss).toBeLessThan(PEAK_RSS_LIMIT);
    },
  );

  test("on a terminal, a progress line shows bytes done of the total, the share, an ETA and events/s", async () => {
    const result = await runCliInTerminal(["validate", "--quiet", file]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /\r\x1b\[Kvalidating: [0-9.]+ MiB of 28[0-9] MiB \([0-9]+%\), ETA [0-9]+:[0-9]{2}, [0-9,]+ events\/s/,
    );
    // The line is cleared before the summary is written.
    expect(result.stdout).toMatch(/\r\x1b\[K1 file, [0-9,]+ events: /);
  });
});

describe("one 2 GB line", () => {
  // A sparse file: the start of an event, then 2 GiB of zero bytes without a newline, then a
  // short valid line. Reading it is fast; holding the long line would take gigabytes.
  const file = join(tmp.dir, "2gb-line.ndjson");
  const LONG = 2 * 1024 * MB;
  beforeAll(() => {
    writeFileSync(file, '{"type":"log_line","line":"');
    truncateSync(file, LONG);
    appendFileSync(file, `\n${JSON.stringify(RUN_CREATED)}\n`);
  });

  test("is a too_large failure of that line, read with a peak RSS under 200 MB; the next line is still validated", async () => {
    const result = await runCliMeasuringRss(["validate", "--format", "json", file]);
    expect(result.status).toBe(1);
    const report = jsonReport(result);
    expect(report.failures).toEqual([
      {
        file,
        line: 1,
        severity: "error",
        issues: [
          {
            path: "",
            code: "too_large",
            message: `is ${LONG} bytes, over the limit of 1048576 bytes (--max-size); the line was not read`,
          },
        ],
      },
    ]);
    expect(report.summary).toMatchObject({ events: 2, valid: 1, invalid: 1 });
    expect(result.peakRss).toBeLessThan(PEAK_RSS_LIMIT);
  });

  test("streamed through standard input too", async () => {
    const fd = openSync(file, "r");
    try {
      const result = await runCliMeasuringRss(["validate", "--format", "json", "-"], { stdin: fd });
      const report = jsonReport(result);
      expect(report.failures!.map((f) => [f.file, f.line, f.issues[0]!.code])).toEqual([["<stdin>", 1, "too_large"]]);
      expect(report.summary).toMatchObject({ events: 2, valid: 1, invalid: 1 });
      expect(result.peakRss).toBeLessThan(PEAK_RSS_LIMIT);
    } finally {
      closeSync(fd);
    }
  });
});

describe("--max-size", () => {
  const event = JSON.stringify(LOG_LINE); // about 200 bytes
  const long = JSON.stringify({ ...LOG_LINE, line: "x".repeat(3000) });

  test("a longer NDJSON line is too_large; shorter lines around it are validated", () => {
    const path = join(tmp.dir, "long-line.ndjson");
    writeFileSync(path, ndjson(event, long, event));
    const result = runCli(["validate", "--format", "json", "--max-size", "1K", path]);
    expect(result.status).toBe(1);
    const report = jsonReport(result);
    expect(report.options.maxSize).toBe(1024);
    expect(report.summary).toMatchObject({ events: 3, valid: 2, invalid: 1 });
    expect(report.failures![0]).toMatchObject({
      line: 2,
      issues: [
        { code: "too_large", message: expect.stringMatching(/^is 3[0-9]{3} bytes, over the limit of 1024 bytes/) },
      ],
    });
    // The same line passes under the default limit.
    expect(runCli(["validate", path]).status).toBe(0);
  });

  test("a line exactly at the limit passes, one byte more fails; a CR before the newline does not count", () => {
    const path = join(tmp.dir, "exact.ndjson");
    writeFileSync(path, `${event}\r\n`);
    const size = Buffer.byteLength(event);
    expect(runCli(["validate", "--max-size", String(size), path]).status).toBe(0);
    expect(runCli(["validate", "--max-size", String(size - 1), path]).status).toBe(1);
  });

  test("a .json file larger than the limit is refused from its size, unread", () => {
    const path = join(tmp.dir, "big.json");
    const events = Array.from({ length: 6000 }, () => LOG_LINE);
    writeFileSync(path, JSON.stringify(events)); // about 1.2 MB, over the default 1 MiB
    const result = runCli(["validate", "--format", "json", path]);
    expect(result.status).toBe(1);
    const report = jsonReport(result);
    expect(report.failures).toEqual([
      expect.objectContaining({
        line: 1,
        issues: [
          expect.objectContaining({ code: "too_large", message: expect.stringContaining("the file was not read") }),
        ],
      }),
    ]);
    expect(report.summary).toMatchObject({ events: 1, invalid: 1 });
    // A larger limit reads it: every element is an event.
    expect(jsonReport(runCli(["validate", "--format", "json", "--max-size", "2M", path])).summary).toMatchObject({
      events: 6000,
      valid: 6000,
    });
  });

  test("a JSON document on standard input larger than the limit is too_large", () => {
    const text = JSON.stringify(
      Array.from({ length: 50 }, () => LOG_LINE),
      null,
      2,
    );
    const result = runCli(["validate", "--format", "json", "--max-size", "4K", "-"], { stdin: text });
    expect(result.status).toBe(1);
    expect(jsonReport(result).failures![0]!.issues[0]).toMatchObject({
      code: "too_large",
      message: expect.stringMatching(
        /^is at least [0-9]{4,} bytes, over the limit of 4096 bytes \(--max-size\); the document was not read$/,
      ),
    });
  });
});
