// Where the events come from: the paths given on the command line, expanded into files.
import { readdirSync, statSync } from "node:fs";
import { extname, join } from "node:path";

/** File extensions read as events; .ndjson and .jsonl hold one event per line. */
export const EVENT_FILE_EXTENSIONS = [".json", ".ndjson", ".jsonl"];

export function isLineDelimited(path: string): boolean {
  const ext = extname(path).toLowerCase();
  return ext === ".ndjson" || ext === ".jsonl";
}

/**
 * Expands each argument: a file stays itself, a directory gives its event files,
 * recursively, in a stable (sorted) order. Throws an Error naming the path when it is
 * missing or unreadable.
 */
export function expandPaths(args: string[]): string[] {
  const files: string[] = [];
  for (const arg of args) {
    let stats;
    try {
      stats = statSync(arg);
    } catch (error) {
      throw new Error(`${arg}: ${describeIoError(error)}`);
    }
    if (stats.isDirectory()) files.push(...walk(arg));
    else files.push(arg);
  }
  return files;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (EVENT_FILE_EXTENSIONS.includes(extname(entry.name).toLowerCase())) out.push(path);
  }
  return out;
}

export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a directory";
  return error instanceof Error ? error.message : String(error);
}
