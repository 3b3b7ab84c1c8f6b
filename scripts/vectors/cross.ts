// Newer events read by an older reader: the rows of a newer format (its engine-written events
// and its near misses) judged again by the older format's engine. An older engine reads a newer
// variant as unknown, a newer field as an unknown field (ignored), a newer enum value as wrong:
// these rows show whether the package reads each format as that engine does.
import { mulberry32 } from "../../src/testing/random.js";
import type { FormatId } from "./formats.js";
import type { Candidate } from "./mutate.js";
import type { VerdictRow } from "./judge.js";

/** Rows longer than this are left out: the files stay small, and the long strings are covered elsewhere. */
const LONGEST = 2000;

/**
 * `count` of the newer format's rows as inputs for an older reader: half engine-written events,
 * half near misses with every class at least once. The case says where a row comes from:
 * `newer:2.52 valid`, `newer:2.52 set:status`.
 */
export function newerInputs(newer: FormatId, rows: readonly VerdictRow[], count: number, seed: number): Candidate[] {
  const random = mulberry32(seed);
  const short = rows.filter((row) => row.json.length <= LONGEST);
  const valid = short.filter((row) => row.case === "valid");
  const near = short.filter((row) => row.case !== "valid");
  const chosen: VerdictRow[] = [];
  const seen = new Set<string>();
  for (const row of near)
    if (!seen.has(row.case)) {
      seen.add(row.case);
      chosen.push(row);
    }
  const draw = (from: VerdictRow[], n: number) => {
    for (let i = 0; i < n && from.length > 0; i++) chosen.push(from[Math.floor(random() * from.length)]!);
  };
  draw(near, Math.max(0, Math.floor(count / 2) - chosen.length));
  draw(valid, count - chosen.length);
  return chosen.map((row) => {
    const input: Candidate = { json: row.json, case: `newer:${newer} ${row.case}` };
    if (row.same_after_json_parse) input.same_after_json_parse = true;
    return input;
  });
}
