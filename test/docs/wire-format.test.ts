// docs/wire-format.md's examples say what they do: each ```verdicts block holds examples of
// four lines (`# title`, `# engine: ...`, `# package: ...`, the JSON input). The engine's line
// must be its verdict on that input, word for word, as recorded by the engine's exact reader
// in test/vectors/oracle-examples.ndjson; the package's line must be what parseEvent(text)
// reports (path and code of each issue, or `accepts`). Under "Deliberately stricter than the
// engine" the engine accepts and the package refuses; under "Left open" the engine refuses and
// the package accepts; everywhere else they agree.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseEvent } from "../../src/index.js";
import { refusalIfAny } from "../support/thrown.js";
import { oracleExampleRows } from "../support/vectors.js";

const PAGE = readFileSync(new URL("../../docs/wire-format.md", import.meta.url), "utf8");
const STRICTER_SECTION = "## Deliberately stricter than the engine";
const OPEN_SECTION = "### Left open: a duplicate known field";

interface Example {
  title: string;
  engine: string;
  pkg: string;
  json: string;
  stricter: boolean;
  open: boolean;
}

function examples(): Example[] {
  const out: Example[] = [];
  const stricterAt = PAGE.indexOf(STRICTER_SECTION);
  const openAt = PAGE.indexOf(OPEN_SECTION);
  for (const block of PAGE.matchAll(/```verdicts\n([\s\S]*?)```/g)) {
    const lines = block[1]!.trimEnd().split("\n");
    if (lines.length % 4 !== 0) throw new Error(`a verdicts block of ${lines.length} lines, not groups of 4`);
    for (let i = 0; i < lines.length; i += 4) {
      const [title, engine, pkg, json] = lines.slice(i, i + 4) as [string, string, string, string];
      if (!title.startsWith("# ") || !engine.startsWith("# engine:  ") || !pkg.startsWith("# package: "))
        throw new Error(`malformed example at ${JSON.stringify(title)}`);
      out.push({
        title: title.slice(2),
        engine: engine.slice("# engine:  ".length),
        pkg: pkg.slice("# package: ".length),
        json,
        stricter: stricterAt !== -1 && block.index! > stricterAt,
        open: openAt !== -1 && block.index! > openAt && block.index! < stricterAt,
      });
    }
  }
  return out;
}

function packageVerdict(json: string): string {
  const refusal = refusalIfAny(() => parseEvent(json));
  if (refusal === undefined) return "accepts";
  return refusal.issues.map((issue) => `${issue.path || "(root)"} ${issue.code}`).join(", ");
}

const EXAMPLES = examples();
const ROWS = new Map(oracleExampleRows().map((row) => [row.json, row]));

describe("docs/wire-format.md", () => {
  it("has examples in every section, one per recorded input", () => {
    expect(EXAMPLES.length).toBe(ROWS.size);
    expect(EXAMPLES.some((example) => example.stricter)).toBe(true);
    expect(new Set(EXAMPLES.map((example) => example.json)).size).toBe(EXAMPLES.length);
  });
  it.each(EXAMPLES.map((example) => [example.title, example] as const))("%s", (_title, example) => {
    const row = ROWS.get(example.json);
    expect(row, "the input is in test/vectors/oracle-examples.ndjson").toBeDefined();
    expect(example.engine).toBe(row!.engine === "accepts" ? "ok" : `err ${row!.engine_error}`);
    expect(example.pkg).toBe(packageVerdict(example.json));
    const accepted = example.pkg === "accepts";
    if (example.stricter) expect([row!.engine, accepted]).toEqual(["accepts", false]);
    else if (example.open) expect([row!.engine, accepted]).toEqual(["rejects", true]);
    else expect(accepted).toBe(row!.engine === "accepts");
  });
});
