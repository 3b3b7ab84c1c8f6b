// How `listen` runs: reads a real engine's event stream with streamEvents (validated, and
// reconnecting as streamEvents does) and forwards each event to a local receiver as the
// engine's webhook would post it (delivery/), printing one line per delivery. What a reconnect
// may have lost is said plainly: the engine writes no `id:`, ignores Last-Event-ID and replays
// nothing, so whatever it published while the stream was down is gone.
import { formatIssue } from "../../../errors.js";
import type { Event } from "../../../event.js";
import { EventStreamError, streamEvents } from "../../../stream/stream-events.js";
import { toEngineJson } from "../../../testing/engine-json.js";
import type { Format } from "../../../engine/index.js";
import { EventValidationError } from "../../../errors.js";
import { parseEvent } from "../../../validate.js";
import type { CommandIO } from "../../command.js";
import { ENGINE_ATTEMPTS, ENGINE_FIRST_RETRY_DELAY_MS, ENGINE_TIMEOUT_MS } from "../../delivery/engine-policy.js";
import { describeOutcome } from "../../delivery/outcome.js";
import { DeliveryQueue } from "../../delivery/queue.js";
import { Output } from "../../output.js";
import { ENGINE_TOKEN_ENV, resolveSecret, WEBHOOK_SECRET_ENV } from "../../secret-options.js";
import { ThrottledLines } from "../../throttled-lines.js";
import { RawData } from "./raw-data.js";

/** How much of an invalid event's data its line shows. */
const DATA_SHOWN = 200;

/**
 * The options of `listen`, checked.
 * @example
 * const options = readCommandLine(listen, ["https://ironflow.example/api/v1/events", "--forward-to", "http://127.0.0.1:3000/hooks"]);
 */
export interface ListenOptions {
  url: string;
  forwardTo: string;
  /** --token, --token-file: with neither, IRONFLOW_TOKEN; with none, no Authorization header. */
  token: string | undefined;
  tokenFile: string | undefined;
  /** --secret, --secret-file: with neither, IRONFLOW_WEBHOOK_SECRET; with none, unsigned posts. */
  secret: string | undefined;
  secretFile: string | undefined;
  /** --engine: the engine's version, and its format. */
  engine: { version: string | undefined; format: Format };
  types: string[] | undefined;
  /** Lower-case hyphenated. */
  runId: string | undefined;
}

/**
 * Listens until SIGINT or SIGTERM (or `signal`). Exit code: 0 every event delivered, 1 some
 * delivery failed or was dropped, 2 a usage error or a stream the engine refused (401, 404, …).
 * @example
 * process.exitCode = await listenCommand(readCommandLine(listen, argv) as ListenOptions, io);
 */
