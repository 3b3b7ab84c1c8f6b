// SseDecoder against eventsource-parser (npm), an independent implementation of the same
// standard, on random streams cut at random byte positions: the same events (name, data, last
// event ID) in the same order, and the same reconnection time. And, for the limit, that
// comments and ignored fields of any length change nothing, wherever they stand. Seeds are fixed,
// as in the other properties, so that CI's verdict on a commit does not change from run to run.
import fc from "fast-check";
import { createParser } from "eventsource-parser";
import { describe, expect, it } from "vitest";
import { SseDecoder } from "../../src/stream/sse-decoder.js";

interface Decoded {
  events: { event: string; data: string; lastEventId: string }[];
  retry: number | undefined;
}

const encoder = new TextEncoder();

/** Text that may hold anything a line may: colons, spaces, NUL, BOM, non-ASCII, surrogate pairs. */
const lineText = fc
  .array(
    fc.oneof(
      fc.constantFrom(":", " ", "  ", "\u0000", "\uFEFF", "é", "✓", "😀", "data", "id", "retry", "event", "1", "07"),
      fc.string({ maxLength: 6, unit: "grapheme" }),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join("").replace(/[\r\n]/g, ""));

/** One line of a stream (without its end): mostly fields the standard reads, some it ignores. */
const line = fc.oneof(
  { arbitrary: lineText.map((v) => `data:${v}`), weight: 4 },
  { arbitrary: lineText.map((v) => `data: ${v}`), weight: 2 },
  { arbitrary: fc.constant("data"), weight: 1 },
  { arbitrary: fc.constantFrom("event: run_created", "event:log_line", "event:", "event"), weight: 2 },
  { arbitrary: lineText.map((v) => `event: ${v}`), weight: 1 },
  { arbitrary: fc.oneof(lineText, fc.nat().map(String)).map((v) => `id: ${v}`), weight: 2 },
  { arbitrary: fc.constantFrom("id", "id:", "id: a\u0000b"), weight: 1 },
  { arbitrary: fc.oneof(fc.nat({ max: 100_000 }).map(String), lineText).map((v) => `retry: ${v}`), weight: 2 },
  { arbitrary: fc.constantFrom("retry:1000", "retry: 0", "retry:", "retry: 1.5", "retry: 007"), weight: 1 },
  { arbitrary: lineText.map((v) => `:${v}`), weight: 2 },
  { arbitrary: lineText, weight: 2 }, // any other field, or none
  { arbitrary: fc.constant(""), weight: 5 }, // a blank line: dispatch
);

const lineEnd = fc.constantFrom("\n", "\r", "\r\n");

/**
 * A stream: lines with their ends, after no, one or two BOMs (the standard skips the first; a
 * second starts the first line's field name, WPT format-bom-2); it ends with an LF, so a last CR
 * is no longer ambiguous.
 */
const stream = fc
  .tuple(fc.nat({ max: 2 }), fc.array(fc.tuple(line, lineEnd), { maxLength: 40 }))
  .map(([boms, lines]) => "\uFEFF".repeat(boms) + lines.map(([text, end]) => text + end).join("") + "\n");

/** The bytes of `text` cut at the given positions (sorted, any of them may fall inside a character). */
function cut(bytes: Uint8Array, positions: number[]): Uint8Array[] {
  const at = [...new Set(positions.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const end of [...at, bytes.length]) {
    chunks.push(bytes.subarray(start, end));
    start = end;
  }
  return chunks;
}

function withSseDecoder(chunks: Uint8Array[], maxEventSize?: number): Decoded {
  const decoder = new SseDecoder({ maxEventSize });
  const events: Decoded["events"] = [];
  for (const chunk of chunks)
    for (const { event, data, lastEventId } of decoder.push(chunk)) events.push({ event, data, lastEventId });
  return { events, retry: decoder.retry };
}

/**
 * eventsource-parser, fed as its documentation says: text decoded by a streaming TextDecoder. The
 * parser skips the stream's one BOM itself (4.1), so the decoder must keep it (`ignoreBOM`): a
 * default TextDecoder would skip it first and the parser a second one, which the standard keeps.
 */
function withEventsourceParser(chunks: Uint8Array[]): Decoded {
  const decoded: Decoded = { events: [], retry: undefined };
  let lastEventId = "";
  const parser = createParser({
    onId: (id) => (lastEventId = id), // called at the dispatch of a block with an id, before its event
    onEvent: (event) => decoded.events.push({ event: event.event ?? "message", data: event.data, lastEventId }),
    onRetry: (ms) => (decoded.retry = ms),
  });
  const text = new TextDecoder("utf-8", { ignoreBOM: true });
  for (const chunk of chunks) parser.feed(text.decode(chunk, { stream: true }));
  parser.feed(text.decode());
  return decoded;
}

describe("SseDecoder against eventsource-parser", () => {
  it("decodes random streams cut at random bytes to the same events, last event IDs and retry", () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 12 }), (text, positions) => {
        const chunks = cut(encoder.encode(text), positions);
        expect(withSseDecoder(chunks)).toEqual(withEventsourceParser(chunks));
      }),
      { seed: 0x55e0001, numRuns: 400 },
    );
  });

  it("agrees on the events of streams with many dispatches, cut into single bytes", () => {
    fc.assert(
      fc.property(stream, (text) => {
        const bytes = encoder.encode(text);
        const chunks = [...bytes].map((byte) => Uint8Array.of(byte));
        expect(withSseDecoder(chunks)).toEqual(withEventsourceParser(chunks));
      }),
      { seed: 0x55e0002, numRuns: 100 },
    );
  });
});

describe("SseDecoder: what the limit counts", () => {
  /** A comment or a field the standard ignores, long or short. */
  const ignored = fc
    .tuple(fc.constantFrom(":", ": ", "foo:", "datum:", "ids:", "retry-after:", "x"), fc.nat({ max: 3000 }))
    .map(([start, length]) => start + "p".repeat(length));

  // No bare CR here: inserting a line after "data: a\r" would split the CRLF it ended with.
  const unambiguousEnd = fc.constantFrom("\n", "\r\n");

  it("comments and ignored fields of any length, anywhere between lines, change nothing under maxEventSize", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(line, unambiguousEnd), { maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(), ignored, unambiguousEnd), { maxLength: 6 }),
        fc.integer({ min: 8, max: 64 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (lines, insertions, limit, positions) => {
          // Lines that are themselves comments or ignored fields are left out of the plain stream.
          const plain = lines.filter(([text]) => text === "" || /^(data|event|id|retry)(:|$)/.test(text));
          const padded = [...plain];
          for (const [at, text, end] of insertions) padded.splice(at % (padded.length + 1), 0, [text, end]);
          const join = (ls: [string, string][]) => ls.map(([text, end]) => text + end).join("") + "\n";
          const expected = withSseDecoder([encoder.encode(join(plain))], limit);
          const got = withSseDecoder(cut(encoder.encode(join(padded)), positions), limit);
          expect(got).toEqual(expected);
        },
      ),
      { seed: 0x55e0003, numRuns: 300 },
    );
  });
});
