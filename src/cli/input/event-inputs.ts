// The events of `send` and `serve`: read from files, directories, globs or standard input by
// the reader `validate` uses, checked, and kept in order with the text to send for each.
import { formatIssue } from "../../errors.js";
import type { Event } from "../../types.js";
import { validateEvent } from "../../validate.js";
import { toEngineJson } from "../../testing/engine-json.js";
import type { EventSink } from "./event-sink.js";
import { readSource, SourceReadError } from "./read-source.js";
import { expandSources } from "./sources.js";

/**
 * One event read: where it was, its JSON text (a line as it was written; an element of a
 * JSON document written as the engine would), its type, and whether it is valid.
 * @example
 * const input: InputEvent = { where: "runs.ndjson:3", text: '{"type":"run_created",…}', type: "run_created", valid: true };
 */
export interface InputEvent {
  where: string;
  text: string;
  /** The `type` field when it is a string. */
  type: string | undefined;
  /** Passes validateEvent. */
  valid: boolean;
}

/**
 * What `send` and `serve` read: the events, and a message per problem (a path that cannot be
 * read, text that is not JSON, and, unless told not to check, an invalid event).
 * @example
 * const { events, problems } = await readEventInputs(["runs.ndjson"], 1048576, true);
 */
export async function readEventInputs(
  paths: readonly string[],
  maxSize: number,
  validate: boolean,
): Promise<{ events: InputEvent[]; problems: string[] }> {
  const { sources, errors } = expandSources(paths);
  const events: InputEvent[] = [];
  const problems = errors.map((error) => `${error.file}: ${error.message}`);
  let file = "";
  const add = (where: string, value: unknown, text: () => string) => {
    const result = validateEvent(value);
    if (!result.ok && validate)
      problems.push(
        `${where}: invalid event: ${result.issues.map(formatIssue).join("; ")} (--no-validate sends it anyway)`,
      );
    const type =
      typeof (value as { type?: unknown } | null)?.type === "string" ? (value as { type: string }).type : undefined;
    events.push({ where, text: text(), type, valid: result.ok });
    return true;
  };
  const sink: EventSink = {
    text(text, line) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        problems.push(`${file}:${line}: is not valid JSON`);
        return true;
      }
      return add(`${file}:${line}`, value, () => text.trim());
    },
    value(value, line, index) {
      const where = `${file}:${line}${index === undefined ? "" : ` [${index}]`}`;
      return add(where, value, () =>
        value !== null && typeof value === "object" && !Array.isArray(value)
          ? toEngineJson(value as Event)
          : JSON.stringify(value),
      );
    },
    failure(issue, line) {
      problems.push(`${file}:${line}: ${issue.message}`);
      return true;
    },
    progress() {},
  };
  for (const source of sources) {
    file = source.kind === "stdin" ? "<stdin>" : source.path;
    try {
      await readSource(source, sink, maxSize);
    } catch (error) {
      if (!(error instanceof SourceReadError)) throw error;
      problems.push(`${error.file}: ${error.reason}`);
    }
  }
  return { events, problems };
}
