// What `serve` plays: the events read from files (once, or over and over with --loop), or runs
// made by the testing kit one after another for as long as it runs (--generate). Made runs get
// the current time in `at` as each event is played. With --loop, every pass after the first
// is new: fresh UUIDs (the same fresh one for every use of an old one, so a run's events still
// share its run_id) and, as each event is played, `at` the current time (its other times moved
// as much). Times never go back, and never run ahead of the clock, whatever the pace.
import type { Event } from "../../../types.js";
import { parseEvent } from "../../../validate.js";
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
 * An event to play: its type and run (for the filters), its `at` in milliseconds as written (for
 * --realtime, which keeps the gaps), whether it starts a new pass (a new run, or the files
 * again), before which real time does not wait for `at`, and its JSON text, made when it is played.
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

/**
 * The events read, once or forever; passes after the first with fresh IDs and times from now.
 * @example
 * for (const track of filePlaylist(events, false, clock)) hub.broadcast({ ...track, text: track.text() });
 */
export function* filePlaylist(events: readonly InputEvent[], loop: boolean, clock: LiveClock): Generator<Track> {
  const reads = events.map((input) => {
    const value = JSON.parse(input.text) as { run_id?: unknown; at?: unknown };
    return {
      type: input.type ?? "",
      runId: typeof value.run_id === "string" ? value.run_id : undefined,
      atMs: typeof value.at === "string" ? Date.parse(value.at) : NaN,
      text: input.text,
    };
  });
  if (reads.length === 0) return;
  for (const [i, read] of reads.entries()) yield { ...read, fresh: i === 0, text: () => read.text };
  const random = new Random(Math.floor(Math.random() * 2 ** 32));
  while (loop) {
    const ids = new Map<string, string>();
    const freshId = (id: string) => {
      const key = id.toLowerCase();
      let fresh = ids.get(key);
      if (fresh === undefined) ids.set(key, (fresh = uuidV7(Date.now(), random)));
      return fresh;
    };
    for (const [i, read] of reads.entries())
      yield {
        type: read.type,
        runId: read.runId === undefined ? undefined : freshId(read.runId),
        atMs: read.atMs,
        fresh: i === 0,
        text: () => renewed(read.text, freshId, clock),
      };
  }
}

/**
 * An event of the files played again: its UUIDs fresh, its `at` now (as the clock gives it) and
 * its other times moved as much, so that they keep their distance to it.
 */
function renewed(text: string, freshId: (id: string) => string, clock: LiveClock): string {
  const at = /"at":"([^"\\]*)"/.exec(text)?.[1];
  const atNanos = at === undefined ? undefined : nanosOf(at);
  const shift = atNanos === undefined ? 0n : nanosOf(clock.now().text)! - atNanos;
  return rewriteStrings(text, (s) => {
    if (isUuid(s)) return freshId(s);
    if (!isTimestamp(s)) return s;
    const nanos = nanosOf(s);
    return nanos === undefined ? s : formatTimestamp(nanos + shift);
  });
}

/**
 * `json` with each string literal that holds no escape replaced by `change` of it; every other
 * byte stays as it was (numbers above 2^53 among them, which a parse and a stringify would round).
 * A scan, not a regex: a string-literal regex backtracks badly on an unclosed string.
 */
function rewriteStrings(json: string, change: (s: string) => string): string {
  let out = "";
  let copied = 0;
  for (let i = json.indexOf('"'); i !== -1; i = json.indexOf('"', i + 1)) {
    let end = i + 1;
    let escaped = false;
    while (end < json.length && json[end] !== '"') {
      if (json[end] === "\\") {
        escaped = true;
        end++;
      }
      end++;
    }
    if (end >= json.length) break; // unclosed: left as it is
    if (!escaped) {
      const content = json.slice(i + 1, end);
      const changed = change(content);
      if (changed !== content) {
        out += `${json.slice(copied, i)}"${changed}"`;
        copied = end + 1;
      }
    }
    i = end;
  }
  return out + json.slice(copied);
}

/** An RFC 3339 instant in nanoseconds since the epoch; undefined if Date cannot read it (a leap second). */
function nanosOf(timestamp: string): bigint | undefined {
  const match = /^(.{19})(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(timestamp);
  if (match === null) return undefined;
  const seconds = Date.parse(`${match[1]}${match[3]}`);
  if (!Number.isFinite(seconds)) return undefined;
  return BigInt(seconds) * NANOS_PER_MS + BigInt((match[2] ?? "").slice(0, 9).padEnd(9, "0"));
}

/**
 * Made runs, one after another, without end; the same seed gives the same runs. Each event's
 * `at` is the clock's time when it is played; the runs are those of `engine` (the testing kit's
 * `engine`: its events, fields, statuses and lifecycle), written as that engine writes them.
 * @example
 * const tracks = generatedPlaylist(42, new LiveClock(), "2.31.4");
 */
export function* generatedPlaylist(seed: number, clock: LiveClock, engine: string | undefined): Generator<Track> {
  const random = new Random(seed);
  for (;;)
    for (const [i, event] of makeRun({ seed: random.seed(), start: Date.now(), engine } as {
      engine?: string;
    }).entries())
      yield {
        type: event.type,
        // signal_received names the runs it resumed instead of one run_id.
        runId: "run_id" in event ? event.run_id : undefined,
        atMs: Date.parse(event.at),
        fresh: i === 0,
        text: () =>
          toEngineJson(
            parseEvent({ ...event, at: clock.now().text }, { engine }) as Event,
            { engine } as { engine?: string },
          ),
      };
}
