// How `serve` runs: a local stand-in for the engine's GET /api/v1/events, playing files (or runs
// made by the testing kit) as server-sent events, and optionally posting each event to a
// webhook receiver too, as the engine's webhooks would.
import type { Format } from "../../../engine/index.js";
import { DEFAULT_MAX_SIZE } from "../../../validate.js";
import { seedOf } from "../../../testing/random.js";
import type { CommandIO } from "../../command.js";
import { ENGINE_ATTEMPTS, ENGINE_FIRST_RETRY_DELAY_MS, ENGINE_TIMEOUT_MS } from "../../delivery/engine-policy.js";
import { describeOutcome } from "../../delivery/outcome.js";
import { DeliveryQueue } from "../../delivery/queue.js";
import { readEventInputs } from "../../input/event-inputs.js";
import { Output } from "../../output.js";
import { pace, sleepUntil } from "../../pace.js";
import { resolveSecret, SERVE_TOKEN_ENV, WEBHOOK_SECRET_ENV } from "../../secret-options.js";
import { ThrottledLines } from "../../throttled-lines.js";
import { LAG_CAPACITY } from "./broadcast.js";
import { LiveClock } from "./live-clock.js";
import { filePlaylist, generatedPlaylist, type Track } from "./playlist.js";
import { SseHub } from "./sse-hub.js";

/** In real time, the pause before a new run (or before the files again). */
const PAUSE_BETWEEN_PASSES_MS = 2_000;
/** The play loop lets I/O (new clients, drained sockets) in at least this often. */
const YIELD_EVERY_MS = 10;

/**
 * The options of `serve`, checked.
 * @example
 * const options = readCommandLine(serve, ["--generate", "--port", "0"]);
 */
export interface ServeOptions {
  paths: string[];
  generate: boolean;
  seed: number | undefined;
  /** --engine: the version served, and its format. */
  engine: { version: string | undefined; format: Format };
  host: string;
  port: number;
  /** Events per second; undefined with --realtime. */
  rate: number | undefined;
  loop: boolean;
  keepAliveMs: number;
  /** --token, --token-file: with neither, IRONFLOW_SERVE_TOKEN; with none, no authentication. */
  token: string | undefined;
  tokenFile: string | undefined;
  webhook: string | undefined;
  /** --secret, --secret-file: with neither, IRONFLOW_WEBHOOK_SECRET. */
  secret: string | undefined;
  secretFile: string | undefined;
}

/**
 * Serves until SIGINT or SIGTERM (or `signal`). Prints the stream's URL as its first line.
 * Exit code: 0 after a stop, 2 when an input cannot be read or holds an invalid event, or the
 * port cannot be listened on.
 * @example
 * process.exitCode = await serveCommand(readCommandLine(serve, ["--generate"]) as ServeOptions, io);
 */
export async function serveCommand(options: ServeOptions, io: CommandIO, signal?: AbortSignal): Promise<number> {
  const token = resolveSecret("token", SERVE_TOKEN_ENV, { value: options.token, fromFile: options.tokenFile }, io.env);
  const secret =
    options.webhook === undefined
      ? undefined
      : resolveSecret("secret", WEBHOOK_SECRET_ENV, { value: options.secret, fromFile: options.secretFile }, io.env);
  const stdout = new Output(io.stdout);
  const stderr = new Output(io.stderr);
  const out = (line: string) => stdout.line(line);
  const err = (line: string) => stderr.line(line);
  const clock = new LiveClock();
  let tracks: Iterator<Track>;
  let what: string;
  if (options.generate) {
    const seed = seedOf(options.seed, "serve");
    tracks = generatedPlaylist(seed, clock, options.engine.version);
    what = `runs made by the testing kit (seed ${seed})`;
  } else {
    const { events, problems } = await readEventInputs(options.paths, DEFAULT_MAX_SIZE, true, options.engine.version);
    if (problems.length > 0) {
      for (const problem of problems) err(`ironflow-events serve: ${problem}`);
      return 2;
    }
    tracks = filePlaylist(events, options.loop, clock);
    what = `${events.length} event${events.length === 1 ? "" : "s"}${options.loop ? ", over and over" : ""}`;
  }

  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  signal?.addEventListener("abort", onSignal, { once: true });
  const unlisten = () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
  let started!: () => void;
  const firstClient = new Promise<void>((resolve) => (started = resolve));
  let hub: SseHub;
  try {
    hub = await SseHub.listen({
      host: options.host,
      port: options.port,
      keepAliveMs: options.keepAliveMs,
      token,
      knownTypes: options.engine.format.eventTypes,
      onFirstClient: () => started(),
      onLag: (client, lost, gone) =>
        err(
          `a client (${client}) ${gone ? "left; it had" : "is"} more than ${LAG_CAPACITY} events behind and lost ${lost} event${lost === 1 ? "" : "s"}` +
            ` (the engine's subscribers lose them too, silently)`,
        ),
    });
  } catch (error) {
    unlisten();
    err(`ironflow-events serve: cannot listen on ${options.host}:${options.port}: ${(error as Error).message}`);
    return 2;
  }
  out(hub.url(options.host));
  const speed =
    options.rate === undefined ? "in real time" : `at ${options.rate} event${options.rate === 1 ? "" : "s"}/s`;
  const when = options.webhook === undefined ? "from the first client's connection" : "now";
  const auth = token === undefined ? "" : ", to clients that send the token";
  err(
    `serving ${what} ${speed}${auth}, ${when}${options.webhook === undefined ? "" : `, also to ${options.webhook}`}; Ctrl-C to stop`,
  );

  const drops = new ThrottledLines(out, (n) => `webhook  … and ${n} more events dropped in the last second`);
  const queue =
    options.webhook === undefined
      ? undefined
      : new DeliveryQueue(
          options.webhook,
          {
            secret,
            attempts: ENGINE_ATTEMPTS,
            retryDelayMs: ENGINE_FIRST_RETRY_DELAY_MS,
            timeoutMs: ENGINE_TIMEOUT_MS,
          },
          {
            onOutcome: (item, outcome) => out(`webhook  ${item.label}  ${describeOutcome(outcome)}`),
            onDropped: (item, why) => drops.line(`webhook  ${item.label}  dropped: ${why}`),
          },
        );

  const aborted = new Promise<void>((resolve) =>
    stop.signal.addEventListener("abort", () => resolve(), { once: true }),
  );
  if (options.webhook === undefined) await Promise.race([firstClient, aborted]);
  const start = performance.now();
  let due = start;
  let previousAt = NaN;
  let lastYield = start;
  for (let index = 0; !stop.signal.aborted; index++) {
    const next = tracks.next();
    if (next.done) {
      err("every event has been played; the stream stays open (Ctrl-C to stop)");
      break;
    }
    const track = next.value;
    if (options.rate !== undefined) await pace(start, index, options.rate, stop.signal);
    else {
      const gap =
        track.fresh || !Number.isFinite(track.atMs - previousAt)
          ? index === 0
            ? 0
            : PAUSE_BETWEEN_PASSES_MS
          : Math.max(0, track.atMs - previousAt);
      due += gap;
      previousAt = track.atMs;
      await sleepUntil(due, stop.signal);
    }
    if (stop.signal.aborted) break;
    // Behind its pace, the loop would run on resolved promises alone and starve the sockets.
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
    const text = track.text();
    hub.broadcast({ type: track.type, runId: track.runId, text });
    queue?.push({ label: track.type, body: text });
  }
  await aborted;
  unlisten();
  queue?.stop();
  drops.flush();
  await hub.close();
  return 0;
}
