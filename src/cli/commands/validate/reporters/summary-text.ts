// The summary as plain lines, shared by the text and GitHub reports.
import type { Colours } from "../../../colour.js";
import type { Summary } from "../types.js";

/**
 * The summary: totals, a table of counts per event type, and notes on an early stop or on
 * unreadable paths.
 */
export function summaryLines(summary: Summary, c: Colours, maxErrors: number | undefined): string[] {
  const lines: string[] = [];
  const invalid = summary.invalid === 0 ? c.green("0 invalid") : c.red(`${summary.invalid} invalid`);
  const warnings =
    summary.warnings === 0 ? "" : `, ${c.yellow(`${summary.warnings} warning${summary.warnings === 1 ? "" : "s"}`)}`;
  lines.push(
    `${plural(summary.files, "file")}, ${plural(summary.events, "event")}: ${summary.valid} valid, ${invalid}${warnings}`,
  );
  const types = Object.entries(summary.byType);
  if (types.length > 0) {
    const withWarnings = summary.warnings > 0;
    const width = Math.max(10, ...types.map(([type]) => type.length));
    const row = (cells: string[]) =>
      `  ${cells[0]!.padEnd(width)}${cells
        .slice(1)
        .map((cell) => cell.padStart(9))
        .join("")}`;
    lines.push(c.dim(row(["event type", "events", "valid", "invalid", ...(withWarnings ? ["warnings"] : [])])));
    for (const [type, counts] of types) {
      const cells = [type, String(counts.events), String(counts.valid), String(counts.invalid)];
      if (withWarnings) cells.push(String(counts.warnings));
      lines.push(row(cells));
    }
  }
  if (summary.stoppedEarly)
    lines.push(
      c.yellow(
        `Stopped after ${plural(summary.invalid, "invalid event")} (--max-errors ${maxErrors}): the rest of the input was not read.`,
      ),
    );
  if (summary.errors > 0) lines.push(c.red(`${plural(summary.errors, "path")} could not be read.`));
  return lines;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}
