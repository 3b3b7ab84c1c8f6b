// The run lifecycle of each engine format, from the one schema that carries it (defs/run-status.json):
// `x-transitions` is the store's table (each status -> the statuses it may move to, a terminal
// status's idempotent move to itself included), `x-terminal` its terminal statuses, and
// `x-transitions-since` / `x-terminal-since` the version marks of what a later format added, as
// `x-enum-since` marks the enum values beside them. The lifecycle changed only by addition, like
// everything else the marks describe. check-invariants.ts asks lifecycleProblems; filter-format.ts
// gives each format its lifecycle (and keeps these keywords out of the bundles: they describe
// the engine's store, not the wire); emit-constants.ts writes it for the runtime.
import type { EngineVersions } from "./engine-versions.js";
import { isSchemaObject, type Json, type LoadedSchemas, type SchemaFile, type SchemaObject } from "./load-schemas.js";
import { enumIn, isIn } from "./version-marks.js";

/** Each status -> the statuses it may move to, in the engine's order (a status's move to itself included). */
export const TRANSITIONS = "x-transitions";
/**
 * Per status, the marks of the moves some formats lack: `{ "<to>": "<format>" }`. A format has
 * the row of each of its statuses (the enum's values it has, by x-enum-since), with the moves
 * its marks let in: a row of a later status needs no mark of its own.
 */
export const TRANSITIONS_SINCE = "x-transitions-since";
/** The statuses a run never leaves. */
export const TERMINAL = "x-terminal";
/** `{ "<status>": "<format>" }` for terminal statuses some formats lack. */
export const TERMINAL_SINCE = "x-terminal-since";

/** The lifecycle's keywords: they stand beside the enum of run statuses and nowhere else. */
export const LIFECYCLE_KEYWORDS = [TRANSITIONS, TRANSITIONS_SINCE, TERMINAL, TERMINAL_SINCE] as const;

/** The run lifecycle of one format. */
export interface Lifecycle {
  /** Every status of the format, in the enum's order -> the statuses it may move to, in the engine's order. */
  transitions: Record<string, string[]>;
  /** In the schema's order. */
  terminal: string[];
}

/**
 * The one file of schemas/ that carries the lifecycle.
 * @example
 * lifecycleFile(loaded).relative; // "defs/run-status.json"
 */
export function lifecycleFile({ variants, defs }: LoadedSchemas): SchemaFile {
  const files = [...variants, ...defs].filter((file) => TRANSITIONS in file.schema);
  if (files.length !== 1)
    throw new Error(
      `one schema carries the run lifecycle (${TRANSITIONS}, beside the enum of run statuses); found ${files.length}: ${files.map((f) => f.relative).join(", ") || "none"}`,
    );
  return files[0]!;
}

/**
 * The lifecycle of `format`: a row for each of its statuses (the enum's values it has, in the
 * enum's order), with the moves its marks let in, and the terminal statuses it has.
 * @example
 * lifecycleOf(runStatus, versions, "2.14").transitions.pending; // ["running", "cancelled"]
 */
export function lifecycleOf(schema: SchemaObject, versions: EngineVersions, format: string): Lifecycle {
  const rows = schema[TRANSITIONS] as Record<string, string[]>;
  const rowMarks = (schema[TRANSITIONS_SINCE] ?? {}) as Record<string, Json>;
  const terminalMarks = (schema[TERMINAL_SINCE] ?? {}) as Record<string, Json>;
  const transitions: Record<string, string[]> = {};
  for (const from of enumIn(versions, schema, format).map(String)) {
    const marks = (rowMarks[from] ?? {}) as Record<string, Json>;
    transitions[from] = (rows[from] ?? []).filter((to) => isIn(versions, marks[to], format));
  }
  const terminal = (schema[TERMINAL] as string[]).filter((status) => isIn(versions, terminalMarks[status], format));
  return { transitions, terminal };
}

/**
 * What is wrong with the lifecycle of `schema` (the file that carries x-transitions), for the
 * generator's error message. The keywords' shapes, a row for each status of the enum, and the
 * marks first; then, for each format, the rules of the store's table: every status a move or
 * x-terminal names is one of that format's statuses, a terminal status moves to no other,
 * every other status has a way out, and only a terminal status moves to itself (the store's
 * idempotent no-op).
 * @example
 * lifecycleProblems(runStatus, versions); // [] for schemas/defs/run-status.json
 */
