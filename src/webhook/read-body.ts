// A request's body up to a size limit and a deadline, for the webhook receiver: refused from its
// Content-Length or as soon as more has arrived, never buffering more than the limit. The web
// Request's body here; node:http's in node-request.ts, with the same outcomes.
import type { Deadline } from "./deadline.js";

/** The body is over the limit: what the receiver answers 413 for. */
export const TOO_LARGE = Symbol("too large");
/** The body could not be read to its end: the sender went away, or the stream failed. */
export const UNREADABLE = Symbol("unreadable");
/** The deadline passed (or the client left) before the body had all arrived. */
export const TIMED_OUT = Symbol("timed out");

export type BodyOutcome = Uint8Array | typeof TOO_LARGE | typeof UNREADABLE | typeof TIMED_OUT;

/** True when a Content-Length header says the body is over `limit`. */
export function declaredOver(contentLength: string | null | undefined, limit: number): boolean {
  return contentLength !== null && contentLength !== undefined && Number(contentLength) > limit;
}

/**
 * The body, read chunk by chunk and dropped as soon as it passes `limit`; reading stops (the
 * stream is cancelled) when `deadline` ends.
 */
export async function readBody(request: Request, limit: number, deadline: Deadline): Promise<BodyOutcome> {
  if (declaredOver(request.headers.get("content-length"), limit)) {
    await request.body?.cancel().catch(() => undefined);
    return TOO_LARGE;
  }
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const forget = deadline.onEnd(() => void reader.cancel().catch(() => undefined));
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (deadline.reason !== undefined) return TIMED_OUT; // cancelled: `done` says nothing of the body
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return TOO_LARGE;
      }
      chunks.push(value);
    }
  } catch {
    return deadline.reason !== undefined ? TIMED_OUT : UNREADABLE; // the sender went away, or the stream failed
  } finally {
    forget();
  }
  return concat(chunks, size);
}

/** The chunks as one array of `size` bytes (the one chunk itself when there is one). */
export function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
