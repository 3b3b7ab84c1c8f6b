// npm run bench:cli — the speed of `ironflow-events validate`.
//
// 1. NDJSON: a generated file of about 1 GB with the engine's mix of events, read by
//    - our CLI (`node dist/cli.js validate --quiet`), as it runs by default (worker threads
//      for a file this large) and with --jobs 1, and
//    - a baseline that only reads the file line by line and JSON.parses each line
//      (bench/read-and-parse.mjs, streaming the same way).
//    Target: the CLI at >= 60% of the baseline's throughput.
// 2. A directory of 10,000 single-event JSON files, read by
//    - our CLI, and
//    - `ajv validate` of ajv-cli with the bundled schema and ajv-formats.
//    Target: the CLI faster than ajv-cli.
//
// Each tool runs as a child process (start-up included), best of RUNS runs taken in turns
// with the tool it is compared with. The data is generated once into bench/data/
// (gitignored) and reused.
// Options: --size-mb N (default 1024), --runs N (default 3).
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { engineEventLines } from "../test/support/vectors.js";

const { values } = parseArgs({ options: { "size-mb": { type: "string" }, runs: { type: "string" } } });
const SIZE = Number(values["size-mb"] ?? 1024) * 1024 * 1024;
const RUNS = Number(values.runs ?? 3);
const DATA = "bench/data";
const NDJSON = join(DATA, `engine-mix-${SIZE / 1024 / 1024}mb.ndjson`);
const DIR = join(DATA, "dir-10k");
const DIR_FILES = 10_000;
const MAX_LINE = 1536; // lines under 1.5 KB, as in the engine's ordinary traffic
const CLI = "dist/cli.js";

/** The engine's own events, as templates: their lines under 1.5 KB. */
function samples(): string[] {
  return engineEventLines().filter((line) => Buffer.byteLength(line) < MAX_LINE - 64);
}

const UUID = /"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"/g;
const AT = /"at":"[^"]*"/;
const FRACTIONS = ["", ".123", ".123456", ".123456789"];
let clock = Date.UTC(2026, 0, 1);

/** A sample with fresh UUIDs and a fresh timestamp (0, 3, 6 or 9 fraction digits, as the engine writes). */
function fresh(sample: string): string {
  clock += 1 + Math.floor(Math.random() * 50);
  const at = new Date(clock).toISOString().slice(0, 19) + FRACTIONS[clock % 4] + "Z";
  return sample.replace(UUID, () => `"${randomUUID()}"`).replace(AT, `"at":"${at}"`);
}

function generateNdjson(templates: string[]): void {
  if (existsSync(NDJSON) && statSync(NDJSON).size >= SIZE) return;
  console.log(`generating ${NDJSON} (${(SIZE / 1e6).toFixed(0)} MB)…`);
  const fd = openSync(NDJSON, "w");
  let written = 0;
  while (written < SIZE) {
    const batch: string[] = [];
    let length = 0;
    while (length < 8 * 1024 * 1024) {
      const line = fresh(templates[Math.floor(Math.random() * templates.length)]!);
      batch.push(line);
      length += line.length + 1;
    }
    written += writeSync(fd, `${batch.join("\n")}\n`);
  }
  closeSync(fd);
}

function generateDirectory(templates: string[]): void {
  if (existsSync(DIR) && readdirSync(DIR).length === DIR_FILES) return;
  console.log(`generating ${DIR} (${DIR_FILES} files)…`);
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  for (let i = 0; i < DIR_FILES; i++) {
    const event = JSON.parse(fresh(templates[i % templates.length]!));
    writeFileSync(join(DIR, `${String(i).padStart(5, "0")}.json`), `${JSON.stringify(event, null, 2)}\n`);
  }
}

interface Measure {
  seconds: number;
  stdout: string;
  status: number | null;
}

/** Runs each command RUNS times, in turn, and keeps the fastest run of each. */
function interleaved(commands: [string, string[]][]): Measure[] {
  const best: (Measure | undefined)[] = commands.map(() => undefined);
  for (let i = 0; i < RUNS; i++) {
    commands.forEach(([command, args], k) => {
      const start = performance.now();
      const child = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      const seconds = (performance.now() - start) / 1000;
      if (child.error) throw child.error;
      if (best[k] === undefined || seconds < best[k]!.seconds)
        best[k] = { seconds, stdout: child.stdout, status: child.status };
    });
  }
  return best as Measure[];
}

function expectStatus(name: string, measure: Measure, status: number): void {
  if (measure.status !== status) {
    console.error(`${name}: exit code ${measure.status}, expected ${status}\n${measure.stdout.slice(0, 2000)}`);
    process.exit(1);
  }
}

const AJV = "node_modules/.bin/ajv";
const ajvArgs = (data: string) => [
  "validate",
  "-s",
  "generated/schema.json",
  "-d",
  data,
  "-c",
  "ajv-formats",
  "-c",
  "./bench/ajv-ironflow.cjs",
  "--spec=draft2020",
  "--strict=false",
];

