// Agreement with the engine, format by format: parseEvent(text, { engine: <format>, strict })
// over each format's vectors (test/vectors/<format>/, 2.14's at the root), made with that
// engine version's own reader (the oracle; test/vectors/README.md says how).
//
// What must hold, for every format, in default and strict mode:
// - every event the format's engine wrote is accepted, and parses to what its JSON says;
// - no false accepts: nothing the engine refuses is accepted (but the open class of a known
//   field written twice, counted apart as in verdicts.test.ts);
// - no false rejects: every engine-written row (`case: "valid"`) is accepted, and any other row
//   the engine accepts is refused only in a documented class (format-conformance.ts names them);
// - strict mode refuses, beyond default mode, unknown fields only;
// - the same over newer-verdicts.ndjson: the events and near misses of every newer format as
//   this format's engine reads them (a newer variant is unknown, a newer field is ignored, a
//   newer enum value is wrong).
import { beforeAll, describe, expect, it } from "vitest";
import { parseEvent } from "../../src/index.js";
import { describeRow, issueList, itAgreesWithTheEngine, listRows } from "../support/row-report.js";
import {
  formatOptions,
  outcomeAt,
  printFormatReport,
  runFormatAgreement,
  type FormatReport,
} from "../support/format-conformance.js";
import {
  formatEventLines,
  formatVerdictRows,
  newerVerdictRows,
  VECTOR_FORMATS,
  type VectorFormat,
  type VerdictRow,
} from "../support/vectors.js";

/** How many variants each format has (the oracle's version table). */
const VARIANTS: Record<VectorFormat, number> = { "2.14": 12, "2.20": 14, "2.52": 20 };

/**
 * Whether a parsed event holds what its JSON says. Numbers may differ in their last bits: the
 * engine reads a float with serde_json's parser, which is not correctly rounded, and the package
 * may hold that double rather than JSON.parse's (docs/wire-format.md, "Numbers at the edges").
 */
function sameValue(got: unknown, want: unknown): boolean {
  if (typeof want === "number" && typeof got === "number")
    return got === want || Math.abs(got - want) <= Math.abs(want) * 2 ** -51;
  if (Array.isArray(want))
    return Array.isArray(got) && got.length === want.length && want.every((w, i) => sameValue(got[i], w));
  if (want !== null && typeof want === "object") {
    if (got === null || typeof got !== "object" || Array.isArray(got)) return false;
    const g = got as Record<string, unknown>;
    const w = want as Record<string, unknown>;
    return (
      Object.keys(g).length === Object.keys(w).length && Object.keys(w).every((k) => k in g && sameValue(g[k], w[k]))
    );
  }
  return Object.is(got, want);
}

function agreementSuite(format: VectorFormat, file: string, rows: readonly VerdictRow[]): void {
  describe(`agreement with the engine ${format} on ${file}`, () => {
    let report: FormatReport;
    beforeAll(() => {
      report = runFormatAgreement(format, rows);
      printFormatReport(`engine ${format}, ${file}`, report);
    });

    itAgreesWithTheEngine(rows, () => report, { strictComparedRowByRow: true });
  });
}

/** The per-rule checks of verdicts.test.ts, over any format's rows. */
function ruleSuite(format: VectorFormat, rows: readonly VerdictRow[]): void {
  const parsed = (row: VerdictRow): unknown => {
    try {
      return JSON.parse(row.json) as unknown;
    } catch {
      return undefined;
    }
  };
  const expectEvery = (title: string, chosen: VerdictRow[], holds: (row: VerdictRow, strict: boolean) => boolean) => {
    expect(chosen.length).toBeGreaterThan(0);
    const wrong: string[] = [];
    for (const row of chosen)
      for (const strict of [false, true])
        if (!holds(row, strict)) {
          const result = outcomeAt(format, row.json, strict);
          wrong.push(describeRow(row, result.ok ? "accepted" : issueList(result.issues)));
        }
    expect(wrong.length, listRows(title, wrong)).toBe(0);
  };
  const issues = (row: VerdictRow, strict: boolean) => {
    const result = outcomeAt(format, row.json, strict);
    return result.ok ? null : result.issues;
  };

  describe(`per-rule checks under the engine ${format}`, () => {
    it("an unknown string `type` (a newer format's too) gives unknown_event_type at /type", () => {
      const chosen = rows.filter((row) => {
        if (!/unknown variant `.*`, expected one of `run_created`/s.test(row.engine_error ?? "")) return false;
        return typeof (parsed(row) as { type?: unknown } | undefined)?.type === "string";
      });
      expectEvery("unknown types without an unknown_event_type issue at /type", chosen, (row, strict) =>
        (issues(row, strict) ?? []).some((i) => i.path === "/type" && i.code === "unknown_event_type"),
      );
    });

    it("a non-object input gives a `type` issue at the root", () => {
      const chosen = rows.filter((row) => {
        const value = parsed(row);
        return (
          row.json.trim() !== "" &&
          value !== undefined &&
          (value === null || typeof value !== "object" || Array.isArray(value))
        );
      });
      expectEvery("non-object inputs without a type issue at the root", chosen, (row, strict) =>
        (issues(row, strict) ?? []).some((i) => i.path === "" && i.code === "type"),
      );
    });

    it("a missing field (at any depth) gives a `required` issue at that field", () => {
      const chosen = rows.filter((row) => {
        if (row.engine !== "rejects" || !/^missing field `[a-z_]+`$/.test(row.engine_error ?? "")) return false;
        const value = parsed(row);
        return value !== null && typeof value === "object" && !Array.isArray(value);
      });
      expectEvery("missing fields without a required issue", chosen, (row) => {
        const field = /`([a-z_]+)`/.exec(row.engine_error!)![1]!;
        return (issues(row, false) ?? []).some((i) => i.code === "required" && i.path.endsWith(`/${field}`));
      });
    });

    it("a lone surrogate gives an invalid_unicode issue", () => {
      const chosen = rows.filter(
        (row) => row.engine === "rejects" && /hex escape|surrogate/i.test(row.engine_error ?? ""),
      );
      expectEvery("lone surrogates without an invalid_unicode issue", chosen, (row, strict) =>
        (issues(row, strict) ?? []).some((i) => i.code === "invalid_unicode"),
      );
    });
  });
}

for (const format of VECTOR_FORMATS) {
  describe(`engine format ${format}`, () => {
    it(`every event its engine wrote (${format}) is accepted, default and strict, and parses to what it says`, () => {
      const lines = formatEventLines(format);
      const types = new Set<string>();
      const failures: string[] = [];
      lines.forEach((line, index) => {
        const expected = JSON.parse(line) as Record<string, unknown>;
        types.add(expected.type as string);
        for (const strict of [false, true]) {
          const where = `line ${index + 1} (${strict ? "strict" : "default"})`;
          try {
            const event = parseEvent(line, formatOptions(format, strict));
            if (!sameValue(event, expected)) failures.push(`${where}: the parsed event differs from the line's JSON`);
          } catch (error) {
            failures.push(`${where}: ${(error instanceof Error ? error.message : String(error)).slice(0, 300)}`);
          }
        }
      });
      expect(types.size).toBe(VARIANTS[format]);
      expect(failures.length, listRows("engine-written events refused or misread", failures)).toBe(0);
    });

    const rows = formatVerdictRows(format);
    agreementSuite(format, "engine-verdicts.ndjson", rows);
    const newer = newerVerdictRows(format);
    if (newer.length > 0) agreementSuite(format, "newer-verdicts.ndjson", newer);
    ruleSuite(format, [...rows, ...newer]);
  });
}
