// `ironflow-events validate <path>...`: validates every event in the given files and
// directories, prints each invalid one with its issues, then a summary.
import { parseEvent } from "../validate.js";
import { EventValidationError, formatIssue } from "../errors.js";
import { readEvents, type RawEvent } from "./read-events.js";
import { describeIoError, expandPaths } from "./sources.js";

export interface ValidateCommandOptions {
  paths: string[];
  strict: boolean;
  out: (line: string) => void;
}

/** Exit code: 0 all valid, 1 any invalid, 2 an I/O error. */
export async function validateCommand({ paths, strict, out }: ValidateCommandOptions): Promise<number> {
  const files = expandPaths(paths);
  let events = 0;
  let invalid = 0;
  for (const file of files) {
    try {
      for await (const raw of readEvents(file)) {
        events++;
        try {
          parseEvent(raw.text ?? raw.value, { strict });
        } catch (error) {
          if (!(error instanceof EventValidationError)) throw error;
          invalid++;
          out(`${location(file, raw)}${typeLabel(raw)}`);
          for (const issue of error.issues) out(`  ${formatIssue(issue)}`);
        }
      }
    } catch (error) {
      throw new Error(`${file}: ${describeIoError(error)}`);
    }
  }
  const fileWord = files.length === 1 ? "file" : "files";
  out(`${files.length} ${fileWord}, ${events} events: ${events - invalid} valid, ${invalid} invalid`);
  return invalid > 0 ? 1 : 0;
}

function location(file: string, raw: RawEvent): string {
  return `${file}:${raw.line}${raw.index === undefined ? "" : ` [${raw.index}]`}`;
}

/** The event's type, when it says one, so a reader knows which schema applies. */
function typeLabel(raw: RawEvent): string {
  let value = raw.value;
  if (raw.text !== undefined) {
    try {
      value = JSON.parse(raw.text);
    } catch {
      return "";
    }
  }
  const type = value !== null && typeof value === "object" ? (value as { type?: unknown }).type : undefined;
  return typeof type === "string" ? ` (${type})` : "";
}
