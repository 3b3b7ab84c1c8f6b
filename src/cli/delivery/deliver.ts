// One webhook delivery as the engine makes it: POST the event's JSON with Content-Type
// application/json, Accept */* (reqwest's default) and, with a secret, X-Signature-256; any 2xx
// is delivered, anything else (another status, no answer in time, a redirect the client will
// not follow) is tried again after a wait that doubles, up to a number of tries in all.
import { sleep } from "../../abortable-sleep.js";
import { SIGNATURE_HEADER, signatureOf } from "../../webhook/signature.js";
import { RedirectError, sendFollowingRedirects, type Hop } from "./redirects.js";

/**
 * How deliveries are made: the engine's numbers (engine-policy.ts) unless `send` was told otherwise.
 * @example
 * const options: DeliveryOptions = { secret: "s3cret", attempts: 3, retryDelayMs: 500, timeoutMs: 5000 };
 */
export interface DeliveryOptions {
  secret: string | undefined;
  /** Tries in all, the first included. */
  attempts: number;
  /** The wait before the second try; it doubles before each further one. */
  retryDelayMs: number;
  /** How long one try, its redirects included, may take before it counts as failed. */
  timeoutMs: number;
  /** Stops the delivery (a try under way, or a wait), which then counts as failed: "stopped". */
  signal?: AbortSignal;
}

/**
 * How a delivery went: its last status (or the error of its last try), the tries made, and
 * the redirects its last try followed.
 * @example
 * const outcome: DeliveryOutcome = { ok: true, attempts: 1, status: 200, statusText: "OK", hops: [] };
 */
export interface DeliveryOutcome {
  ok: boolean;
  attempts: number;
  status?: number;
  statusText?: string;
  /** Why the last try got no answer. */
  error?: string;
  hops: Hop[];
}

/** The header names the engine's client sends, in lower case as hyper writes them. */
const CONTENT_TYPE = "content-type";
const ACCEPT = "accept";

/**
 * Posts `body` (the event's JSON, sent byte for byte) to `url` as the engine posts a webhook,
 * trying again on failure. Never rejects.
 * @example
 * const outcome = await deliver("http://127.0.0.1:3000/hooks", body, { secret: undefined, attempts: 3, retryDelayMs: 500, timeoutMs: 5000 });
 */
export async function deliver(
  url: string,
  body: string | Uint8Array,
  options: DeliveryOptions,
): Promise<DeliveryOutcome> {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  const headers: Record<string, string> = { [CONTENT_TYPE]: "application/json" };
  if (options.secret !== undefined)
    headers[SIGNATURE_HEADER.toLowerCase()] = await signatureOf(bytes, options.secret, "ironflow-events");
  headers[ACCEPT] = "*/*";
  const target = new URL(url);
  let outcome: DeliveryOutcome = { ok: false, attempts: 0, hops: [] };
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    if (attempt > 1) await sleep(options.retryDelayMs * 2 ** (attempt - 2), options.signal);
    if (options.signal?.aborted) return { ...outcome, ok: false, error: "stopped" };
    const { signal, release } = tryBudget(options.timeoutMs, options.signal);
    try {
      const { answer, hops } = await sendFollowingRedirects(target, { method: "POST", headers, body: bytes }, signal);
      const ok = answer.status >= 200 && answer.status < 300;
      outcome = { ok, attempts: attempt, status: answer.status, statusText: answer.statusText, hops };
    } catch (error) {
      const hops = error instanceof RedirectError ? error.hops : [];
      const why = options.signal?.aborted ? "stopped" : describeError(error, options.timeoutMs);
      outcome = { ok: false, attempts: attempt, error: why, hops };
    } finally {
      release();
    }
    if (outcome.ok) break;
  }
  return outcome;
}

/**
 * The signal of one try: aborted after `timeoutMs` (a TimeoutError) or when `stop` aborts.
 * `release` clears the timer and the listener on `stop`, so that a long run leaves none behind.
 * (AbortSignal.any would do, but Node 20 has it from 20.3 only.)
 */
function tryBudget(timeoutMs: number, stop: AbortSignal | undefined): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException("timed out", "TimeoutError")), timeoutMs);
  const onStop = () => controller.abort(stop!.reason);
  stop?.addEventListener("abort", onStop, { once: true });
  return {
    signal: controller.signal,
    release: () => {
      clearTimeout(timer);
      stop?.removeEventListener("abort", onStop);
    },
  };
}

/** The reason of a try that got no answer, in a few words: "connection refused", "timed out after 5 s". */
function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof RedirectError) return error.message;
  const { name, code, message } = (error ?? {}) as { name?: string; code?: string; message?: string };
  if (name === "TimeoutError") return `timed out after ${timeoutMs / 1000} s`;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "host not found";
  if (code === "ECONNRESET") return "the connection was reset before an answer";
  if (code === "HPE_HEADER_OVERFLOW") return "the answer's headers are too large";
  if (code?.startsWith("HPE_")) return `the answer is not HTTP (${message ?? code})`;
  return message ?? String(error);
}