export function lifecycleProblems(schema: SchemaObject, versions: EngineVersions): string[] {
  const formats = versions.formats.map((entry) => entry.format);
  const problems: string[] = [];
  const markProblem = (mark: Json | undefined, at: string) => {
    if (typeof mark !== "string" || !formats.includes(mark))
      problems.push(`${at}: ${JSON.stringify(mark)} names no format of engine-versions.json (${formats.join(", ")})`);
  };
  const rows = schema[TRANSITIONS];
  const terminal = schema[TERMINAL];
  if (!Array.isArray(schema.enum)) problems.push(`${TRANSITIONS} stands beside the enum of run statuses`);
  if (!isSchemaObject(rows) || !Object.values(rows).every(isListOfStrings))
    problems.push(`${TRANSITIONS} is an object: each status -> the list of statuses it may move to`);
  if (!isListOfStrings(terminal)) problems.push(`${TERMINAL} is the list of terminal statuses, beside ${TRANSITIONS}`);
  if (problems.length > 0) return problems;
  const table = rows as Record<string, string[]>;
  const values = (schema.enum as Json[]).map(String);
  for (const status of values)
    if (!(status in table))
      problems.push(`${TRANSITIONS}: ${status} has no row (a terminal status's row lists itself or nothing)`);
  for (const [from, moves] of Object.entries(table)) {
    if (!values.includes(from)) problems.push(`${TRANSITIONS}/${from}: "${from}" is not a run status of the enum`);
    for (const to of new Set(moves.filter((to, i) => moves.indexOf(to) !== i)))
      problems.push(`${TRANSITIONS}/${from}: the move to ${to} is listed twice`);
  }

  const rowMarks = schema[TRANSITIONS_SINCE] ?? {};
  if (!isSchemaObject(rowMarks)) problems.push(`${TRANSITIONS_SINCE} is an object beside ${TRANSITIONS}`);
  else
    for (const [from, mark] of Object.entries(rowMarks)) {
      const at = `${TRANSITIONS_SINCE}/${from}`;
      if (!(from in table)) problems.push(`${at}: "${from}" has no row in ${TRANSITIONS}`);
      else if (!isSchemaObject(mark)) problems.push(`${at}: marks the moves of the row, { "<to>": "<format>" }`);
      else
        for (const [to, moveMark] of Object.entries(mark)) {
          if (!table[from]!.includes(to))
            problems.push(`${at}/${to}: ${from} -> ${to} is not a move of ${TRANSITIONS}`);
          markProblem(moveMark, `${at}/${to}`);
        }
    }
  const terminalMarks = schema[TERMINAL_SINCE] ?? {};
  if (!isSchemaObject(terminalMarks)) problems.push(`${TERMINAL_SINCE} is an object beside ${TERMINAL}`);
  else
    for (const [status, mark] of Object.entries(terminalMarks)) {
      if (!(terminal as string[]).includes(status))
        problems.push(`${TERMINAL_SINCE}/${status}: "${status}" is not in ${TERMINAL}`);
      markProblem(mark, `${TERMINAL_SINCE}/${status}`);
    }
  if (problems.length > 0) return problems;

  for (const format of formats) {
    const statuses = enumIn(versions, schema, format).map(String);
    const { transitions, terminal: terminalAt } = lifecycleOf(schema, versions, format);
    const at = `engine format ${format}`;
    const unknown = (status: string, where: string, mark: string) =>
      problems.push(`${at}: ${where} names ${status}, not a status of that format (mark it in ${mark})`);
    for (const [from, moves] of Object.entries(transitions))
      for (const to of moves) if (!statuses.includes(to)) unknown(to, `${from} -> ${to}`, TRANSITIONS_SINCE);
    for (const status of terminalAt) if (!statuses.includes(status)) unknown(status, TERMINAL, TERMINAL_SINCE);
    for (const status of statuses) {
      const moves = transitions[status]!;
      const out = moves.filter((to) => to !== status);
      if (terminalAt.includes(status)) {
        if (out.length > 0) problems.push(`${at}: ${status} is terminal, yet moves to ${out.join(", ")}`);
      } else {
        if (out.length === 0) problems.push(`${at}: ${status} is not terminal and has no way out`);
        if (moves.includes(status))
          problems.push(`${at}: ${status} moves to itself; only a terminal status may (the store's no-op)`);
      }
    }
  }
  return problems;
}

function isListOfStrings(value: Json | undefined): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}
