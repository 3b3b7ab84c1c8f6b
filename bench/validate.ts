// npm run bench:validate [-- --quick]
//
// What validation costs next to JSON.parse, in one process, every candidate on the same
// corpus: JSON.parse alone; parseEvent(text), default and strict; JSON.parse + Ajv compiled at
// run time from generated/schema.json with ajv-formats; JSON.parse + zod 4, as written and
// compiled by z.compile; JSON.parse + typia 9's createIs (generated ahead of time by `npm run
// bench:typia`; left out, and said so, when that file is missing). Then the
// validators alone on values parsed beforehand; the cold import of the package; its size; the
// heap it allocates per event. Prints the tables, writes docs/benchmark.svg and
// bench/data/validate.json. It measures the built package (dist/index.js): the npm script
// builds it first. --quick: a 20,000-event mix and 3 rounds, for a first look (its chart goes
// to bench/data/benchmark-quick.svg).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { availableParallelism, cpus, loadavg } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { do_not_optimize } from "mitata";
import { compileAjv } from "./ajv-runtime.js";
import { barChart } from "./chart.js";
import { engineLines, engineMix, isShortLine, mutatedLines, runStream } from "./corpus.js";
import type { AppProcessTimings } from "./app-process.js";
import type { HeapPerEvent } from "./heap.js";
import { compare, ratio, type Candidate, type Timing } from "./measure.js";
import { bundleSize, subpaths } from "./size.js";
import { coldImport } from "./startup.js";
import { assertFloorFields, formatFields, formatsOnly } from "./format-floor.js";
import { zodCompiled, zodEvent } from "./zod-schema.js";

type Api = typeof import("../src/index.js");

const root = fileURLToPath(new URL("..", import.meta.url));
const entry = `${root}dist/index.js`;
const quick = process.argv.includes("--quick");
const ROUNDS = quick ? 3 : 9;
/** Events of the engine mix and of the run stream. */
const GOAL_EVENTS = quick ? 20_000 : 100_000;

/** Cold starts of each kind (bare node, node with the ESM loader, node importing the package). */
const STARTUP_RUNS = 30;
/** The package's targets for speed, start-up and size, checked at the end. */
const TARGETS = { parseRatio: 1.25, speedupOverAjv: 5, importMs: 10, gzipBytes: 15 * 1024 };

const PARSE = "JSON.parse(text)";
const AJV = "Ajv validate(value)";
const FLOOR = "JSON.parse + format checks alone";
const FLOOR_ONLY = "format checks alone (floor)";
const ZODC = "JSON.parse + zod z.compile";
const TYPIA = "JSON.parse + typia createIs";
/** The goals of issue 23, as ratios within one run. */
const GOALS = { aboveFloor: 0.15, runStream: 1.3, overAjv: 2.5, formatSlowdown: 1.05 };

/** typia's checker, generated ahead of time (bench/typia/), or undefined when it was not. */
const typiaIs = await loadTypia();

async function loadTypia(): Promise<((value: unknown) => boolean) | undefined> {
  const file = fileURLToPath(new URL("./typia/generated/event.ts", import.meta.url));
  if (!existsSync(file)) return undefined;
  return ((await import(pathToFileURL(file).href)) as { typiaIsEvent: (value: unknown) => boolean }).typiaIsEvent;
}

interface CorpusSpec {
  name: string;
  lines: string[];
  /** mitata samples per candidate and round: more for small corpora, whose passes are short. */
  samples: number;
}

interface CorpusResult {
  name: string;
  /** The 1-minute load average when the corpus's rounds began and when they ended. */
  load: [number, number];
  events: number;
  meanBytes: number;
  timings: Timing[];
}

