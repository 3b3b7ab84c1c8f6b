// The events of `send` and `serve`: read from files, directories, globs or standard input by
// the reader `validate` uses, checked, each with the text to send. `streamEventInputs` hands
// them over as they are read, holding one chunk's events at most (send: any size of input in
// bounded memory); `readEventInputs` keeps them all (serve plays them again and again).
import { formatIssue } from "../../errors.js";
import type { Event } from "../../types.js";
import { validateEvent } from "../../validate.js";
import { toEngineJson } from "../../testing/engine-json.js";
import type { EventSink } from "./event-sink.js";
import { readSource, SourceReadError } from "./read-source.js";
import { expandSources, type Source } from "./sources.js";

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
 * What streamEventInputs hands over: each event, in order (awaited before the reading goes on),
 * and a message per problem (a path that cannot be read, text that is not JSON, and, when
 * checking, an invalid event).
 * @example
 * const visitor: InputVisitor = { event: (input) => deliver(input), problem: (message) => console.error(message) };
 */
export interface InputVisitor {
  event(input: InputEvent): void | Promise<void>;
  problem(message: string): void;
}

/**
 * Reads the events of `sources` in order and hands each to `visitor` as it is read; `nameOf`
 * names a source in `where` and in messages; `engine` is the version they are checked as (the
 * newest without it). Only one chunk's events are held at a time.
 * @example
 * await streamEventInputs(sources, (source) => source.path, 1048576, true, visitor);
 */
export async function streamEventInputs(
  sources: readonly Source[],
  nameOf: (source: Source) => string,
  maxSize: number,
  validate: boolean,
  visitor: InputVisitor,
  engine?: string,
): Promise<void> {
  let file = "";
  let pending: InputEvent[] = [];
  const add = (where: string, value: unknown, text: () => string) => {
    const result = validateEvent(value, { engine });
    if (!result.ok && validate)
      visitor.problem(
        `${where}: invalid event: ${result.issues.map(formatIssue).join("; ")} (--no-validate sends it anyway)`,
      );
    const type =
      typeof (value as { type?: unknown } | null)?.type === "string" ? (value as { type: string }).type : undefined;
    pending.push({ where, text: text(), type, valid: result.ok });
    return true;
  };
  const drain = async () => {
    const batch = pending;
    pending = [];
    for (const input of batch) await visitor.event(input);
  };
  const sink: EventSink = {
    text(text, line) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        visitor.problem(`${file}:${line}: is not valid JSON`);
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
      visitor.problem(`${file}:${line}: ${issue.message}`);
      return true;
    },
    progress() {},
    drained: () => (pending.length === 0 ? undefined : drain()),
  };
  for (const source of sources) {
    file = nameOf(source);
    try {
      await readSource(source, sink, maxSize);
    } catch (error) {
      if (!(error instanceof SourceReadError)) throw error;
      visitor.problem(`${file}: ${error.reason}`);
    }
    await drain(); // a JSON document's events, and the last lines
  }
}

/**
 * What `serve` reads: every event, and a message per problem (a path that cannot be read,
 * text that is not JSON, and, unless told not to check, an invalid event).
 * @example
 * const { events, problems } = await readEventInputs(["runs.ndjson"], 1048576, true);
 */
export async function readEventInputs(
  paths: readonly string[],
  maxSize: number,
  validate: boolean,
  engine?: string,
): Promise<{ events: InputEvent[]; problems: string[] }> {
  const { sources, errors } = expandSources(paths);
  const events: InputEvent[] = [];
  const problems = errors.map((error) => `${error.file}: ${error.message}`);
  await streamEventInputs(
    sources,
    sourceName,
    maxSize,
    validate,
    {
      event: (input) => void events.push(input),
      problem: (message) => void problems.push(message),
    },
    engine,
  );
  return { events, problems };
}

/**
 * How a source is named in reports: its path, or `<stdin>`.
 * @example
 * sourceName({ kind: "stdin" }); // "<stdin>"
 */
export function sourceName(source: Source): string {
  return source.kind === "stdin" ? "<stdin>" : source.path;
}
