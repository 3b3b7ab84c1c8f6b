// The engine's vectors, carried in the repository (test/vectors/README.md says what they are and
// how they were made). Every test, fuzz run and benchmark that reads them goes through here, so a
// clone needs nothing beside it. IRONFLOW_VECTORS_DIR points a run at another set of the same
// kind (for example a larger one kept apart) without changing any test.
//
// Each engine format has its own folder, <dir>/<format>/ (2.20/, 2.52/); the files of 2.14, made
// before there were formats, stay at the root of <dir> unless <dir>/2.14/ holds them too.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

/**
 * The engine version whose wire format the vector files at the root of the folder are: 2.14.1
 * (the seed). Read them with this `engine`: the newest format reads some of their events
 * differently (a status it added, defaults it fills in).
 */
export const VECTORS_ENGINE = "2.14";

/** The folder of the vectors: IRONFLOW_VECTORS_DIR when set, else test/vectors/. */
export const VECTORS_DIR: string = process.env.IRONFLOW_VECTORS_DIR
  ? process.env.IRONFLOW_VECTORS_DIR.replace(/\/*$/, "")
  : fileURLToPath(new URL("../vectors", import.meta.url));

export type VectorFile =
  "engine-events.ndjson" | "engine-verdicts.ndjson" | "oracle-numbers.ndjson" | "oracle-examples.ndjson";

/** The path of one vector file. */
export function vectorPath(name: VectorFile): string {
  return join(VECTORS_DIR, name);
}

/** The non-empty lines of one vector file. */
export function vectorLines(name: VectorFile): string[] {
  return readFileSync(vectorPath(name), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "");
}

/** The 1,200 events the engine wrote, as text, one per line. */
export function engineEventLines(): string[] {
  return vectorLines("engine-events.ndjson");
}

/** One row of engine-verdicts.ndjson: an input and the engine's verdict on it. */
export interface VerdictRow {
  json: string;
  engine: "accepts" | "rejects";
  case: string;
  engine_error?: string;
  same_after_json_parse?: true;
}

/** Every row of engine-verdicts.ndjson. */
export function verdictRows(): VerdictRow[] {
  return rowsOf("engine-verdicts.ndjson");
}

/** Every row of one file of verdicts (the format of engine-verdicts.ndjson). */
function rowsOf(name: VectorFile): VerdictRow[] {
  return vectorLines(name).map((line) => JSON.parse(line) as VerdictRow);
}

/** Every row of oracle-numbers.ndjson: inputs around the number limits and what JSON.parse hides. */
export function oracleNumberRows(): VerdictRow[] {
  return rowsOf("oracle-numbers.ndjson");
}

/** Every row of oracle-examples.ndjson: the examples of docs/wire-format.md with the engine's verdicts. */
export function oracleExampleRows(): VerdictRow[] {
  return rowsOf("oracle-examples.ndjson");
}

// ---------------------------------------------------------------------------------------
// The vectors of each engine format

/** The engine formats that have vectors, oldest first (the format ids of the version table). */
export const VECTOR_FORMATS = ["2.14", "2.20", "2.52"] as const;
export type VectorFormat = (typeof VECTOR_FORMATS)[number];

/**
 * The files of one format: the events its engine wrote, its verdicts on them and on near
 * misses, and its verdicts on the rows of every newer format (none for the newest).
 */
export type FormatVectorFile = "engine-events.ndjson" | "engine-verdicts.ndjson" | "newer-verdicts.ndjson";

/** The path of one file of a format: <dir>/<format>/<name>, or for 2.14 the root's file when its folder has none. */
export function formatVectorPath(format: VectorFormat, name: FormatVectorFile): string {
  const inFolder = join(VECTORS_DIR, format, name);
  if (format === "2.14" && name !== "newer-verdicts.ndjson" && !existsSync(inFolder)) return join(VECTORS_DIR, name);
  return inFolder;
}

function formatLines(format: VectorFormat, name: FormatVectorFile): string[] {
  return readFileSync(formatVectorPath(format, name), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "");
}

/** The events the format's engine wrote, as text, one per line. */
export function formatEventLines(format: VectorFormat): string[] {
  return formatLines(format, "engine-events.ndjson");
}

/** The format's engine's verdicts on its own events and on near misses of them. */
export function formatVerdictRows(format: VectorFormat): VerdictRow[] {
  return formatLines(format, "engine-verdicts.ndjson").map((line) => JSON.parse(line) as VerdictRow);
}

/**
 * The format's engine's verdicts on rows of every newer format (case `newer:<format> <case>`):
 * newer variants, fields and enum values as this engine reads them. Empty for the newest format.
 */
export function newerVerdictRows(format: VectorFormat): VerdictRow[] {
  if (format === VECTOR_FORMATS[VECTOR_FORMATS.length - 1]) return [];
  return formatLines(format, "newer-verdicts.ndjson").map((line) => JSON.parse(line) as VerdictRow);
}

/**
 * Every vector file, as the texts it holds (the seed's events and verdicts are 2.14's): the
 * inputs a test compares two readers on.
 */
export function everyVectorFile(): [string, () => string[]][] {
  return [
    ["engine-events.ndjson", () => engineEventLines()],
    ["engine-verdicts.ndjson", () => verdictRows().map((row) => row.json)],
    ["oracle-numbers.ndjson", () => oracleNumberRows().map((row) => row.json)],
    ["oracle-examples.ndjson", () => oracleExampleRows().map((row) => row.json)],
    ...VECTOR_FORMATS.flatMap((format): [string, () => string[]][] => [
      ...(format === "2.14"
        ? []
        : ([
            [`${format}/engine-events.ndjson`, () => formatEventLines(format)],
            [`${format}/engine-verdicts.ndjson`, () => formatVerdictRows(format).map((row) => row.json)],
          ] as [string, () => string[]][])),
      ...(format === VECTOR_FORMATS.at(-1)
        ? []
        : ([[`${format}/newer-verdicts.ndjson`, () => newerVerdictRows(format).map((row) => row.json)]] as [
            string,
            () => string[],
          ][])),
    ]),
  ];
}
