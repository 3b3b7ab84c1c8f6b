// Tells NDJSON from one JSON document by the first bytes of standard input (or a file of
// another extension).
import type { Layout } from "./sources.js";

/** Takes chunks until it is clear whether this is NDJSON or one JSON document. */
export async function sniff(
  iterator: AsyncIterator<Buffer>,
  maxSize: number,
): Promise<{ layout: Layout; head: Buffer[] }> {
  const head: Buffer[] = [];
  let length = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return { layout: "ndjson", head }; // one line or none: either reading gives the same
    head.push(Buffer.from(next.value)); // a copy: file chunks are reused
    length += next.value.length;
    const layout = layoutOfStart(head.length === 1 ? head[0]! : Buffer.concat(head, length));
    if (layout !== undefined) return { layout, head };
    if (length > maxSize) return { layout: "ndjson", head }; // the line splitter reports the long line
  }
}

/**
 * From the first bytes: "[" starts a JSON document (an array of events); "{" starts NDJSON
 * when the first line is a whole object (it ends in "}"), otherwise a pretty-printed JSON
 * document; anything else is read as NDJSON, so that each line is reported. Undefined until
 * the first non-blank line is complete.
 * @example
 * layoutOfStart(Buffer.from('[{"type":')); // "json"
 * layoutOfStart(Buffer.from('{"type":"run_created"}\n{')); // "ndjson"
 */
function layoutOfStart(bytes: Buffer): Layout | undefined {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && isSpace(bytes[i]!)) i++;
  if (i === bytes.length) return undefined;
  if (bytes[i] === 0x5b /* [ */) return "json";
  if (bytes[i] !== 0x7b /* { */) return "ndjson";
  const newline = bytes.indexOf(10, i);
  if (newline === -1) return undefined;
  let end = newline;
  while (end > i && isSpace(bytes[end - 1]!)) end--;
  return bytes[end - 1] === 0x7d /* } */ ? "ndjson" : "json";
}

/** JSON whitespace. */
export function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}
