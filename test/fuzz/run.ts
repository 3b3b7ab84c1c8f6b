// `npm run fuzz`: the property tests of test/rules/properties.test.ts by the million, with a
// random seed (printed first), progress as it goes, and on a failure the seed and path
// that replay it:
//
//   npm run fuzz                                   # 10,000,000 cases, random seed
//   npm run fuzz -- --runs 100000 --seed 42        # fewer cases, a chosen seed
//   npm run fuzz -- --engine 2.31.4                # the kit's properties of that engine's format
//   npm run fuzz -- --property hostile-text --seed 42 --path "1234:5:0"   # replay a failure
//
// The kit's properties (kit-events, kit-near-misses) run per engine format: for --engine, or
// for each modelled format in turn. The others fuzz the seed's format (2.14), whose rules
// test/fuzz/independent.ts restates; with --engine of another format they are left out.
import { parseArgs } from "node:util";
import fc from "fast-check";
import { ENGINE_FORMATS } from "../../src/index.js";
import { resolveFormat } from "../../src/engine/index.js";
import { FUZZED_ENGINE } from "./independent.js";
import { FUZZ_PROPERTIES, type Counter, type FuzzPropertyName } from "./properties.js";

const USAGE = `Usage: npm run fuzz -- [--runs N] [--seed S] [--engine V] [--property NAME[,NAME]] [--path P]

  --runs N       cases in all, shared among the properties (default 10000000)
  --seed S       fast-check seed (default: random, printed at start)
  --engine V     the engine version whose format the kit's properties fuzz (default: each);
                 the other properties fuzz the seed's format (${FUZZED_ENGINE}) only
  --property     only these properties: ${Object.keys(FUZZ_PROPERTIES).join(", ")}
  --path P       replay one failure (with --seed and one --property, as printed on failure)`;

const REPORT_LIMIT = 4000; // a counterexample can hold a megabyte string: print its start only

function main(): number {
  const { values } = parseArgs({
    options: {
      runs: { type: "string" },
      seed: { type: "string" },
      property: { type: "string" },
      engine: { type: "string" },
      path: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const runs = values.runs === undefined ? 10_000_000 : Number(values.runs.replace(/_/g, ""));
  const seed = values.seed === undefined ? (Math.random() * 2 ** 32) | 0 : Number(values.seed);
  let format: string | undefined;
  try {
    format = values.engine === undefined ? undefined : resolveFormat(values.engine).first;
  } catch (error) {
    console.error(`fuzz: --engine: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  // With --engine of a later format, only the properties that take a format apply.
  const applies = (name: string) =>
    format === undefined || FUZZ_PROPERTIES[name as FuzzPropertyName].perFormat || format === FUZZED_ENGINE;
  const names = (values.property?.split(",") ?? Object.keys(FUZZ_PROPERTIES).filter(applies)) as FuzzPropertyName[];
  const unknown = names.filter((name) => !(name in FUZZ_PROPERTIES));
  if (!Number.isSafeInteger(runs) || runs < 1 || !Number.isInteger(seed) || unknown.length > 0) {
    console.error(
      `fuzz: bad arguments${unknown.length > 0 ? ` (unknown property ${unknown.join(", ")})` : ""}\n\n${USAGE}`,
    );
    return 2;
  }
  const refused = names.filter((name) => !applies(name));
  if (refused.length > 0) {
    console.error(`fuzz: ${refused.join(", ")} fuzz the seed's format (${FUZZED_ENGINE}) only\n\n${USAGE}`);
    return 2;
  }
  // Each property once, or once per format for the kit's.
  const engines = format === undefined ? ENGINE_FORMATS.map((each) => each.first) : [format];
  type Job = { name: FuzzPropertyName; engine: string | undefined; label: string; share: number };
  const jobs = names.flatMap((name): Job[] =>
    FUZZ_PROPERTIES[name].perFormat
      ? engines.map((engine) => ({
          name,
          engine,
          label: `${name}@${engine}`,
          share: FUZZ_PROPERTIES[name].share / engines.length,
        }))
      : [{ name, engine: undefined, label: name, share: FUZZ_PROPERTIES[name].share }],
  );
  if (values.path !== undefined && jobs.length !== 1) {
    console.error(
      `fuzz: --path replays one property of one format: give --property (and --engine for a kit property)\n\n${USAGE}`,
    );
    return 2;
  }

  const totalShare = jobs.reduce((sum, job) => sum + job.share, 0);
  console.log(`fuzz: seed ${seed}, ${runs.toLocaleString("en")} cases over ${jobs.map((job) => job.label).join(", ")}`);
  const started = Date.now();
  let done = 0;
  for (const { name: property, engine, label: name, share } of jobs) {
    const numRuns = Math.max(1, Math.round((runs * share) / totalShare));
    const every = Math.max(10_000, Math.round(numRuns / 50));
    const propertyStarted = Date.now();
    const counter: Counter = {
      runs: 0,
      onRun: (n) => {
        if (n % every !== 0) return;
        const seconds = (Date.now() - propertyStarted) / 1000;
        console.log(
          `  ${name}: ${n.toLocaleString("en")} / ${numRuns.toLocaleString("en")} (${Math.round(n / seconds).toLocaleString("en")}/s, ${Math.round(seconds)} s)`,
        );
      },
    };
    const details = fc.check(FUZZ_PROPERTIES[property].make(counter, engine), {
      seed,
      numRuns,
      ...(values.path === undefined ? {} : { path: values.path }),
    });
    if (details.failed) {
      const report = fc.defaultReportMessage(details) ?? "";
      console.log(`\nfuzz: ${name} FAILED after ${details.numRuns.toLocaleString("en")} cases`);
      console.log(`  error: ${String(details.errorInstance).slice(0, REPORT_LIMIT)}`);
      console.log(report.length > REPORT_LIMIT ? `${report.slice(0, REPORT_LIMIT)}… (report cut)` : report);
      console.log(
        `\nreplay: npm run fuzz -- --property ${property}${engine === undefined ? "" : ` --engine ${engine}`} --seed ${details.seed} --path "${details.counterexamplePath}"`,
      );
      return 1;
    }
    done += details.numRuns;
    console.log(
      `  ${name}: ${details.numRuns.toLocaleString("en")} cases passed in ${Math.round((Date.now() - propertyStarted) / 1000)} s`,
    );
  }
  console.log(
    `fuzz: all ${done.toLocaleString("en")} cases passed (seed ${seed}) in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  return 0;
}

process.exitCode = main();