/** ajv-cli must really validate: an event with a bad UUID has to fail. */
function checkAjvValidates(templates: string[]): void {
  const dir = join(DATA, "ajv-sanity");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const event = JSON.parse(fresh(templates[0]!));
  event.run_id = "not-a-uuid";
  writeFileSync(join(dir, "bad.json"), JSON.stringify(event));
  const child = spawnSync(AJV, ajvArgs(join(dir, "*.json")), { encoding: "utf8" });
  if (child.status === 0) {
    console.error("ajv-cli accepted an invalid event: its options do not make it validate");
    process.exit(1);
  }
}

function main(): void {
  mkdirSync(DATA, { recursive: true });
  const build = spawnSync("node_modules/.bin/tsup", [], { stdio: "ignore" });
  if (build.status !== 0) throw new Error("npx tsup failed");
  const templates = samples();
  generateNdjson(templates);
  generateDirectory(templates);
  checkAjvValidates(templates);

  const ndjsonBytes = statSync(NDJSON).size;
  const dirBytes = readdirSync(DIR).reduce((sum, name) => sum + statSync(join(DIR, name)).size, 0);
  const jobs = Math.min(availableParallelism(), 4); // the CLI's default for a large file
  console.log(`node ${process.version}, ${availableParallelism()} CPUs, best of ${RUNS} runs\n`);

  // The runs of each pair alternate, so that a slow spell of a shared machine hits both sides.
  const [baseline, cli, cliOne] = interleaved([
    [process.execPath, ["bench/read-and-parse.mjs", NDJSON]],
    [process.execPath, [CLI, "validate", "--quiet", "--format", "json", NDJSON]],
    [process.execPath, [CLI, "validate", "--quiet", "--format", "json", "--jobs", "1", NDJSON]],
  ]) as [Measure, Measure, Measure];
  expectStatus("baseline", baseline, 0);
  expectStatus("ironflow-events (NDJSON)", cli, 0);
  expectStatus("ironflow-events --jobs 1 (NDJSON)", cliOne, 0);
  const events = Number(baseline.stdout.trim());
  for (const measure of [cli, cliOne]) {
    const report = JSON.parse(measure.stdout) as { summary: { events: number; valid: number } };
    if (report.summary.events !== events || report.summary.valid !== events)
      throw new Error(
        `the CLI saw ${report.summary.events} events (${report.summary.valid} valid), the baseline ${events}`,
      );
  }

  const [ajv, cliDir] = interleaved([
    [AJV, ajvArgs(join(DIR, "*.json"))],
    [process.execPath, [CLI, "validate", "--quiet", DIR]],
  ]) as [Measure, Measure];
  expectStatus("ajv-cli (directory)", ajv, 0);
  expectStatus("ironflow-events (directory)", cliDir, 0);

  const mbps = (bytes: number, m: Measure) => bytes / 1e6 / m.seconds;
  const eps = (n: number, m: Measure) => n / m.seconds;
  const rows = [
    [
      "NDJSON, read + JSON.parse (baseline)",
      `${(ndjsonBytes / 1e6).toFixed(0)} MB, ${events} events`,
      baseline,
      mbps(ndjsonBytes, baseline),
      eps(events, baseline),
    ],
    [`NDJSON, ironflow-events validate (${jobs} threads)`, "same file", cli, mbps(ndjsonBytes, cli), eps(events, cli)],
    ["NDJSON, ironflow-events validate --jobs 1", "same file", cliOne, mbps(ndjsonBytes, cliOne), eps(events, cliOne)],
    [
      "directory, ajv-cli validate",
      `${DIR_FILES} files, ${(dirBytes / 1e6).toFixed(1)} MB`,
      ajv,
      mbps(dirBytes, ajv),
      eps(DIR_FILES, ajv),
    ],
    ["directory, ironflow-events validate", "same directory", cliDir, mbps(dirBytes, cliDir), eps(DIR_FILES, cliDir)],
  ] as const;
  console.log("| run | input | time | MB/s | events/s |");
  console.log("|---|---|---:|---:|---:|");
  for (const [name, input, m, mb, ev] of rows)
    console.log(
      `| ${name} | ${input} | ${m.seconds.toFixed(2)} s | ${mb.toFixed(0)} | ${Math.round(ev).toLocaleString("en-US")} |`,
    );

  const share = mbps(ndjsonBytes, cli) / mbps(ndjsonBytes, baseline);
  const shareOne = mbps(ndjsonBytes, cliOne) / mbps(ndjsonBytes, baseline);
  const speedup = ajv.seconds / cliDir.seconds;
  console.log(
    `\nNDJSON: ironflow-events at ${(share * 100).toFixed(0)}% of the read-and-parse baseline (target >= 60%): ${share >= 0.6 ? "met" : "MISSED"}`,
  );
  console.log(`NDJSON on one thread (--jobs 1): ${(shareOne * 100).toFixed(0)}% of the baseline`);
  console.log(
    `directory: ironflow-events ${speedup.toFixed(1)}x as fast as ajv-cli (target > 1x): ${speedup > 1 ? "met" : "MISSED"}`,
  );
}

main();
