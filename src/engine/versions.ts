// Which format an engine version string reads with: "2.31.4", "2.31" and "v2.31.4" all read
// with format 2.20 (2.20.x–2.40.x); no version, the newest. A version the package does not
// model is a TypeError that names the ranges it does (version-table.ts reads the string).
// The readers' options of a hot loop of parseEvent calls cost one comparison, not a parse.
import { FORMATS, NEWEST, type Format } from "./formats.js";
import { formatIndex } from "./version-table.js";

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
  const format = FORMATS[formatIndex(engine)]!; // formatIndex throws for a non-string
  lastEngine = engine as string;
  lastFormat = format;
  return format;
}
