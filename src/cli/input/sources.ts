// Where the events come from: the arguments of `validate`, expanded into files and
// standard input, each with how its content is laid out.
import { readdirSync, statSync, type Stats } from "node:fs";
import { extname, join, resolve } from "node:path";
import { expandGlob, hasGlobMagic } from "./glob.js";

/**
 * File extensions found in directories; .ndjson and .jsonl hold one event per line.
 */
const EVENT_FILE_EXTENSIONS = [".json", ".ndjson", ".jsonl"];

/**
 * How a source's content is read: one JSON document (an event or an array of events), one
 * event per line, or either, decided by looking at the start (standard input, and files
 * whose extension says neither).
 * @example
 * const layout: Layout = layoutOf("dump.jsonl"); // "ndjson"
 */
export type Layout = "json" | "ndjson" | "sniff";

/**
 * One input of `validate`: a file (with its layout and, for a regular file, its size) or standard input.
 */
export type Source =
  { kind: "file"; path: string; layout: Layout; /** bytes, when known */ size: number | undefined } | { kind: "stdin" };

/**
 * A path that could not be used, and why.
 */
export interface SourceError {
  file: string;
  message: string;
}

/**
 * The layout a file's name implies.
 * @example
 * layoutOf("dump.jsonl"); // "ndjson"
 */
function layoutOf(path: string): Layout {
  const ext = extname(path).toLowerCase();
  if (ext === ".ndjson" || ext === ".jsonl") return "ndjson";
  if (ext === ".json") return "json";
  return "sniff";
}

/**
 * Expands the arguments of `validate`, in order: `-` is standard input, a file stays itself,
 * a directory gives its event files recursively in sorted order, and a pattern with `*`,
 * `?` or `[` (that is not itself an existing path) gives what it matches. Each file comes
 * once. A missing path or a pattern that matches nothing is an error naming it.
 */
export function expandSources(args: readonly string[]): { sources: Source[]; errors: SourceError[] } {
  const sources: Source[] = [];
  const errors: SourceError[] = [];
  const seen = new Set<string>();
  let stdin = false;
  const addFile = (path: string, stats: Stats | undefined) => {
    const key = resolve(path);
    if (seen.has(key)) return;
    seen.add(key);
    const size = stats?.isFile() ? stats.size : undefined;
    sources.push({ kind: "file", path, layout: layoutOf(path), size });
  };
  const addPath = (path: string, stats: Stats) => {
    if (stats.isDirectory()) walk(path, addFile, errors);
    else addFile(path, stats);
  };
  for (const arg of args) {
    if (arg === "-") {
      if (!stdin) sources.push({ kind: "stdin" });
      stdin = true;
      continue;
    }
    let stats: Stats | undefined;
    let failure: unknown;
    try {
      stats = statSync(arg);
    } catch (error) {
      failure = error;
    }
    if (stats) addPath(arg, stats);
    else if (hasGlobMagic(arg)) {
      const matches = expandGlob(arg);
      if (matches.length === 0) errors.push({ file: arg, message: "no file matches this pattern" });
      for (const match of matches) {
        try {
          addPath(match, statSync(match));
        } catch (error) {
          errors.push({ file: match, message: describeIoError(error) });
        }
      }
    } else errors.push({ file: arg, message: describeIoError(failure) });
  }
  return { sources, errors };
}

/**
 * The event files under `dir`, recursively, in sorted order. Symbolic links to directories are
 * not followed (no loops). A link with an event file's name that leads nowhere (dangling, or a
 * loop of links) is an error naming it, as the same path found by a glob is: it was meant to be
 * read, and passing over it silently would let a broken fixture pass.
 */
function walk(dir: string, add: (path: string, stats: Stats | undefined) => void, errors: SourceError[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    errors.push({ file: dir, message: describeIoError(error) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, add, errors);
    else if (!EVENT_FILE_EXTENSIONS.includes(extname(entry.name).toLowerCase())) continue;
    else if (entry.isFile()) add(path, statQuietly(path));
    else if (entry.isSymbolicLink()) {
      let stats: Stats;
      try {
        stats = statSync(path);
      } catch (error) {
        errors.push({ file: path, message: describeIoError(error) });
        continue;
      }
      if (stats.isFile()) add(path, stats);
    }
  }
}

function statQuietly(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * A short, stable description of a file-system error, for messages that name the path.
 * @example
 * describeIoError(Object.assign(new Error("..."), { code: "ENOENT" })); // "no such file or directory"
 */
export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a directory";
  if (code === "ENOTDIR") return "a part of the path is not a directory";
  if (code === "ELOOP") return "too many symbolic links";
  return error instanceof Error ? error.message : String(error);
}
