// Which format an engine version string names, from the version table alone (the generated
// ENGINE_FORMAT_TABLES: ranges, event types, statuses; no validators). resolveFormat builds on
// it for the readers; code that needs only a format's names (filterEvents, the lifecycle) uses
// it directly, so that a bundle of it does not carry the validators. formatIndex reads only the
// ranges (ENGINE_RANGES, same order): a bundle that resolves a version without a format's table
// (the lifecycle helpers) does not carry every format's defaults and expectations either.
import { ENGINE_FORMAT_TABLES, ENGINE_RANGES, EVENT_TYPE_RANGES, type EngineRange } from "../../generated/constants.js";

/** One row of the version table, as the generator wrote it. */
export type FormatTable = (typeof ENGINE_FORMAT_TABLES)[number];

/** MAJOR.MINOR or MAJOR.MINOR.PATCH, numbers without leading zeros, optionally after a "v". */
const VERSION = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?$/;

// Nothing here reads a property at import time (a bundler keeps any such read, and with it the
// whole table, in every bundle of the chunk this module lands in, even one of Event alone): the
// newest row is looked up when needed, and the cache is made by a pure call.
const indexes = /* @__PURE__ */ new Map<string, number>();

/** The newest format's index: the one read when no engine version is given. */
function newestIndex(): number {
  return ENGINE_RANGES.length - 1;
}

/** "2.52": the newest format's first version, for the examples of the messages. */
function newestFirst(): string {
  return ENGINE_RANGES[newestIndex()]!.first;
}

/**
 * The index in the version table (ENGINE_RANGES, ENGINE_FORMAT_TABLES, FORMATS and
 * ENGINE_LIFECYCLES, all in the same order) of the format of `engine`, an engine version
 * string; the newest for undefined. Throws a TypeError naming the modelled ranges for anything
 * else. Cached per string.
 * @example
 * formatIndex("2.31.4"); // 1: format 2.20
 */
export function formatIndex(engine: unknown): number {
  if (engine === undefined) return newestIndex();
  if (typeof engine !== "string")
    throw new TypeError(
      `engine must be an engine version string such as "${newestFirst()}.0", got ${typeof engine}; ${modelled()}`,
    );
  let index = indexes.get(engine);
  if (index === undefined) indexes.set(engine, (index = indexOfVersion(engine)));
  return index;
}

/**
 * The version table's row of `engine`'s format (the newest for undefined); a TypeError as
 * formatIndex throws it.
 * @example
 * formatTable("2.14.1").eventTypes.length; // 12
 */
export function formatTable(engine: unknown): FormatTable {
  return ENGINE_FORMAT_TABLES[formatIndex(engine)]!;
}

/**
 * The range of `engine`'s format (the newest for undefined), without its table; a TypeError as
 * formatIndex throws it.
 * @example
 * formatRange("2.31.4").range; // "2.20.x–2.40.x"
 */
export function formatRange(engine: unknown): EngineRange {
  return ENGINE_RANGES[formatIndex(engine)]!;
}

/**
 * The range of the first modelled engine format that has the event type `type`, or undefined
 * for a type none has: what a message about an unknown type names. Known to an entry of one
 * format too (generated/constants.ts lists every format's types).
 * @example
 * rangeOfType("retry_forced"); // "2.20.x–2.40.x"
 * rangeOfType("constructor"); // undefined
 */
export function rangeOfType(type: unknown): string | undefined {
  return typeof type === "string" && Object.hasOwn(EVENT_TYPE_RANGES, type) ? EVENT_TYPE_RANGES[type] : undefined;
}

function indexOfVersion(version: string): number {
  const match = VERSION.exec(version);
  if (match === null)
    throw new TypeError(
      `engine ${JSON.stringify(version)} is not a version: write MAJOR.MINOR or MAJOR.MINOR.PATCH, such as "${newestFirst()}.0"; ${modelled()}`,
    );
  const at = Number(match[1]) * 1e6 + Number(match[2]);
  const index = ENGINE_RANGES.findIndex((range) => minorNumber(range.first) <= at && at <= minorNumber(range.last));
  if (index === -1) throw new TypeError(`engine ${JSON.stringify(version)} is not modelled; ${modelled()}`);
  return index;
}

/** "2.20" as a number that orders versions: 2 * 1e6 + 20. */
function minorNumber(majorMinor: string): number {
  const [major, minor] = majorMinor.split(".").map(Number) as [number, number];
  return major * 1e6 + minor;
}

/** "modelled: 2.14.x–2.19.x, 2.20.x–2.40.x, 2.52.x": what every refusal ends with. */
function modelled(): string {
  return `modelled: ${ENGINE_RANGES.map((range) => range.range).join(", ")}`;
}
