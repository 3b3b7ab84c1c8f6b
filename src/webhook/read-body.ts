// A request's body up to a size limit, for the webhook handler: refused from its Content-Length
// or as soon as more has arrived, never buffering more than the limit.

/** The body is over the limit: what the handler answers 413 for. */
export const TOO_LARGE = Symbol("too large");
/** The body could not be read to its end: the sender went away, or the stream failed. */
export const UNREADABLE = Symbol("unreadable");

/** The body, read chunk by chunk and dropped as soon as it passes `limit`. */
export async function readBody(
  request: Request,
  limit: number,
): Promise<Uint8Array | typeof TOO_LARGE | typeof UNREADABLE> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) {
    await request.body?.cancel().catch(() => undefined);
    return TOO_LARGE;
  }
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return TOO_LARGE;
      }
      chunks.push(value);
    }
  } catch {
    return UNREADABLE; // the sender went away, or the stream failed
  }
  if (chunks.length === 1) return chunks[0]!;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
