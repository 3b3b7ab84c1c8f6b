// Writing a format's vector files, and the note of how they were made.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { VerdictRow } from "./judge.js";

export function writeLines(dir: string, name: string, lines: readonly string[]): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, lines.map((line) => `${line}\n`).join(""));
  return path;
}

/** A verdicts file: one row a line, the keys in the order of engine-verdicts.ndjson. */
export function writeRows(dir: string, name: string, rows: readonly VerdictRow[]): string {
  return writeLines(
    dir,
    name,
    rows.map((row) => {
      const { json, engine, case: name, engine_error, same_after_json_parse } = row;
      return JSON.stringify({ json, engine, case: name, engine_error, same_after_json_parse });
    }),
  );
}
