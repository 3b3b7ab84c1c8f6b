// The version table, schemas/engine-versions.json: the engine's wire formats that the package
// models, in version order. Every version mark of the schemas names one of them, and the
// generator makes everything once per format. Read and checked here, before anything else.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The table's file name in schemas/; the loader of variants skips it (it is no schema). */
export const ENGINE_VERSIONS_FILE = "engine-versions.json";

/** One wire format: the engine versions MAJOR.MINOR from `first` to `last` (any patch) write it. */
export interface EngineFormat {
  /** Its id, the first minor version of its range: `"2.20"`. Version marks name it. */
  format: string;
  first: string;
  last: string;
  /** How the format is known, in one sentence (docs, and the table for other languages). */
  confirmed: string;
}

export interface EngineVersions {
  /** The newest engine version modelled (ENGINE_VERSION): a full version of the newest format. */
  engineVersion: string;
  /** In version order; the last is the newest. */
  formats: EngineFormat[];
}

/** `MAJOR.MINOR` without leading zeros, as the table writes a bound. */
const MINOR_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const FULL_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/**
 * The table of `schemasDir`, checked: the formats ascend without overlap, each id is its first
 * version, and `engineVersion` lies in the newest. A mistake is an error naming the file.
 * @example
 * loadEngineVersions("schemas").formats.map((f) => f.format); // ["2.14", "2.20", "2.52"]
 */
export function loadEngineVersions(schemasDir: string): EngineVersions {
  const where = `schemas/${ENGINE_VERSIONS_FILE}`;
  const table = JSON.parse(readFileSync(join(schemasDir, ENGINE_VERSIONS_FILE), "utf8")) as EngineVersions;
  const problems: string[] = [];
  if (!Array.isArray(table.formats) || table.formats.length === 0) problems.push("needs a list of formats");
  let previous: [number, number] | undefined;
  for (const [i, entry] of (table.formats ?? []).entries()) {
    const first = MINOR_VERSION.test(entry.first) ? minorOf(entry.first) : undefined;
    const last = MINOR_VERSION.test(entry.last) ? minorOf(entry.last) : undefined;
    if (!first || !last) {
      problems.push(`formats[${i}]: first and last must be MAJOR.MINOR versions`);
      continue;
    }
    if (entry.format !== entry.first)
      problems.push(`formats[${i}]: a format is named by its first version, "${entry.first}"`);
    if (compareMinor(first, last) > 0) problems.push(`formats[${i}]: first comes after last`);
    if (first[0] !== last[0]) problems.push(`formats[${i}]: a range stays within one major version`);
    if (previous && compareMinor(previous, first) >= 0)
      problems.push(`formats[${i}]: the formats must ascend without overlapping`);
    if (typeof entry.confirmed !== "string" || entry.confirmed.length < 10)
      problems.push(`formats[${i}]: say how the format is confirmed`);
    previous = last;
  }
  const newest = table.formats?.at(-1);
  if (!FULL_VERSION.test(table.engineVersion ?? "") || (newest && !inFormat(minorOf(table.engineVersion), newest)))
    problems.push("engineVersion must be a MAJOR.MINOR.PATCH version of the newest format");
  if (problems.length > 0) throw new Error(`${where} is not a valid version table:\n  ${problems.join("\n  ")}`);
  return table;
}

/** The newest format: the default of everything generated under the plain names. */
export function newestFormat(versions: EngineVersions): EngineFormat {
  return versions.formats.at(-1)!;
}

/**
 * -1, 0 or 1 as format `a` comes before, is, or comes after format `b`; an error for an id
 * the table does not have.
 * @example
 * compareFormats(versions, "2.14", "2.52"); // -1
 */
export function compareFormats(versions: EngineVersions, a: string, b: string): number {
  return Math.sign(formatIndex(versions, a) - formatIndex(versions, b));
}

/** The place of format `id` in the table, or an error naming the formats there are. */
export function formatIndex(versions: EngineVersions, id: string): number {
  const index = versions.formats.findIndex((entry) => entry.format === id);
  if (index === -1)
    throw new Error(
      `"${id}" is not a format of ${ENGINE_VERSIONS_FILE} (${versions.formats.map((f) => f.format).join(", ")})`,
    );
  return index;
}

/**
 * The engine versions of a format as people write them: `2.20.x–2.40.x`, or `2.52.x` for one minor.
 * @example
 * rangeText({ format: "2.20", first: "2.20", last: "2.40", confirmed: "…" }); // "2.20.x–2.40.x"
 */
export function rangeText(entry: EngineFormat): string {
  return entry.first === entry.last ? `${entry.first}.x` : `${entry.first}.x–${entry.last}.x`;
}

/** Every MAJOR.MINOR of a format, in order: what the version-to-format types list. */
export function minorsOf(entry: EngineFormat): string[] {
  const [major, from] = minorOf(entry.first);
  const [, to] = minorOf(entry.last);
  return Array.from({ length: to - from + 1 }, (_, i) => `${major}.${from + i}`);
}

function minorOf(version: string): [number, number] {
  const [major, minor] = version.split(".").map(Number);
  return [major!, minor!];
}

function compareMinor(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

function inFormat(minor: [number, number], entry: EngineFormat): boolean {
  return compareMinor(minorOf(entry.first), minor) <= 0 && compareMinor(minor, minorOf(entry.last)) <= 0;
}
