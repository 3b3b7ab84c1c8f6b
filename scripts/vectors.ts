// npm run vectors -- --oracle PATH [--format 2.20,2.52] [--seed 1] [--out test/vectors] [--files events,verdicts,newer]
//
// The engine vectors of each format, made with the engine's own reader and writer (the oracle,
// built outside this repository: give its path with --oracle or IRONFLOW_ORACLE). Per format,
// into <out>/<format>/:
//   engine-events.ndjson    the oracle's `emit` (every variant, its edge values)
//   engine-verdicts.ndjson  engine-written events and near misses that change one thing, each
//                           judged by the oracle's `check` for that format
//   newer-verdicts.ndjson   rows of each newer format judged by this format's reader
//   oracle.txt              how they were made: the command and the oracle's version row
// The same seed gives the same files. Each step is a function of its own under scripts/vectors/.
import { parseArgs } from "node:util";
import { basename } from "node:path";
import { basesOf, emitEvents } from "./vectors/emit.js";
import { FORMAT_IDS, FORMATS, isFormatId, newerThan, type FormatId } from "./vectors/formats.js";
import { judge, type VerdictRow } from "./vectors/judge.js";
import { nearMisses, type Candidate } from "./vectors/mutate.js";
import { newerInputs } from "./vectors/cross.js";
import { versionLines } from "./vectors/oracle.js";
import { writeLines, writeRows } from "./vectors/write.js";
import { mulberry32 } from "../src/testing/random.js";

const FILES = ["events", "verdicts", "newer"] as const;

const { values } = parseArgs({
  options: {
    oracle: { type: "string", default: process.env.IRONFLOW_ORACLE },
    format: { type: "string", default: FORMAT_IDS.join(",") },
    seed: { type: "string", default: "1" },
    out: { type: "string", default: "test/vectors" },
    files: { type: "string", default: FILES.join(",") },
  },
});

function fail(message: string): never {
  console.error(`npm run vectors: ${message}`);
  process.exit(2);
}

const oracle = values.oracle ?? fail("give the oracle's path: --oracle PATH (or IRONFLOW_ORACLE)");
const seed = Number(values.seed);
if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff)
  fail(`--seed must be an integer from 0 to 65535, not ${values.seed}`);
const formats = values
  .format!.split(",")
  .map((id) => (isFormatId(id) ? id : fail(`no format ${id}; formats: ${FORMAT_IDS.join(", ")}`)));
const files = new Set(
  values
    .files!.split(",")
    .map((name) =>
      (FILES as readonly string[]).includes(name) ? name : fail(`no file kind ${name}; kinds: ${FILES.join(", ")}`),
    ),
);

/** The seeds of one format's draws, apart from every other format's and seed's. */
function seedsOf(id: FormatId) {
  const k = FORMAT_IDS.indexOf(id);
  return {
    events: seed,
    valid: seed + 1,
    nearMisses: seed * 16 + k,
    newer: seed * 16 + 8 + k,
    order: seed * 16 + 12 + k,
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const rowsCache = new Map<FormatId, VerdictRow[]>();

/** A format's verdict rows: engine-written events and near misses, judged by its own reader. */
function verdictRowsOf(id: FormatId): VerdictRow[] {
  const cached = rowsCache.get(id);
  if (cached !== undefined) return cached;
  const shape = FORMATS[id];
  const seeds = seedsOf(id);
  const valid = emitEvents(oracle, shape, shape.validRows, seeds.valid);
  const inputs: Candidate[] = [
    ...valid.map((json) => ({ json, case: "valid" })),
    ...nearMisses(shape, basesOf(valid), shape.nearMissRows, seeds.nearMisses),
  ];
  const rows = judge(oracle, shape, shuffled(inputs, mulberry32(seeds.order)));
  const refused = rows.filter((row) => row.case === "valid" && row.engine !== "accepts");
  if (refused.length > 0)
    throw new Error(`the oracle refuses ${refused.length} of its own ${id} events: ${refused[0]!.engine_error}`);
  rowsCache.set(id, rows);
  return rows;
}

function tally(rows: readonly VerdictRow[]): string {
  const accepts = rows.filter((row) => row.engine === "accepts").length;
  return `${rows.length} rows (${accepts} accepted, ${rows.length - accepts} rejected)`;
}

for (const id of formats) {
  const shape = FORMATS[id];
  const seeds = seedsOf(id);
  const dir = `${values.out!.replace(/\/*$/, "")}/${id}`;
  const command = `npm run vectors -- --oracle ${basename(oracle)} --format ${id} --seed ${seed} --out ${values.out} --files ${[...files].join(",")}`;
  const notes = [
    `made by: ${command}`,
    "the oracle's version table (its header, then the row of this format):",
    ...versionLines(oracle, shape),
  ];
  if (files.has("events")) {
    const events = emitEvents(oracle, shape, shape.eventCount, seeds.events);
    console.log(`${writeLines(dir, "engine-events.ndjson", events)}: ${events.length} events`);
    notes.push(`engine-events.ndjson: emit ${shape.eventCount} ${seeds.events}`);
  }
  if (files.has("verdicts")) {
    const rows = verdictRowsOf(id);
    console.log(`${writeRows(dir, "engine-verdicts.ndjson", rows)}: ${tally(rows)}`);
    notes.push(
      `engine-verdicts.ndjson: emit ${shape.validRows} ${seeds.valid} (case valid) and ${shape.nearMissRows} near misses (mutation seed ${seeds.nearMisses}), judged by check`,
    );
  }
  if (files.has("newer") && newerThan(id).length > 0) {
    const rows = newerThan(id).flatMap((newer) =>
      judge(oracle, shape, newerInputs(newer, verdictRowsOf(newer), shape.newerRows, seeds.newer)),
    );
    console.log(`${writeRows(dir, "newer-verdicts.ndjson", rows)}: ${tally(rows)}`);
    notes.push(
      `newer-verdicts.ndjson: ${shape.newerRows} rows of each of ${newerThan(id).join(", ")} (their engine-verdicts rows at seed ${seed}, sample seed ${seeds.newer}), judged by this format's check`,
    );
  }
  writeLines(dir, "oracle.txt", notes);
}