async function main(): Promise<void> {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  if (/\bnew Function\(|\beval\(|from "ajv/.test(readFileSync(entry, "utf8")))
    throw new Error(
      "dist/index.js compiles code at run time or imports Ajv: the validators must be compiled ahead of time",
    );
  const api = (await import(pathToFileURL(entry).href)) as Api;
  const ajv = compileAjv();
  assertFloorFields(formatFields());

  const vectors = engineLines();
  const corpora: CorpusSpec[] = [
    {
      name: `engine mix: ${quick ? "20,000" : "100,000"} generated events, lines < 1.5 KB`,
      lines: engineMix(GOAL_EVENTS),
      samples: 3,
    },
    {
      name: `run stream: ${quick ? "20,000" : "100,000"} events, runs of 3-7 steps with 5-35 log lines each, a run's IDs repeating`,
      lines: runStream(GOAL_EVENTS),
      samples: 3,
    },
    { name: "engine vectors: engine-events.ndjson as written (1,200 events)", lines: vectors, samples: 40 },
    {
      name: "long lines: 2,000 generated events, lines >= 1.5 KB",
      lines: mutatedLines(
        vectors.filter((line) => !isShortLine(line)),
        2_000,
        2,
      ),
      samples: 5,
    },
  ];

  const machine = `Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim()}), ${process.platform}/${process.arch}`;
  console.log(`ironflow-events validation benchmark: ${machine}`);
  console.log(
    `Each figure: the median of ${ROUNDS} rounds that take the candidates in turn; ratios are taken round by round.`,
  );
  console.log(
    `Ajv compiled at run time in ${ajv.compileMs.toFixed(0)} ms (generated/schema.json, Ajv2020 + ajv-formats)\n`,
  );

  const results: CorpusResult[] = [];
  for (const corpus of corpora) results.push(await runCorpus(corpus, api, ajv.validate));
  const apps = { mix: inAppProcess("mix"), stream: inAppProcess("stream") };
  // Each older format read alone in a process of its own, for the goal "no format slower than 2.14's".
  const appFormats = api.ENGINE_FORMATS.slice(0, -1).map(({ format }) => ({ format, ...inAppProcess("mix", format) }));

  const startup = coldImport(entry, STARTUP_RUNS);
  const size = await bundleSize(entry);
  // Each subpath alone, and what it adds to a bundle that has the main entry already; an engine
  // format's own entry (ironflow-events/engines/<format>) stands in for the main one, so its cold
  // import is measured too, and its /webhook for ironflow-events/webhook.
  const subpathSizes = [];
  const all = subpaths(`${root}package.json`);
  const webhookAlone = await bundleSize(all.find(({ name }) => name === "./webhook")!.entry);
  for (const { name, entry: file } of all) {
    const alone = await bundleSize(file);
    if (/^\.\/engines\/[^/]+$/.test(name)) {
      // It exports the main entry's names: an app imports it instead, never beside it.
      const startupAlone = coldImport(file, STARTUP_RUNS);
      subpathSizes.push({
        name,
        alone,
        against: alone.gzipBytes - size.gzipBytes,
        instead: "the main entry",
        startupAlone,
      });
    } else if (name.startsWith("./engines/")) {
      subpathSizes.push({
        name,
        alone,
        against: alone.gzipBytes - webhookAlone.gzipBytes,
        instead: "ironflow-events/webhook",
      });
    } else {
      const withMain = await bundleSize([entry, file]);
      subpathSizes.push({ name, alone, against: withMain.gzipBytes - size.gzipBytes, instead: undefined });
    }
  }
  const heap = heapPerEvent();

  const mix = results[0]!;
  const timing = (name: string) => mix.timings.find((t) => t.name === name)!;
  const toParse = (name: string) => ratio(timing(name), timing(PARSE));
  const toAjv = (name: string) => ratio(timing(name), timing(AJV));
  const parseRatio = toParse("parseEvent(text)");
  const speedup = 1 / toAjv("validateEvent(value)");
  const importMs = startup.importAboveBareMs;

  console.log("Start-up and size");
  console.log(
    table(
      ["", "value"],
      [
        [`node -e "" (median of ${STARTUP_RUNS})`, `${startup.bareMs.toFixed(1)} ms`],
        ['node --input-type=module -e "" (the ESM loader, nothing imported)', `${startup.bareEsmMs.toFixed(1)} ms`],
        ["node importing dist/index.js", `${startup.importMs.toFixed(1)} ms`],
        ["import cost above bare node (median of the differences within a turn)", `${importMs.toFixed(1)} ms`],
        ["import cost above node with the ESM loader (the same)", `${startup.importAboveBareEsmMs.toFixed(1)} ms`],
        ["the same on the children's own CPU clocks", `${startup.importAboveBareEsmCpuMs.toFixed(2)} ms`],
        ["the import alone, on each child's CPU clock around it", `${startup.importAloneCpuMs.toFixed(2)} ms`],
        ["(Ajv compiling the bundled schema at run time)", `${ajv.compileMs.toFixed(0)} ms`],
        ["runtime dependencies (package.json)", String(runtimeDependencies())],
        ["ESM entry with every validator, esbuild --bundle --minify", `${size.minifiedBytes} B`],
        ["... gzip -9", `${size.gzipBytes} B (${(size.gzipBytes / 1024).toFixed(1)} KiB)`],
        ...subpathSizes.flatMap(({ name, alone, against, instead, startupAlone }) => [
          [
            `ironflow-events${name.slice(1)} alone, min+gzip (${instead === undefined ? "added to the main entry" : `instead of ${instead}`})`,
            `${alone.gzipBytes} B (${against < 0 ? "" : "+"}${against} B)`,
          ],
          ...(startupAlone === undefined
            ? []
            : [
                [
                  `ironflow-events${name.slice(1)}: import cost on the children's CPU clocks (as above)`,
                  `${startupAlone.importAboveBareEsmCpuMs.toFixed(2)} ms`,
                ],
                [
                  `ironflow-events${name.slice(1)}: the import alone (as above)`,
                  `${startupAlone.importAloneCpuMs.toFixed(2)} ms`,
                ],
              ]),
        ]),
      ],
    ),
  );
  console.log("\nHeap allocated per event (1,000,000 calls on the engine mix, success path)");
  console.log(
    table(
      ["", "bytes/event"],
      [
        ["JSON.parse(text) alone", bytes(heap.jsonParse)],
        ["parseEvent(text) minus JSON.parse(text)", bytes(heap.parseEventExtra)],
        ["parseEvent(text, strict) minus JSON.parse(text)", bytes(heap.parseEventStrictExtra)],
        ["parseEvent(value), value parsed beforehand", bytes(heap.parseEventParsed)],
        ["isEvent(value)", bytes(heap.isEvent)],
        ["validateEvent(value): its { ok, event } result", bytes(heap.validateEvent)],
      ],
    ),
  );

  const checks: [string, boolean][] = [
    [
      `parseEvent(text) ${parseRatio.toFixed(2)}x JSON.parse(text) (strict ${toParse("parseEvent(text, strict)").toFixed(2)}x); target <= ${TARGETS.parseRatio}x`,
      parseRatio <= TARGETS.parseRatio,
    ],
    [
      `validateEvent(value) ${speedup.toFixed(1)}x faster than Ajv + ajv-formats (isEvent ${(1 / toAjv("isEvent(value)")).toFixed(1)}x, strict ${(1 / toAjv("validateEvent(value, strict)")).toFixed(1)}x); target >= ${TARGETS.speedupOverAjv}x`,
      speedup >= TARGETS.speedupOverAjv,
    ],
    [
      `cold import ${importMs.toFixed(1)} ms above bare node; target <= ${TARGETS.importMs} ms`,
      importMs <= TARGETS.importMs,
    ],
    [
      `ESM entry ${(size.gzipBytes / 1024).toFixed(1)} KiB min+gzip; target <= 15 KiB`,
      size.gzipBytes <= TARGETS.gzipBytes,
    ],
    [`${runtimeDependencies()} runtime dependencies; target 0`, runtimeDependencies() === 0],
  ];
  console.log("\nEngine formats (engine mix, the seed's events, time per event x the seed's format)");
  const seed = timing(`parseEvent(text, engine ${api.ENGINE_FORMATS[0]!.format})`);
  for (const { format } of api.ENGINE_FORMATS.slice(1, -1))
    console.log(`  ${format}: ${ratio(timing(`parseEvent(text, engine ${format})`), seed).toFixed(3)}x`);
  console.log(
    `  ${api.ENGINE_FORMATS.at(-1)!.format} (the default): ${ratio(timing("parseEvent(text)"), seed).toFixed(3)}x`,
  );
  const loads = results.slice(0, 2).map(({ load }) => `${load[0].toFixed(2)}-${load[1].toFixed(2)}`);
  console.log(`\nGoals of issue 23 (ratios within this run; 1-minute load average ${loads.join(" and ")})`);
  for (const [what, met] of issue23Goals(results, api, apps, appFormats))
    console.log(`  ${met ? "met   " : "MISSED"}  ${what}`);
  console.log("\nTargets (engine mix)");
  for (const [what, met] of checks) console.log(`  ${met ? "met   " : "MISSED"}  ${what}`);
  console.log(
    `  floor   JSON.parse + the exact UUID and timestamp checks alone: ${toParse(FLOOR).toFixed(2)}x JSON.parse; those checks alone take ${(100 * ratio(timing(FLOOR_ONLY), timing("isEvent(value)"))).toFixed(0)}% of isEvent(value)`,
  );

  const chart = barChart(
    "ironflow-events: validation next to JSON.parse",
    [
      {
        title: "Parse + validate, engine mix (time per event, x JSON.parse alone)",
        bars: [
          { label: "JSON.parse alone", value: 1 },
          { label: "parseEvent(text)", value: parseRatio, ours: true },
          { label: "parseEvent(text, { strict })", value: toParse("parseEvent(text, strict)"), ours: true },
          { label: "JSON.parse + the format checks alone", value: toParse(FLOOR) },
          { label: "JSON.parse + Ajv + ajv-formats", value: toParse("JSON.parse + Ajv") },
          { label: "JSON.parse + zod 4", value: toParse("JSON.parse + zod") },
        ],
      },
      {
        title: "Validation only, on parsed values (time per event, x Ajv)",
        bars: [
          { label: "validateEvent(value)", value: toAjv("validateEvent(value)"), ours: true },
          { label: "validateEvent(value, { strict })", value: toAjv("validateEvent(value, strict)"), ours: true },
          { label: "isEvent(value)", value: toAjv("isEvent(value)"), ours: true },
          { label: "the format checks alone", value: toAjv(FLOOR_ONLY) },
          { label: "Ajv + ajv-formats", value: 1 },
          { label: "zod 4 safeParse", value: toAjv("zod safeParse(value)") },
        ],
      },
    ],
    `${machine}; median of ${ROUNDS} rounds. Shorter is faster. npm run bench:validate`,
  );
  // A quick run is a first look: it leaves the README's chart alone.
  const svg = quick ? "bench/data/benchmark-quick.svg" : "docs/benchmark.svg";
  mkdirSync(`${root}docs`, { recursive: true });
  mkdirSync(`${root}bench/data`, { recursive: true });
  writeFileSync(`${root}${svg}`, chart);
  writeFileSync(
    `${root}bench/data/validate.json`,
    JSON.stringify(
      { machine, quick, rounds: ROUNDS, results, startup, size, subpathSizes, heap, ajvCompileMs: ajv.compileMs },
      null,
      2,
    ),
  );
  console.log(`\nwrote ${svg} and bench/data/validate.json`);
}

async function runCorpus(spec: CorpusSpec, api: Api, ajvValidate: (value: unknown) => boolean): Promise<CorpusResult> {
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
      !formatsOnly(value as never) ||
      !zodEvent.safeParse(value).success ||
      !zodCompiled.safeParse(value).success ||
      (typiaIs !== undefined && !typiaIs(value))
    )
      throw new Error(`not every validator accepts line ${i + 1} of "${spec.name}": ${line.slice(0, 200)}`);
  }
  // Each candidate hands back what a consumer would keep: the accepted event (or the
  // issues). Handing back a result object instead would charge a candidate for the harness
  // storing a fresh object where the benchmark keeps it alive, which no consumer does.
  const each = (f: (i: number) => unknown) => () => {
    for (let i = 0; i < lines.length; i++) do_not_optimize(f(i));
  };
  const parsed = (i: number) => JSON.parse(lines[i]!) as never;
  // Two tables: text parsed and checked, then values parsed beforehand and checked.
  const onText: Candidate[] = [
    { name: PARSE, pass: each((i) => JSON.parse(lines[i]!)) },
    { name: "parseEvent(text)", pass: each((i) => api.parseEvent(lines[i]!)) },
    { name: "parseEvent(text, strict)", pass: each((i) => api.parseEvent(lines[i]!, strict)) },
    // Each older engine format on the same events (the seed's, which every format reads): the
    // default above is the newest, which fills in the defaults the seed's events leave out.
    ...api.ENGINE_FORMATS.slice(0, -1).map(({ format }) => {
      const options = { engine: format };
      return { name: `parseEvent(text, engine ${format})`, pass: each((i) => api.parseEvent(lines[i]!, options)) };
    }),
    { name: FLOOR, pass: each((i) => keptIf(parsed(i), formatsOnly)) },
    { name: "JSON.parse + Ajv", pass: each((i) => keptIf(parsed(i), ajvValidate)) },
    { name: "JSON.parse + zod", pass: each((i) => zodData(zodEvent.safeParse(parsed(i)))) },
    { name: ZODC, pass: each((i) => zodData(zodCompiled.safeParse(parsed(i)))) },
    ...(typiaIs === undefined ? [] : [{ name: TYPIA, pass: each((i) => keptIf(parsed(i), typiaIs)) }]),
  ];
  const onValues: Candidate[] = [
    { name: "validateEvent(value)", pass: each((i) => eventOrIssues(api.validateEvent(values[i]))) },
    { name: "validateEvent(value, strict)", pass: each((i) => eventOrIssues(api.validateEvent(values[i], strict))) },
    { name: "isEvent(value)", pass: each((i) => keptIf(values[i], api.isEvent)) },
    { name: FLOOR_ONLY, pass: each((i) => keptIf(values[i] as never, formatsOnly)) },
    { name: AJV, pass: each((i) => keptIf(values[i], ajvValidate)) },
    { name: "zod safeParse(value)", pass: each((i) => zodData(zodEvent.safeParse(values[i]))) },
    { name: "zod z.compile safeParse(value)", pass: each((i) => zodData(zodCompiled.safeParse(values[i]))) },
    ...(typiaIs === undefined
      ? []
      : [{ name: "typia createIs(value)", pass: each((i) => keptIf(values[i], typiaIs)) }]),
  ];
  const candidates = [...onText, ...onValues];
  const loadBefore = loadavg()[0]!;
  const timings = await compare(candidates, { items: lines.length, rounds: ROUNDS, samples: spec.samples });
  const load: [number, number] = [loadBefore, loadavg()[0]!];
  const meanBytes = lines.reduce((sum, line) => sum + Buffer.byteLength(line), 0) / lines.length;
  printCorpus(spec.name, lines.length, meanBytes, timings, onText.length);
  console.log(
    `  1-minute load average: ${load[0].toFixed(2)} when its rounds began, ${load[1].toFixed(2)} when they ended\n`,
  );
  return { name: spec.name, load, events: lines.length, meanBytes, timings };
}

/**
 * Each goal of issue 23, said with its figures, and whether it is met. The two goals against
 * JSON.parse and the floor are judged in a process that reads events as an app does
 * (app-process.ts); the figure of this process, where every candidate shares the JIT, is said beside.
 */
function issue23Goals(
  results: CorpusResult[],
  api: Api,
  apps: Record<"mix" | "stream", AppTimings>,
  appFormats: (AppTimings & { format: string })[],
): [string, boolean][] {
  const [mix, stream] = results as [CorpusResult, CorpusResult];
  const at = (corpus: CorpusResult) => (name: string) => corpus.timings.find((t) => t.name === name);
  const m = at(mix);
  const toParse = (name: string) => ratio(m(name)!, m(PARSE)!);
  const toAjv = (name: string) => ratio(m(name)!, m(AJV)!);
  const text = toParse("parseEvent(text)");
  const floor = toParse(FLOOR);
  const zodc = toParse(ZODC);
  const typia = m(TYPIA) === undefined ? undefined : toParse(TYPIA);
  const streamRatio = ratio(at(stream)("parseEvent(text)")!, at(stream)(PARSE)!);
  const seed = m(`parseEvent(text, engine ${api.ENGINE_FORMATS[0]!.format})`)!;
  // Per format, its time × 2.14's: each read in a process of its own (the default in the mix's),
  // as a ratio to JSON.parse there; and here, where every format shares the process.
  const [first, ...older] = appFormats;
  const toParseIn = (timings: AppTimings) => ratio(timings.parseEvent, timings.parse);
  const formats = api.ENGINE_FORMATS.slice(1).map(({ format }, i, rest) => {
    const newest = i === rest.length - 1;
    const name = newest ? "parseEvent(text)" : `parseEvent(text, engine ${format})`;
    const own = newest ? apps.mix : older.find((t) => t.format === format)!;
    return { format, slowdown: toParseIn(own) / toParseIn(first!), shared: ratio(m(name)!, seed) };
  });
  const app = (corpus: "mix" | "stream", name: "parseEvent" | "floor") => ratio(apps[corpus][name], apps[corpus].parse);
  const [appText, appFloor, appStream] = [app("mix", "parseEvent"), app("mix", "floor"), app("stream", "parseEvent")];
  const loads = (corpus: "mix" | "stream") => apps[corpus].load.map((l) => l.toFixed(2)).join("-");
  return [
    [
      `fresh IDs, in an app's process (load ${loads("mix")}): parseEvent(text) ${appText.toFixed(2)}x JSON.parse, the floor ${appFloor.toFixed(2)}x + ${GOALS.aboveFloor} = ${(appFloor + GOALS.aboveFloor).toFixed(2)}x at most (here, with every candidate: ${text.toFixed(2)}x, the floor ${floor.toFixed(2)}x)`,
      appText <= appFloor + GOALS.aboveFloor,
    ],
    [`fresh IDs: parseEvent(text) ${text.toFixed(2)}x below zod z.compile ${zodc.toFixed(2)}x`, text < zodc],
    typia === undefined
      ? ["fresh IDs: typia createIs not measured (bench/typia/generated/event.ts missing: npm run bench:typia)", false]
      : [`fresh IDs: parseEvent(text) ${text.toFixed(2)}x below typia createIs ${typia.toFixed(2)}x`, text < typia],
    [
      `run stream, in an app's process (load ${loads("stream")}): parseEvent(text) ${appStream.toFixed(2)}x JSON.parse; at most ${GOALS.runStream}x (here, with every candidate: ${streamRatio.toFixed(2)}x)`,
      appStream <= GOALS.runStream,
    ],
    ...(["validateEvent(value)", "isEvent(value)"] as const).map((name): [string, boolean] => {
      const speedup = 1 / toAjv(name);
      return [
        `${name} ${speedup.toFixed(2)}x as fast as Ajv + ajv-formats; at least ${GOALS.overAjv}x`,
        speedup >= GOALS.overAjv,
      ];
    }),
    ...formats.map(({ format, slowdown, shared }): [string, boolean] => [
      `format ${format}, each in an app's process: ${slowdown.toFixed(3)}x the time of ${api.ENGINE_FORMATS[0]!.format}; at most ${GOALS.formatSlowdown}x (here, with every candidate: ${shared.toFixed(3)}x)`,
      slowdown <= GOALS.formatSlowdown,
    ]),
  ];
}

/** What a consumer keeps of validateEvent's result. */
function eventOrIssues(result: ReturnType<Api["validateEvent"]>): unknown {
  return result.ok ? result.event : result.issues;
}

/** What a consumer keeps of zod's result. */
function zodData(result: { success: boolean; data?: unknown; error?: unknown }): unknown {
  return result.success ? result.data : result.error;
}

/** The value if `check` accepts it, else null: what a consumer of a boolean validator keeps. */
function keptIf<T>(value: T, check: (value: T) => boolean): T | null {
  return check(value) ? value : null;
}

/** Prints the corpus's two tables: the first `onText` timings, then the rest. */
function printCorpus(name: string, events: number, meanBytes: number, timings: Timing[], onText: number): void {
  const find = (n: string) => timings.find((t) => t.name === n)!;
  const row = (t: Timing, reference: Timing) => [
    t.name,
    t.nsPerItem.toFixed(0),
    Math.round(t.perSecond).toLocaleString("en-US"),
    `${ratio(t, reference).toFixed(2)}x`,
  ];
  console.log(`${name} (${events.toLocaleString("en-US")} events, mean line ${meanBytes.toFixed(0)} bytes)`);
  const parse = find(PARSE);
  console.log(
    table(
      ["parse + validate", "ns/event", "events/s", "x JSON.parse"],
      timings.slice(0, onText).map((t) => row(t, parse)),
    ),
  );
  const ajv = find(AJV);
  console.log(
    table(
      ["validation only (values parsed beforehand)", "ns/event", "events/s", "x Ajv"],
      timings.slice(onText).map((t) => row(t, ajv)),
    ),
  );
  const added = (n: string) => (find(n).nsPerItem - parse.nsPerItem).toFixed(0);
  console.log(
    `  added to JSON.parse, ns/event: parseEvent ${added("parseEvent(text)")}, of which at least ${added(FLOOR)} for the format checks alone; Ajv ${added("JSON.parse + Ajv")}, zod ${added("JSON.parse + zod")}\n`,
  );
}

/** Bytes per event, to one decimal; a difference of medians a hair below zero shows as 0. */
function bytes(n: number): string {
  return (Math.abs(n) < 0.05 ? 0 : n).toFixed(1);
}

/** The number of packages the published package needs at run time. */
function runtimeDependencies(): number {
  const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as {
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
    peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  };
  // A peer marked optional (fast-check, for ironflow-events/testing/arbitraries only) is never
  // installed for a user of the package: it is not one of its dependencies.
  const requiredPeers = Object.keys(pkg.peerDependencies ?? {}).filter(
    (name) => pkg.peerDependenciesMeta?.[name]?.optional !== true,
  );
  return (
    Object.keys(pkg.dependencies ?? {}).length +
    Object.keys(pkg.optionalDependencies ?? {}).length +
    requiredPeers.length
  );
}

/** What app-process.ts measured, with the 1-minute load average before and after. */
type AppTimings = AppProcessTimings & { load: [number, number] };

/**
 * Runs bench/app-process.ts on one corpus, in a child process: JSON.parse, parseEvent (the
 * default format, or `engine`'s) and the floor alone.
 */
function inAppProcess(corpus: "mix" | "stream", engine?: string): AppTimings {
  const before = loadavg()[0]!;
  const args = [entry, corpus, String(GOAL_EVENTS), String(ROUNDS), ...(engine === undefined ? [] : [engine])];
  const child = spawnSync(process.execPath, ["--import", "tsx", `${root}bench/app-process.ts`, ...args], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`bench/app-process.ts ${corpus} failed:\n${child.stderr}`);
  return { ...(JSON.parse(child.stdout) as AppProcessTimings), load: [before, loadavg()[0]!] };
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
  const rule = `|${widths.map((w, c) => (c === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

await main();
