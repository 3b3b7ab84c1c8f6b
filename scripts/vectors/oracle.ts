// Running the oracle: the engine's own reader and writer, built outside this repository. Its
// path is the developer's to give; nothing here builds it.
import { spawnSync } from "node:child_process";
import type { FormatShape } from "./formats.js";

/** The oracle's stdout for `--engine <format> <args>`, with `input` on stdin. */
export function runOracle(oracle: string, shape: FormatShape | null, args: string[], input?: string): string {
  const argv = shape === null ? args : ["--engine", shape.engine, ...args];
  const result = spawnSync(oracle, argv, { input, encoding: "utf8", maxBuffer: 1 << 30 });
  if (result.error) throw new Error(`cannot run the oracle ${oracle}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${oracle} ${argv.join(" ")} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

/** The lines of the oracle's `versions` table: its header and the row of the format's module. */
export function versionLines(oracle: string, shape: FormatShape): string[] {
  const lines = runOracle(oracle, null, ["versions"]).split("\n");
  const row = lines.find((line) => line.split("\t")[1] === shape.module);
  if (row === undefined) throw new Error(`the oracle's versions table has no ${shape.module} row`);
  return [lines[0]!, row];
}
