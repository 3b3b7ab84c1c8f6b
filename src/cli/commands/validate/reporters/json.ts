// --format json: one JSON document, written as the run goes (the failures one per line),
// so that a run with millions of failures does not hold them all in memory.
// The format is documented in the README ("The JSON report").
import { ENGINE_VERSION } from "../../../../index.js";
import type { Output } from "../../../output.js";
import type { Failure, Reporter, Summary, ValidateConfig } from "../types.js";
import type { SourceError } from "../../../input/sources.js";

/**
 * Bumped when a field changes meaning or disappears; adding fields does not bump it.
 */
const JSON_REPORT_VERSION = 1;

/** The options of jsonReporter. */
interface JsonReporterOptions {
  out: Output;
  toolVersion: string;
  config: ValidateConfig;
}

/** The report's `options`: the settings that change which events pass, as the report documents them. */
function reportedOptions({ strict, lifecycle, maxErrors, maxSize }: ValidateConfig) {
  return { strict, lifecycle, maxErrors: maxErrors ?? null, maxSize };
}

/** A reporter that writes one JSON document (README, "The JSON report"). */
export function jsonReporter({ out, toolVersion, config }: JsonReporterOptions): Reporter {
  const { quiet } = config;
  const options = reportedOptions(config);
  const errors: SourceError[] = [];
  let failures = 0;
  out.write(
    `{\n  "reportVersion": ${JSON_REPORT_VERSION},\n  "tool": "ironflow-events",\n  "version": ${JSON.stringify(toolVersion)},\n` +
      `  "engineVersion": ${JSON.stringify(config.engine ?? ENGINE_VERSION)},\n  "options": ${JSON.stringify(options)},\n`,
  );
  if (!quiet) out.write(`  "failures": [`);
  return {
    failure(failure: Failure) {
      if (quiet) return;
      // Fields in a fixed order; absent ones left out.
      const record: Record<string, unknown> = { file: failure.file, line: failure.line };
      if (failure.column !== undefined) record.column = failure.column;
      if (failure.index !== undefined) record.index = failure.index;
      if (failure.type !== undefined) record.type = failure.type;
      record.severity = failure.severity;
      record.issues = failure.issues;
      out.write(`${failures === 0 ? "" : ","}\n    ${JSON.stringify(record)}`);
      failures++;
    },
    ioError(error: SourceError) {
      errors.push({ file: error.file, message: error.message });
    },
    finish(summary: Summary, exitCode: number) {
      if (!quiet) out.write(failures === 0 ? "],\n" : "\n  ],\n");
      const errorList =
        errors.length === 0 ? "[]" : `[\n${errors.map((error) => `    ${JSON.stringify(error)}`).join(",\n")}\n  ]`;
      out.write(
        `  "errors": ${errorList},\n  "summary": ${formatSummary(summary)},\n` +
          `  "ok": ${exitCode === 0},\n  "exitCode": ${exitCode}\n}\n`,
      );
    },
  };
}

/** The summary indented for reading, with one line per event type. */
function formatSummary(summary: Summary): string {
  const { byType, ...totals } = summary;
  const lines = Object.entries(totals).map(([key, value]) => `    ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  const types = Object.entries(byType).map(
    ([type, counts]) => `      ${JSON.stringify(type)}: ${JSON.stringify(counts)}`,
  );
  lines.push(types.length === 0 ? `    "byType": {}` : `    "byType": {\n${types.join(",\n")}\n    }`);
  return `{\n${lines.join(",\n")}\n  }`;
}
