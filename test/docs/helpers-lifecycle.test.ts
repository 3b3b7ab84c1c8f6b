// docs/helpers.md's "Run lifecycle" says what the helpers answer: each table (one per range of
// engine versions) lists every status of that version with its moves, as nextStatuses and
// isTerminal give them, and nothing else is legal (canTransition over every pair); each line
// of the example that ends in `// <value>` (or `// <value>: <note>`) is run, and must give that value.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { canTransition, checkTransition, formatIssue, isTerminal, nextStatuses } from "../../src/index.js";
import { formatTable } from "../../src/engine/index.js";

const PAGE = readFileSync(new URL("../../docs/helpers.md", import.meta.url), "utf8");
const SECTION = PAGE.slice(
  PAGE.indexOf("## Run lifecycle"),
  PAGE.indexOf("\n## ", PAGE.indexOf("## Run lifecycle") + 1),
);

interface Table {
  /** A version of the range the heading names ("Engine 2.14.x–2.40.x …" → "2.14", and its last, "2.40"). */
  versions: string[];
  rows: { from: string[]; to: string[] | "terminal" | "itself" }[];
}

function tables(): Table[] {
  const out: Table[] = [];
  for (const match of SECTION.matchAll(
    /^Engine ([\d.x–]+)[^\n]*\n\n\| from +\| may move to +\|\n\|[- |]+\|\n((?:\|.*\|\n)+)/gm,
  )) {
    const versions = match[1]!.split("–").map((v) => v.replace(/\.x$/, ""));
    const rows = match[2]!
      .trimEnd()
      .split("\n")
      .map((line) => {
        const [from, to] = line
          .split("|")
          .slice(1, 3)
          .map((cell) => cell.trim()) as [string, string];
        const names = (cell: string) => [...cell.matchAll(/`(\w+)`/g)].map((m) => m[1]!);
        return {
          from: names(from),
          to: to.startsWith("none: terminal")
            ? ("terminal" as const)
            : to.startsWith("itself only")
              ? ("itself" as const)
              : names(to),
        };
      });
    out.push({ versions, rows });
  }
  return out;
}

describe('docs/helpers.md, "Run lifecycle"', () => {
  it("has a table for each range of engine versions, 2.14 to 2.40 and 2.52", () => {
    expect(tables().map((t) => t.versions)).toEqual([["2.14", "2.40"], ["2.52"]]);
  });

  it.each(tables().flatMap((t) => t.versions.map((engine) => [engine, t] as const)))(
    "its table of engine %s is what the helpers answer, every status and every pair",
    (engine, table) => {
      const statuses = formatTable(engine).runStatuses as readonly string[];
      const listed = table.rows.flatMap((row) => row.from);
      expect([...listed].sort()).toEqual([...statuses].sort());
      const options = { engine } as { engine: "2.52" };
      for (const row of table.rows)
        for (const from of row.from as "pending"[]) {
          const terminal = row.to === "terminal" || row.to === "itself";
          expect(isTerminal(from, options), from).toBe(terminal);
          expect(nextStatuses(from, options), from).toEqual(terminal ? [] : row.to);
          for (const to of statuses as "pending"[]) {
            const legal = terminal ? row.to === "itself" && to === from : (row.to as string[]).includes(to);
            expect(canTransition(from, to, options), `${from} -> ${to}`).toBe(legal);
            expect(checkTransition({ from, to }, options) === null, `${from} -> ${to}`).toBe(legal);
          }
        }
    },
  );

  it("its example's lines give the values their comments say", () => {
    const example = /```ts\n([\s\S]*?)```/.exec(SECTION)![1]!;
    const claims = [...example.matchAll(/^((?:canTransition|nextStatuses|isTerminal)\(.*\)); \/\/ (.+)$/gm)];
    expect(claims.length).toBeGreaterThanOrEqual(7);
    const helpers = { canTransition, isTerminal, nextStatuses };
    for (const [, call, value] of claims) {
      const run = new Function(...Object.keys(helpers), `return ${call};`) as (...args: unknown[]) => unknown;
      // The value, then maybe a note after a colon: `// false: from 2.52 on`.
      expect(run(...Object.values(helpers)), call).toEqual(JSON.parse(value!.replace(/: .*$/, "")));
    }
  });

  it("its example's issue is checkTransition's, formatted", () => {
    const comment = /formatIssue\(issue\)\); \/\/ (.+)$/m.exec(SECTION)![1]!;
    const issue = checkTransition({ from: "completed", to: "running" }, { engine: "2.31.4" })!;
    expect(formatIssue(issue)).toBe(comment);
  });
});
