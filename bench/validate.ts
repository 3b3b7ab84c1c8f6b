// npm run bench:validate [-- --quick]
//
// What validation costs next to JSON.parse, in one process on one corpus per table:
// JSON.parse alone; parseEvent(text), default and strict; JSON.parse + Ajv compiled at run
// time from generated/schema.json with ajv-formats; JSON.parse + zod 4. Then the validators
// alone on values parsed beforehand; the cold import of the package; its size; the heap it
// allocates per event. Prints the tables, writes docs/benchmark.svg and bench/data/validate.json.
// It measures the built package (dist/index.js): run `npm run build` first (the npm script does).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { availableParallelism, cpus } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { do_not_optimize } from "mitata";
import { compileAjv } from "./ajv-runtime.js";
import { barChart } from "./chart.js";
import { engineLines, isShortLine, mutatedLines } from "./corpus.js";
import type { HeapPerEvent } from "./heap.js";
import { compare, type Candidate, type Timing } from "./measure.js";
import { bundleSize } from "./size.js";
import { coldImport } from "./startup.js";
import { zodEvent } from "./zod-schema.js";

type Api = typeof import("../src/index.js");

const root = fileURLToPath(new URL("..", import.meta.url));
const entry = `${root}dist/index.js`;
const quick = process.argv.includes("--quick");

/** The targets of issue 5, checked at the end. */
const TARGETS = { parseRatio: 1.25, speedupOverAjv: 5, importMs: 10, gzipBytes: 15 * 1024 };

interface CorpusSpec {
  name: string;
  lines: string[];
  /** mitata samples per candidate and round: more for small corpora, whose passes are short. */
  samples: number;
}

interface CorpusResult {
  name: string;
  events: number;
  meanBytes: number;
  timings: Timing[];
}

