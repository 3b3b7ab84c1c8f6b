// The verdicts: every input read by the oracle's `check` for one format, that is by
// serde_json::from_str::<Event> of that engine version.
import type { FormatShape } from "./formats.js";
import type { Candidate } from "./mutate.js";
import { runOracle } from "./oracle.js";

/** One row of a verdicts file (the row format of test/vectors/engine-verdicts.ndjson). */
export interface VerdictRow {
  json: string;
  engine: "accepts" | "rejects";
  case: string;
  engine_error?: string;
  same_after_json_parse?: true;
}

/**
 * The oracle's verdict on each input. serde's "at line 1 column N" is left out of the message,
 * as in engine-verdicts.ndjson: the row is one line, and the column says nothing more.
 */
export function judge(oracle: string, shape: FormatShape, inputs: readonly Candidate[]): VerdictRow[] {
  const out = runOracle(oracle, shape, ["check"], inputs.map((input) => `${input.json}\n`).join(""))
    .split("\n")
    .filter((line) => line !== "");
  if (out.length !== inputs.length)
    throw new Error(`the oracle gave ${out.length} verdicts for ${inputs.length} inputs`);
  return inputs.map((input, i) => {
    const verdict = out[i]!;
    const row: VerdictRow = { json: input.json, engine: verdict === "ok" ? "accepts" : "rejects", case: input.case };
    if (verdict !== "ok") {
      if (!verdict.startsWith("err\t")) throw new Error(`the oracle said ${JSON.stringify(verdict)}`);
      row.engine_error = verdict.slice(4).replace(/ at line [0-9]+ column [0-9]+$/, "");
    }
    if (input.same_after_json_parse) row.same_after_json_parse = true;
    return row;
  });
}
