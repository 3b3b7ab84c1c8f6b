// What `serve` plays: the events read from files (once, or over and over with --loop), or runs
// made by the testing kit one after another for as long as it runs (--generate).
import type { InputEvent } from "../../input/event-inputs.js";
import { makeRun } from "../../../testing/make-run.js";
import { toEngineJson } from "../../../testing/engine-json.js";
import { Random } from "../../../testing/random.js";
import type { PlayedEvent } from "./sse-hub.js";

/**
 * An event to play, with its `at` in milliseconds (for --realtime) and whether it starts a
 * new pass (a new run, or the files again), before which real time does not wait for `at`.
 * @example
 * const track: Track = { event, atMs: Date.parse(event.at), fresh: false };
 */
export interface Track {
  event: PlayedEvent;
  atMs: number;
  fresh: boolean;
}

/**
 * The events read, once or forever.
 * @example
 * for (const track of filePlaylist(events, false)) hub.broadcast(track.event);
 */
export function* filePlaylist(events: readonly InputEvent[], loop: boolean): Generator<Track> {
  const tracks = events.map((input) => {
    const value = JSON.parse(input.text) as { run_id?: unknown; at?: unknown };
    return {
      event: {
        type: input.type ?? "",
        runId: typeof value.run_id === "string" ? value.run_id : undefined,
        text: input.text,
      },
      atMs: typeof value.at === "string" ? Date.parse(value.at) : NaN,
    };
  });
  do for (const [i, track] of tracks.entries()) yield { ...track, fresh: i === 0 };
  while (loop && tracks.length > 0);
}

/**
 * Made runs, one after another, without end; the same seed gives the same runs.
 * @example
 * const tracks = generatedPlaylist(42);
 */
export function* generatedPlaylist(seed: number): Generator<Track> {
  const random = new Random(seed);
  for (;;)
    for (const [i, event] of makeRun({ seed: random.seed(), start: Date.now() }).entries())
      yield {
        event: { type: event.type, runId: "run_id" in event ? event.run_id : undefined, text: toEngineJson(event) },
        atMs: Date.parse(event.at),
        fresh: i === 0,
      };
}
