// How `serve` runs: a local stand-in for the engine's GET /api/v1/events, replaying files (or
// runs made by the testing kit) as server-sent events, and optionally posting each event to a
// webhook receiver too.
import { DEFAULT_MAX_SIZE } from "../../../validate.js";
import { seedOf } from "../../../testing/random.js";
import { readEventInputs } from "../../input/event-inputs.js";
import { pace, sleepUntil } from "../../pace.js";
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_RETRY_DELAY_MS,
  DELIVERY_TIMEOUT_MS,
  deliver,
  describeOutcome,
} from "../send/deliver.js";
import type { CommandIO } from "../../command.js";
import { filePlaylist, generatedPlaylist, type Track } from "./playlist.js";
import { SseHub } from "./sse-hub.js";

/** In real time, the pause before a new run (or before the files again). */
const PAUSE_BETWEEN_PASSES_MS = 2_000;

/**
 * The options of `serve`, checked.
 * @example
 * const options = readCommandLine(serve, ["--generate", "--port", "0"]);
 */
export interface ServeOptions {
  paths: string[];
  generate: boolean;
  seed: number | undefined;
  host: string;
  port: number;
  /** Events per second; undefined with --realtime. */
  rate: number | undefined;
  loop: boolean;
  keepAliveMs: number;
  webhook: string | undefined;
  secret: string | undefined;
}

/**
 * Serves until SIGINT or SIGTERM (or `signal`). Prints the stream's URL as its first line.
 * Exit code: 0 after a stop, 2 when an input cannot be read or holds an invalid event, or the
 * port cannot be listened on.
 * @example
 * process.exitCode = await serveCommand(readCommandLine(serve, ["--generate"]) as ServeOptions, io);
 */
export async function serveCommand(options: ServeOptions, io: CommandIO, signal?: AbortSignal): Promise<number> {
  const out = (line: string) => void io.stdout.write(`${line}\n`);
  const err = (line: string) => void io.stderr.write(`${line}\n`);
  let tracks: Iterator<Track>;
  let what: string;
  if (options.generate) {
    const seed = seedOf(options.seed, "serve");
    tracks = generatedPlaylist(seed);
    what = `runs made by the testing kit (seed ${seed})`;
  } else {
    const { events, problems } = await readEventInputs(options.paths, DEFAULT_MAX_SIZE, true);
    if (problems.length > 0) {
      for (const problem of problems) err(`ironflow-events serve: ${problem}`);
      return 2;
    }
    tracks = filePlaylist(events, options.loop);
    what = `${events.length} event${events.length === 1 ? "" : "s"}${options.loop ? ", over and over" : ""}`;
  }

  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  signal?.addEventListener("abort", onSignal, { once: true });
  let started!: () => void;
  const firstClient = new Promise<void>((resolve) => (started = resolve));
  let hub: SseHub;
  try {
    hub = await SseHub.listen({
      host: options.host,
      port: options.port,
      keepAliveMs: options.keepAliveMs,
      onFirstClient: () => started(),
    });
  } catch (error) {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    err(`ironflow-events serve: cannot listen on ${options.host}:${options.port}: ${(error as Error).message}`);
    return 2;
  }
  out(hub.url(options.host));
  const speed =
    options.rate === undefined ? "in real time" : `at ${options.rate} event${options.rate === 1 ? "" : "s"}/s`;
  const when = options.webhook === undefined ? "from the first client's connection" : "now";
  err(
    `serving ${what} ${speed}, ${when}${options.webhook === undefined ? "" : `, also to ${options.webhook}`}; Ctrl-C to stop`,
  );

  const aborted = new Promise<void>((resolve) =>
    stop.signal.addEventListener("abort", () => resolve(), { once: true }),
  );
  if (options.webhook === undefined) await Promise.race([firstClient, aborted]);
  // Posts go one after another, in the order played, as the engine's do.
  let deliveries = Promise.resolve();
  const start = performance.now();
  let due = start;
  let previousAt = NaN;
  for (let index = 0; !stop.signal.aborted; index++) {
    const next = tracks.next();
    if (next.done) {
      err("every event has been played; the stream stays open (Ctrl-C to stop)");
      break;
    }
    const { event, atMs, fresh } = next.value;
    if (options.rate !== undefined) await pace(start, index, options.rate, stop.signal);
    else {
      const gap =
        fresh || !Number.isFinite(atMs - previousAt)
          ? index === 0
            ? 0
            : PAUSE_BETWEEN_PASSES_MS
          : Math.max(0, atMs - previousAt);
      due += gap;
      previousAt = atMs;
      await sleepUntil(due, stop.signal);
    }
    if (stop.signal.aborted) break;
    hub.broadcast(event);
    if (options.webhook !== undefined) {
      const url = options.webhook;
      const settings = {
        secret: options.secret,
        attempts: DEFAULT_ATTEMPTS,
        retryDelayMs: DEFAULT_RETRY_DELAY_MS,
        timeoutMs: DELIVERY_TIMEOUT_MS,
      };
      deliveries = deliveries.then(async () => {
        if (stop.signal.aborted) return;
        out(`webhook  ${event.type}  ${describeOutcome(await deliver(url, event.text, settings))}`);
      });
    }
  }
  await aborted;
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  await hub.close();
  return 0;
}
