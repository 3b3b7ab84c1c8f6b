// One webhook delivery as the engine makes it: POST the event's JSON with Content-Type
// application/json and, with a secret, X-Signature-256; a failure (no answer, or a status
// other than 2xx) is tried again after an exponential backoff, up to a number of attempts.
import { sleep } from "../../../abortable-sleep.js";
import { SIGNATURE_HEADER, signatureOf } from "../../../webhook/signature.js";

/**
 * How deliveries are made.
 * @example
 * const options: DeliveryOptions = { secret: "s3cret", attempts: 3, retryDelayMs: 1000, timeoutMs: 10_000 };
 */
interface DeliveryOptions {
  secret: string | undefined;
  /** Tries in all, the first included. */
  attempts: number;
  /** The wait before the second try; it doubles before each further one. */
  retryDelayMs: number;
  /** How long one try may take before it counts as failed. */
  timeoutMs: number;
}

/** The engine tries a webhook three times. */
export const DEFAULT_ATTEMPTS = 3;
/** The first backoff: 1 s, then 2 s, 4 s, ... */
export const DEFAULT_RETRY_DELAY_MS = 1000;
/** One try's limit. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * How a delivery went: its last status (or the error of its last try) and the tries made.
 * @example
 * const outcome: DeliveryOutcome = { ok: true, attempts: 1, status: 200, statusText: "OK" };
 */
interface DeliveryOutcome {
  ok: boolean;
  attempts: number;
  status?: number;
  statusText?: string;
  /** Why the last try got no answer. */
  error?: string;
}

/**
 * Posts `body` to `url` as the engine posts a webhook, trying again on failure.
 * @example
 * const outcome = await deliver("http://127.0.0.1:3000/hooks", body, { secret: undefined, attempts: 3, retryDelayMs: 1000, timeoutMs: 10_000 });
 */
export async function deliver(url: string, body: string, options: DeliveryOptions): Promise<DeliveryOutcome> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.secret !== undefined)
    headers[SIGNATURE_HEADER] = await signatureOf(body, options.secret, "ironflow-events");
  let outcome: DeliveryOutcome = { ok: false, attempts: 0 };
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    if (attempt > 1) await sleep(options.retryDelayMs * 2 ** (attempt - 2), undefined);
    try {
      const response = await fetch(url, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined); // read to the end: frees the connection
      outcome = { ok: response.ok, attempts: attempt, status: response.status, statusText: response.statusText };
    } catch (error) {
      outcome = { ok: false, attempts: attempt, error: describeFetchError(error) };
    }
    if (outcome.ok) break;
  }
  return outcome;
}

/**
 * An outcome in a few words: `200 OK`, `503 Service Unavailable after 3 attempts`,
 * `no answer after 3 attempts: connection refused`.
 * @example
 * describeOutcome({ ok: true, attempts: 2, status: 200, statusText: "OK" }); // "200 OK after 2 attempts"
 */
export function describeOutcome(outcome: DeliveryOutcome): string {
  const tries = outcome.attempts > 1 ? ` after ${outcome.attempts} attempts` : "";
  if (outcome.status !== undefined)
    return `${outcome.status}${outcome.statusText ? ` ${outcome.statusText}` : ""}${tries}`;
  return `no answer${tries}: ${outcome.error ?? "unknown error"}`;
}

/** undici hides the reason in `cause`: "connect ECONNREFUSED 127.0.0.1:9" says more than "fetch failed". */
function describeFetchError(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") return "timed out";
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  if (cause?.code === "ECONNREFUSED") return "connection refused";
  if (cause?.code === "ENOTFOUND") return "host not found";
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}
