// What `serve` plays: the events read from files (once, or over and over with --loop), or runs
// made by the testing kit one after another for as long as it runs (--generate). Made runs get
// the current time in `at` as each event is played. With --loop, every pass after the first
// is new: fresh UUIDs (the same fresh one for every use of an old one, so a run's events still
// share its run_id) and its times moved to now, the gaps between them kept.
import type { Event } from "../../../types.js";
import { isTimestamp } from "../../../rules/timestamp.js";
import { isUuid } from "../../../rules/uuid.js";
import { makeRun } from "../../../testing/make-run.js";
import { toEngineJson } from "../../../testing/engine-json.js";
import { Random } from "../../../testing/random.js";
import { formatTimestamp, NANOS_PER_MS } from "../../../testing/timestamps.js";
import { uuidV7 } from "../../../testing/uuid-v7.js";
import type { InputEvent } from "../../input/event-inputs.js";
import type { LiveClock } from "./live-clock.js";

/**
 * An event to play: its type and run (for the filters), its `at` in milliseconds (for
 * --realtime), whether it starts a new pass (a new run, or the files again), before which
 * real time does not wait for `at`, and its JSON text, made when it is played.
 * @example
 * const track: Track = { type: "run_created", runId, atMs: Date.parse(at), fresh: true, text: () => json };
 */
export interface Track {
  type: string;
  runId: string | undefined;
  atMs: number;
  fresh: boolean;
  text(): string;
}

/** What the playlist needs of an event read: its text and type, and its run and time. */
interface Read {
  type: string;
  runId: string | undefined;
  atMs: number;
  text: string;
}

/**
 * The events read, once or forever; passes after the first with fresh IDs and times from now.
 * @example
 * for (const track of filePlaylist(events, false, clock)) hub.broadcast({ ...track, text: track.text() });
 */
export function* filePlaylist(events: readonly InputEvent[], loop: boolean, clock: LiveClock): Generator<Track> {
  const first: Read[] = events.map((input) => {
    const value = JSON.parse(input.text) as { run_id?: unknown; at?: unknown };
    return {
      type: input.type ?? "",
      runId: typeof value.run_id === "string" ? value.run_id : undefined,
      atMs: typeof value.at === "string" ? Date.parse(value.at) : NaN,
      text: input.text,
    };
  });
  if (first.length === 0) return;
  const random = new Random(Math.floor(Math.random() * 2 ** 32));
  let pass = first;
  for (;;) {
    for (const [i, read] of pass.entries()) yield { ...read, fresh: i === 0, text: () => read.text };
    if (!loop) return;
    pass = renewed(first, pass, clock, random);
  }
}

/** The files' events again: fresh UUIDs, and times moved so that the pass starts now (and after the last). */
function renewed(first: readonly Read[], previous: readonly Read[], clock: LiveClock, random: Random): Read[] {
  // Loops, not Math.min(...times): a spread of a million arguments overflows the stack.
  let earliest = Infinity;
  for (const read of first) if (read.atMs < earliest) earliest = read.atMs;
  let lastPlayed = -Infinity;
  for (const read of previous) if (read.atMs > lastPlayed) lastPlayed = read.atMs;
  const start = clock.notBefore(Number.isFinite(lastPlayed) ? lastPlayed + 1 : 0).ms;
  const shiftMs = Number.isFinite(earliest) ? Math.round(start - earliest) : 0;
  const ids = new Map<string, string>();
  const freshId = (id: string) => {
    const key = id.toLowerCase();
    let fresh = ids.get(key);
    if (fresh === undefined) ids.set(key, (fresh = uuidV7(start, random)));
    return fresh;
  };
  return first.map((read) => ({
    type: read.type,
    runId: read.runId === undefined ? undefined : freshId(read.runId),
    atMs: read.atMs + shiftMs,
    text: rewriteStrings(read.text, (s) => (isUuid(s) ? freshId(s) : isTimestamp(s) ? shifted(s, shiftMs) : s)),
  }));
}

/** A JSON string literal, escapes and all. */
const STRING_LITERAL = /"((?:[^"\\]|\\.)*)"/g;

/**
 * `json` with each string literal that holds no escape replaced by `change` of it; every other
 * byte stays as it was (numbers above 2^53 among them, which a parse and a stringify would round).
 */
function rewriteStrings(json: string, change: (s: string) => string): string {
  return json.replace(STRING_LITERAL, (literal: string, content: string) => {
    if (content.includes("\\")) return literal;
    const changed = change(content);
    return changed === content ? literal : `"${changed}"`;
  });
}

/** An RFC 3339 instant `shiftMs` later, written as the engine writes one (UTC, `Z`); as it was if it cannot be read. */
function shifted(timestamp: string, shiftMs: number): string {
  const match = /^(.{19})(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(timestamp);
  if (match === null) return timestamp;
  const seconds = Date.parse(`${match[1]}${match[3] === "Z" ? "Z" : match[3]}`);
  if (!Number.isFinite(seconds)) return timestamp; // a leap second, which Date cannot hold
  const nanos = BigInt((match[2] ?? "").slice(0, 9).padEnd(9, "0"));
  return formatTimestamp(BigInt(seconds + shiftMs) * NANOS_PER_MS + nanos);
}

/**
 * Made runs, one after another, without end; the same seed gives the same runs. Each event's
 * `at` is the clock's time when it is played.
 * @example
 * const tracks = generatedPlaylist(42, new LiveClock());
 */
export function* generatedPlaylist(seed: number, clock: LiveClock): Generator<Track> {
  const random = new Random(seed);
  for (;;)
    for (const [i, event] of makeRun({ seed: random.seed(), start: Date.now() }).entries())
      yield {
        type: event.type,
        runId: event.run_id,
        atMs: Date.parse(event.at),
        fresh: i === 0,
        text: () => toEngineJson({ ...event, at: clock.now().text } as Event),
      };
}
