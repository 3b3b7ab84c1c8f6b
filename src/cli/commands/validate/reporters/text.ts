// --format text: each failure as a located header and one line per issue, then the summary.
import { formatIssue } from "../../../../errors.js";
import type { Colours } from "../../../colour.js";
import type { Output } from "../../../output.js";
import type { Failure, Reporter, Summary, ValidateConfig } from "../types.js";
import type { SourceError } from "../../../input/sources.js";
import { location } from "./location.js";
import { summaryLines } from "./summary-text.js";

/**
 * The options of textReporter.
 */
interface TextReporterOptions {
  out: Output;
  /** Where I/O errors go (stderr). */
  err: (line: string) => void;
  colours: Colours;
  /** Read for `quiet` and `maxErrors`. */
  config: ValidateConfig;
}

/**
 * ```text
 * fixtures/bad.ndjson:3 (run_failed)
 *   error   /duration_ms: must be an integer from 0 to 18446744073709551615, got -1 [range]
 * ```
 */
export function textReporter({ out, err, colours: c, config }: TextReporterOptions): Reporter {
  const { quiet, maxErrors } = config;
  return {
    failure(failure: Failure) {
      if (quiet) return;
      // A type with control characters is quoted, so that it cannot break the report's lines.
      const shown =
        failure.type !== undefined && /[\u0000-\u001f\u007f-\u009f]/.test(failure.type)
          ? JSON.stringify(failure.type)
          : failure.type;
      const type = shown === undefined ? "" : ` (${shown})`;
      let text = `${c.bold(location(failure))}${type}\n`;
      const label = failure.severity === "error" ? c.red("error  ") : c.yellow("warning");
      for (const issue of failure.issues) text += `  ${label} ${formatIssue(issue)} ${c.dim(`[${issue.code}]`)}\n`;
      out.write(text);
    },
    ioError({ file, message }: SourceError) {
      out.flush(); // keep the order of what was found
      err(`ironflow-events: ${file}: ${message}`);
    },
    finish(summary: Summary) {
      if (!quiet && summary.invalid + summary.warnings > 0) out.write("\n");
      out.write(`${summaryLines(summary, c, maxErrors).join("\n")}\n`);
    },
  };
}
