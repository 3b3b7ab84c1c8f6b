// Which format an engine version string reads with: "2.31.4", "2.31" and "v2.31.4" all read
// with format 2.20 (2.20.x–2.40.x); no version, the newest. A version the package does not
// model is a TypeError that names the ranges it does. Resolved once per string: the options of
// a hot loop of parseEvent calls cost one Map lookup, not a parse.
import { FORMATS, NEWEST, type Format } from "./formats.js";

/** MAJOR.MINOR or MAJOR.MINOR.PATCH, numbers without leading zeros, optionally after a "v". */
const VERSION = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?$/;

const resolved = new Map<string, Format>();
// The last string resolved: a loop that passes the same options finds it without hashing.
let lastEngine: string | undefined;
let lastFormat: Format = NEWEST;

/**
 * The format of `engine` (an engine version string; undefined for the newest). Throws a
 * TypeError for anything else: a version the package does not model, a malformed one, a non-string.
 * @example
 * resolveFormat("2.31.4").format; // "2.20"
 * resolveFormat(undefined).format; // "2.52"
 */
export function resolveFormat(engine: unknown): Format {
  if (engine === undefined) return NEWEST;
  if (engine === lastEngine) return lastFormat;
  if (typeof engine === "string") {
    let format = resolved.get(engine);
    if (format === undefined) resolved.set(engine, (format = formatOfVersion(engine)));
    lastEngine = engine;
    lastFormat = format;
    return format;
  }
  throw new TypeError(
    `engine must be an engine version string such as "${NEWEST.first}.0", got ${typeof engine}; ${modelled()}`,
  );
}

function formatOfVersion(version: string): Format {
  const match = VERSION.exec(version);
  if (match === null)
    throw new TypeError(
      `engine ${JSON.stringify(version)} is not a version: write MAJOR.MINOR or MAJOR.MINOR.PATCH, such as "${NEWEST.first}.0"; ${modelled()}`,
    );
  const major = Number(match[1]);
  const minor = Number(match[2]);
  const format = FORMATS.find((f) => inRange(major, minor, f));
  if (format === undefined) throw new TypeError(`engine ${JSON.stringify(version)} is not modelled; ${modelled()}`);
  return format;
}

function inRange(major: number, minor: number, format: Format): boolean {
  const [firstMajor, firstMinor] = format.first.split(".").map(Number) as [number, number];
  const [lastMajor, lastMinor] = format.last.split(".").map(Number) as [number, number];
  const at = major * 1e6 + minor;
  return firstMajor * 1e6 + firstMinor <= at && at <= lastMajor * 1e6 + lastMinor;
}

/** "modelled: 2.14.x–2.19.x, 2.20.x–2.40.x, 2.52.x": what every refusal ends with. */
function modelled(): string {
  return `modelled: ${FORMATS.map((f) => f.range).join(", ")}`;
}