export async function listenCommand(options: ListenOptions, io: CommandIO, signal?: AbortSignal): Promise<number> {
  const token = resolveSecret("token", ENGINE_TOKEN_ENV, { value: options.token, fromFile: options.tokenFile }, io.env);
  const secret = resolveSecret(
    "secret",
    WEBHOOK_SECRET_ENV,
    { value: options.secret, fromFile: options.secretFile },
    io.env,
  );
  const stdout = new Output(io.stdout);
  const stderr = new Output(io.stderr);
  const out = (line: string) => stdout.line(line);
  const err = (line: string) => stderr.line(line);

  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  signal?.addEventListener("abort", onSignal, { once: true });

  const drops = new ThrottledLines(out, (n) => `… and ${n} more events dropped in the last second`);
  const queue = new DeliveryQueue(
    options.forwardTo,
    { secret, attempts: ENGINE_ATTEMPTS, retryDelayMs: ENGINE_FIRST_RETRY_DELAY_MS, timeoutMs: ENGINE_TIMEOUT_MS },
    {
      onOutcome: (item, outcome) => out(`${item.label}  ${describeOutcome(outcome)}`),
      onDropped: (item, why) => drops.line(`${item.label}  dropped, not delivered: ${why}`),
    },
  );

  const url = streamUrlOf(options);
  const raw = new RawData();
  let connected = false;
  let downSince: number | undefined;
  const onAnswer = (status: number) => {
    if (status !== 200) return;
    if (!connected) {
      connected = true;
      err(
        `listening to ${url}, forwarding to ${options.forwardTo}${secret === undefined ? " unsigned" : ", signed"}; Ctrl-C to stop`,
      );
    } else if (downSince !== undefined)
      err(
        `reconnected after ${seconds(performance.now() - downSince)}: whatever the engine published meanwhile is lost` +
          " (it writes no id:, ignores Last-Event-ID and replays nothing)",
      );
    downSince = undefined;
  };
  let exitCode = 0;
  try {
    const events = streamEvents(url, {
      headers: token === undefined ? undefined : { authorization: `Bearer ${token}` },
      fetch: raw.tap((input, init) => globalThis.fetch(input, init), onAnswer),
      signal: stop.signal,
      onInvalid: (issues, data, eventName) => {
        raw.take();
        err(
          `skipped an event (${eventName}) that is not valid: ${issues.map(formatIssue).join("; ")}; its data: ${shorten(data)}`,
        );
      },
      onReconnect: ({ attempt, delayMs, cause }) => {
        downSince ??= performance.now();
        err(
          `the stream is down (${describeCause(cause)}); reconnecting in ${seconds(delayMs)} (attempt ${attempt}); ` +
            "events published until it is back are lost: the engine replays nothing",
        );
      },
    });
    for await (const event of events) {
      const body = raw.take(event.type) ?? toEngineJson(event);
      // streamEvents reads as the newest engine; an older one's events are checked as it writes them.
      if (options.engine.version !== undefined) {
        try {
          parseEvent(body, { engine: options.engine.version });
        } catch (error) {
          if (!(error instanceof EventValidationError)) throw error;
          err(
            `skipped an event (${event.type}) that engine ${options.engine.format.range} does not write: ` +
              `${error.issues.map(formatIssue).join("; ")}; its data: ${shorten(body)}`,
          );
          continue;
        }
      }
      queue.push({ label: `${event.type}  ${runOf(event)}`, body });
    }
  } catch (error) {
    if (!(error instanceof EventStreamError)) throw error;
    err(`ironflow-events listen: ${error.message}`);
    exitCode = 2;
  }
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  queue.stop(); // deliveries under way end as "stopped", waiting ones are dropped
  await queue.settled();
  drops.flush();
  const total = queue.delivered + queue.failed + queue.dropped;
  err(
    `${queue.delivered} of ${total} event${total === 1 ? "" : "s"} delivered` +
      (queue.failed > 0 ? `, ${queue.failed} failed` : "") +
      (queue.dropped > 0 ? `, ${queue.dropped} dropped` : ""),
  );
  await stdout.ready();
  return exitCode !== 0 ? exitCode : queue.failed + queue.dropped > 0 ? 1 : 0;
}

/**
 * The stream's URL with the query built by hand (the engine reads `types=a,b`, a comma
 * unescaped): streamEvents would also filter by `types` itself, and an event it passes over
 * silently would be one whose bytes RawData still holds.
 */
function streamUrlOf(options: ListenOptions): string {
  const url = new URL(options.url);
  url.searchParams.delete("types");
  url.searchParams.delete("run_id");
  const params = [url.search.slice(1)];
  if (options.types !== undefined) params.push(`types=${options.types.join(",")}`);
  if (options.runId !== undefined) params.push(`run_id=${options.runId}`);
  url.search = params.filter((part) => part !== "").join("&");
  return url.href;
}

function runOf(event: Event): string {
  const runId = (event as { run_id?: unknown }).run_id;
  return typeof runId === "string" ? runId : "-";
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

function shorten(data: string): string {
  return data.length > DATA_SHOWN ? `${data.slice(0, DATA_SHOWN)}… (${data.length} characters)` : data;
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: { code?: string; message?: string } }).cause;
    return inner?.code ?? inner?.message ?? cause.message;
  }
  return String(cause);
}