async function main(): Promise<void> {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const distSource = readFileSync(entry, "utf8");
  if (/\bnew Function\(|\beval\(|from "ajv/.test(distSource))
    throw new Error(
      "dist/index.js compiles code at run time or imports Ajv: the validators must be compiled ahead of time",
    );
  const api = (await import(pathToFileURL(entry).href)) as Api;
  const ajv = compileAjv();

  const vectors = engineLines();
  const corpora: CorpusSpec[] = [
    {
      name: "engine mix: 100,000 generated events, lines < 1.5 KB",
      lines: mutatedLines(vectors.filter(isShortLine), quick ? 20_000 : 100_000, 1),
      samples: 3,
    },
    { name: "engine vectors: engine-events.ndjson as written (1,200 events)", lines: vectors, samples: 40 },
    {
      name: "long lines: 2,000 generated events, lines >= 1.5 KB",
      lines: mutatedLines(
        vectors.filter((l) => !isShortLine(l)),
        2_000,
        2,
      ),
      samples: 5,
    },
  ];

  console.log(
    `ironflow-events validation benchmark: Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim()}), ${process.platform}/${process.arch}`,
  );
  console.log(
    `Ajv compiled at run time in ${ajv.compileMs.toFixed(0)} ms (generated/schema.json, Ajv2020 + ajv-formats)\n`,
  );

  const results: CorpusResult[] = [];
  for (const corpus of corpora) results.push(await runCorpus(corpus, api, ajv.validate, quick ? 3 : 7));

  const startup = coldImport(entry, 20);
  const size = await bundleSize(entry);
  const heap = heapPerEvent();

  const main = results[0]!;
  const t = (name: string) => main.timings.find((timing) => timing.name === name)!.nsPerItem;
  const parseRatio = t("parseEvent(text)") / t("JSON.parse(text)");
  const strictRatio = t("parseEvent(text, strict)") / t("JSON.parse(text)");
  const speedup = t("Ajv validate(value)") / t("validateEvent(value)");
  const speedupStrict = t("Ajv validate(value)") / t("validateEvent(value, strict)");
  const importMs = startup.importMs - startup.bareMs;

  console.log("Start-up and size");
  console.log(
    table(
      ["", "value"],
      [
        ['node -e "" (median of 20)', `${startup.bareMs.toFixed(1)} ms`],
        ['node --input-type=module -e ""', `${startup.bareEsmMs.toFixed(1)} ms`],
        ['node: import "ironflow-events" (dist/index.js)', `${startup.importMs.toFixed(1)} ms`],
        ["import cost above bare node", `${importMs.toFixed(1)} ms`],
        ["import cost above node with the ESM loader", `${(startup.importMs - startup.bareEsmMs).toFixed(1)} ms`],
        ["Ajv compiling the bundled schema at run time", `${ajv.compileMs.toFixed(0)} ms`],
        ["ESM entry, every validator, esbuild --minify", `${size.minifiedBytes} B`],
        ["... gzip -9", `${size.gzipBytes} B (${(size.gzipBytes / 1024).toFixed(1)} KiB)`],
      ],
    ),
  );
  console.log("\nHeap allocated per event (1,000,000 calls on the engine mix, success path)");
  console.log(
    table(
      ["", "bytes/event"],
      [
        ["JSON.parse(text) alone", heap.jsonParse.toFixed(1)],
        ["parseEvent(text) minus JSON.parse", heap.parseEventExtra.toFixed(1)],
        ["parseEvent(text, strict) minus JSON.parse", heap.parseEventStrictExtra.toFixed(1)],
        ["parseEvent(value) on a parsed value", heap.parseEventParsed.toFixed(1)],
        ["isEvent(value) on a parsed value", heap.isEvent.toFixed(1)],
        ["validateEvent(value): its { ok, event } result", heap.validateEvent.toFixed(1)],
      ],
    ),
  );

  const checks: [string, boolean][] = [
    [
      `parseEvent(text) = ${parseRatio.toFixed(2)}x JSON.parse (target <= ${TARGETS.parseRatio}x)`,
      parseRatio <= TARGETS.parseRatio,
    ],
    [
      `validation ${speedup.toFixed(1)}x faster than Ajv + ajv-formats (strict ${speedupStrict.toFixed(1)}x; target >= ${TARGETS.speedupOverAjv}x)`,
      speedup >= TARGETS.speedupOverAjv,
    ],
    [
      `cold import ${importMs.toFixed(1)} ms above bare node (target <= ${TARGETS.importMs} ms)`,
      importMs <= TARGETS.importMs,
    ],
    [
      `ESM entry ${(size.gzipBytes / 1024).toFixed(1)} KiB min+gzip (target <= 15 KiB)`,
      size.gzipBytes <= TARGETS.gzipBytes,
    ],
  ];
  console.log("\nTargets (engine mix)");
  for (const [what, ok] of checks) console.log(`  ${ok ? "met " : "MISSED"}  ${what}`);

  const chart = barChart(
    "ironflow-events: validation next to JSON.parse",
    [
      {
        title: "Parse + validate, engine mix (time per event, x JSON.parse alone)",
        bars: [
          { label: "JSON.parse alone", value: 1 },
          { label: "parseEvent(text)", value: parseRatio, ours: true },
          { label: "parseEvent(text, { strict })", value: strictRatio, ours: true },
          { label: "JSON.parse + Ajv + ajv-formats", value: t("JSON.parse + Ajv") / t("JSON.parse(text)") },
          { label: "JSON.parse + zod 4", value: t("JSON.parse + zod") / t("JSON.parse(text)") },
        ],
      },
      {
        title: "Validation only, on parsed values (time per event, x Ajv)",
        bars: [
          { label: "validateEvent(value)", value: 1 / speedup, ours: true },
          { label: "validateEvent(value, { strict })", value: 1 / speedupStrict, ours: true },
          { label: "Ajv + ajv-formats", value: 1 },
          { label: "zod 4 safeParse", value: t("zod safeParse(value)") / t("Ajv validate(value)") },
        ],
      },
    ],
    `Node ${process.version}, ${availableParallelism()} cores; median of ${quick ? 3 : 7} interleaved rounds. Shorter is faster. npm run bench:validate`,
  );
  mkdirSync(`${root}docs`, { recursive: true });
  writeFileSync(`${root}docs/benchmark.svg`, chart);
  mkdirSync(`${root}bench/data`, { recursive: true });
  writeFileSync(
    `${root}bench/data/validate.json`,
    JSON.stringify(
      {
        node: process.version,
        cores: availableParallelism(),
        quick,
        results,
        startup,
        size,
        heap,
        ajvCompileMs: ajv.compileMs,
      },
      null,
      2,
    ),
  );
  console.log("\nwrote docs/benchmark.svg and bench/data/validate.json");
}

async function runCorpus(
  spec: CorpusSpec,
  api: Api,
  ajvValidate: (value: unknown) => boolean,
  rounds: number,
): Promise<CorpusResult> {
  const { lines } = spec;
  const values = lines.map((line) => JSON.parse(line) as unknown);
  const strict = { strict: true };
  // The comparison is of the success path: every candidate must accept every line.
  for (const [i, line] of lines.entries()) {
    const value = values[i];
    if (
      !api.validateEvent(value).ok ||
      !api.validateEvent(value, strict).ok ||
      !ajvValidate(value) ||
      !zodEvent.safeParse(value).success
    )
      throw new Error(`not every validator accepts line ${i + 1} of "${spec.name}": ${line.slice(0, 200)}`);
  }
  const each = (f: (i: number) => unknown) => () => {
    for (let i = 0; i < lines.length; i++) do_not_optimize(f(i));
  };
  const candidates: Candidate[] = [
    { name: "JSON.parse(text)", pass: each((i) => JSON.parse(lines[i]!)) },
    { name: "parseEvent(text)", pass: each((i) => api.parseEvent(lines[i]!)) },
    { name: "parseEvent(text, strict)", pass: each((i) => api.parseEvent(lines[i]!, strict)) },
    { name: "JSON.parse + Ajv", pass: each((i) => ajvValidate(JSON.parse(lines[i]!))) },
    { name: "JSON.parse + zod", pass: each((i) => zodEvent.safeParse(JSON.parse(lines[i]!))) },
    { name: "validateEvent(value)", pass: each((i) => api.validateEvent(values[i])) },
    { name: "validateEvent(value, strict)", pass: each((i) => api.validateEvent(values[i], strict)) },
    { name: "Ajv validate(value)", pass: each((i) => ajvValidate(values[i])) },
    { name: "zod safeParse(value)", pass: each((i) => zodEvent.safeParse(values[i])) },
  ];
  const timings = await compare(candidates, { items: lines.length, rounds, samples: spec.samples });
  const meanBytes = lines.reduce((sum, line) => sum + Buffer.byteLength(line), 0) / lines.length;
  printCorpus(spec.name, lines.length, meanBytes, timings);
  return { name: spec.name, events: lines.length, meanBytes, timings };
}

function printCorpus(name: string, events: number, meanBytes: number, timings: Timing[]): void {
  const ns = (n: string) => timings.find((timing) => timing.name === n)!.nsPerItem;
  const parse = ns("JSON.parse(text)");
  const ajv = ns("Ajv validate(value)");
  console.log(`${name} (mean line ${meanBytes.toFixed(0)} bytes)`);
  const rows = timings
    .slice(0, 5)
    .map((timing) => [
      timing.name,
      timing.nsPerItem.toFixed(0),
      Math.round(timing.perSecond).toLocaleString("en-US"),
      `${(timing.nsPerItem / parse).toFixed(2)}x`,
    ]);
  console.log(table(["parse + validate", "ns/event", "events/s", "x JSON.parse"], rows));
  const validationRows = timings
    .slice(5)
    .map((timing) => [
      timing.name,
      timing.nsPerItem.toFixed(0),
      Math.round(timing.perSecond).toLocaleString("en-US"),
      `${(timing.nsPerItem / ajv).toFixed(2)}x`,
    ]);
  console.log(table(["validation only (parsed values)", "ns/event", "events/s", "x Ajv"], validationRows));
  console.log(
    `  added to JSON.parse: parseEvent ${(ns("parseEvent(text)") - parse).toFixed(0)} ns/event, Ajv ${(ns("JSON.parse + Ajv") - parse).toFixed(0)}, zod ${(ns("JSON.parse + zod") - parse).toFixed(0)}; ${events.toLocaleString("en-US")} events\n`,
  );
}

/** Runs bench/heap.ts in a child process with the flags its measurement needs. */
function heapPerEvent(): HeapPerEvent {
  const child = spawnSync(
    process.execPath,
    [
      "--expose-gc",
      "--min-semi-space-size=128",
      "--max-semi-space-size=128",
      "--import",
      "tsx",
      `${root}bench/heap.ts`,
      entry,
    ],
    { cwd: root, encoding: "utf8", maxBuffer: 1 << 20 },
  );
  if (child.status !== 0) throw new Error(`bench/heap.ts failed:\n${child.stderr}`);
  return JSON.parse(child.stdout) as HeapPerEvent;
}

/** A Markdown table, columns padded, numbers right-aligned. */
function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(" | ")} |`;
  const rule = `|${widths.map((w, c) => (c === 0 ? `${"-".repeat(w + 2)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

await main();
