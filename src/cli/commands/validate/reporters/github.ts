// --format github: GitHub Actions workflow commands, so that each failure shows as an
// annotation on the pull request, at its file and line. The summary follows as plain lines
// for the job log.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import { formatIssue } from "../../../../errors.js";
import { colours } from "../../../colour.js";
import type { Output } from "../../../output.js";
import type { Failure, Reporter, Summary, ValidateConfig } from "../types.js";
import type { SourceError } from "../../../input/sources.js";
import { summaryLines } from "./summary-text.js";

/**
 * The options of githubReporter.
 */
interface GithubReporterOptions {
  out: Output;
  /** Read for `quiet` and `maxErrors`. */
  config: ValidateConfig;
  /** The name under which standard input is reported; annotations need a real file. */
  stdinName: string;
}

/**
 * One `::error` (or `::warning`) command per issue:
 * ```text
 * ::error file=fixtures/bad.ndjson,line=3,title=ironflow-events%3A invalid run_failed event::/duration_ms: must be … [range]
 * ```
 */
export function githubReporter({ out, config, stdinName }: GithubReporterOptions): Reporter {
  const { quiet, maxErrors } = config;
  const plain = colours(false, {});
  return {
    failure(failure: Failure) {
      if (quiet) return;
      const properties: string[] = [];
      let prefix = "";
      if (failure.file === stdinName) prefix = `${stdinName}:${failure.line}: `;
      else {
        properties.push(`file=${escapeProperty(failure.file)}`, `line=${failure.line}`);
        if (failure.column !== undefined) properties.push(`col=${failure.column}`);
      }
      const what = failure.type === undefined ? "event" : `${failure.type} event`;
      const at = failure.index === undefined ? "" : ` at index ${failure.index}`;
      const title =
        failure.severity === "error" ? `ironflow-events: invalid ${what}${at}` : `ironflow-events: ${what}${at}`;
      properties.push(`title=${escapeProperty(title)}`);
      const command = failure.severity === "error" ? "error" : "warning";
      let text = "";
      for (const issue of failure.issues)
        text += `::${command} ${properties.join(",")}::${escapeData(`${prefix}${formatIssue(issue)} [${issue.code}]`)}\n`;
      out.write(text);
    },
    ioError({ file, message }: SourceError) {
      const where = file === stdinName ? "" : `file=${escapeProperty(file)},`;
      out.write(`::error ${where}title=ironflow-events%3A cannot read::${escapeData(`${file}: ${message}`)}\n`);
    },
    finish(summary: Summary) {
      out.write(`${summaryLines(summary, plain, maxErrors).join("\n")}\n`);
    },
  };
}

/**
 * Message text of a workflow command: %, CR and LF are escaped.
 * @example
 * escapeData("50%\ndone"); // "50%25%0Adone"
 */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/**
 * A property value (file=, title=): also ":" and ",", which separate properties.
 * @example
 * escapeProperty("a, b: c.json"); // "a%2C b%3A c.json"
 */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
