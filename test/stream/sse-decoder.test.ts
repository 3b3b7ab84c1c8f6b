import { describe, expect, it } from "vitest";
import { SseDecoder, type SseMessage } from "../../src/stream/sse-decoder.js";

const bytes = (text: string) => new TextEncoder().encode(text);

/** Feeds `input` to a new decoder in the given pieces and collects every message. */
function decode(pieces: (string | Uint8Array)[], decoder = new SseDecoder()): SseMessage[] {
  const out: SseMessage[] = [];
  for (const piece of pieces) out.push(...decoder.push(typeof piece === "string" ? bytes(piece) : piece));
  return out;
}

/** Every way of cutting `input` into two chunks, and into single bytes. */
function everySplit(input: Uint8Array): Uint8Array[][] {
  const splits: Uint8Array[][] = [];
  for (let cut = 0; cut <= input.length; cut++) splits.push([input.subarray(0, cut), input.subarray(cut)]);
  splits.push([...input].map((byte) => Uint8Array.of(byte)));
  return splits;
}

const msg = (data: string, event = "message", lastEventId = ""): SseMessage => ({ event, data, lastEventId });

describe("SseDecoder: fields", () => {
  it("reads event and data, and defaults the event name to message", () => {
    expect(decode(['event: run_created\ndata: {"a":1}\n\ndata: x\n\n'])).toEqual([
      msg('{"a":1}', "run_created"),
      msg("x"),
    ]);
  });

  it("joins multi-line data with LF and drops only the last LF", () => {
    expect(decode(["data: one\ndata:two\ndata\ndata:  four\n\n"])).toEqual([msg("one\ntwo\n\n four")]);
  });

  it("removes exactly one space after the colon; a line without colon is a field with an empty value", () => {
    expect(decode(["data:   x\n\n", "data\n\n", "data:\n\n"])).toEqual([msg("  x"), msg(""), msg("")]);
  });

  it("keeps colons inside the value", () => {
    expect(decode(["data: a:b: c\n\n"])).toEqual([msg("a:b: c")]);
  });

  it("ignores comments and keep-alives, even inside an event", () => {
    expect(decode([": keep-alive\n\n:\n\nevent: log_line\n: ping\ndata: 1\n:\n\n"])).toEqual([msg("1", "log_line")]);
  });

  it("ignores unknown fields and field names that differ in case or spacing", () => {
    expect(decode(["foo: bar\nDATA: no\n data: no\ndata : no\ndata: yes\n\n"])).toEqual([msg("yes")]);
  });

  it("dispatches nothing for an event with no data line, and forgets its event name", () => {
    expect(decode(["event: run_created\n\ndata: x\n\n"])).toEqual([msg("x")]);
  });

  it("uses the last event field of an event and resets it after the dispatch", () => {
    expect(decode(["event: a\nevent: b\ndata: 1\n\ndata: 2\n\n"])).toEqual([msg("1", "b"), msg("2")]);
  });
});

describe("SseDecoder: id and retry", () => {
  it("keeps the last event id across events until a new one comes", () => {
    const decoder = new SseDecoder();
    expect(decode(["id: 7\ndata: a\n\ndata: b\n\nid\ndata: c\n\n"], decoder)).toEqual([
      msg("a", "message", "7"),
      msg("b", "message", "7"),
      msg("c", "message", ""),
    ]);
    expect(decoder.lastEventId).toBe("");
  });

  it("ignores an id holding NUL, and sets the last event id even for an event without data", () => {
    const decoder = new SseDecoder();
    expect(decode(["id: 1\ndata: a\n\nid: 2\u0000\ndata: b\n\nid: 3\n\n"], decoder)).toEqual([
      msg("a", "message", "1"),
      msg("b", "message", "1"),
    ]);
    expect(decoder.lastEventId).toBe("3");
  });

  it("takes retry only when it is all ASCII digits", () => {
    const decoder = new SseDecoder();
    expect(decoder.retry).toBeUndefined();
    decode(["retry: 2500\n", "retry: 3x\nretry: -1\nretry: 1.5\nretry:\n\n"], decoder);
    expect(decoder.retry).toBe(2500);
    decode(["retry: 0\n"], decoder);
    expect(decoder.retry).toBe(0);
  });
});

describe("SseDecoder: line ends", () => {
  const expected = [msg("a", "x"), msg("b")];

  it.each([
    ["LF", "event: x\ndata: a\n\ndata: b\n\n"],
    ["CRLF", "event: x\r\ndata: a\r\n\r\ndata: b\r\n\r\n"],
    ["CR", "event: x\rdata: a\r\rdata: b\r\r"],
    ["mixed", "event: x\rdata: a\r\n\ndata: b\n\r"],
  ])("reads %s line ends, cut at every byte", (_name, input) => {
    for (const pieces of everySplit(bytes(input))) expect(decode(pieces)).toEqual(expected);
  });

  it("reads a CR at the end of a chunk and the LF starting the next as one line end", () => {
    // Were the LF taken for a second line end, the blank line would dispatch "a" too early
    // and "b" would start a new event.
    expect(decode(["data: a\r", "\ndata: b\r", "\n\r", "\n"])).toEqual([msg("a\nb")]);
  });

  it("reads a CR then, in a later chunk, something else as a line end followed by that", () => {
    expect(decode(["data: a\r", "data: b\r", "\r"])).toEqual([msg("a\nb")]);
  });

  it("waits past empty chunks for the LF of a CRLF", () => {
    expect(decode(["data: a\r", "", new Uint8Array(0), "\n", "\r\n"])).toEqual([msg("a")]);
  });
});

describe("SseDecoder: bytes", () => {
  it("skips one BOM at the start of the stream, even cut in three", () => {
    const input = Uint8Array.of(0xef, 0xbb, 0xbf, ...bytes("data: a\n\n"));
    for (const pieces of everySplit(input)) expect(decode(pieces)).toEqual([msg("a")]);
  });

  it("keeps a second BOM: only the first belongs to the stream", () => {
    const input = Uint8Array.of(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, ...bytes("data: a\n\n"));
    // "\uFEFFdata" is a field name that is not "data": the event has no data and is not dispatched.
    expect(decode([input])).toEqual([]);
  });

  it("decodes multi-byte characters cut at every byte", () => {
    const text = "héllo ✓ 😀 \u2028 done";
    const input = bytes(`event: log_line\ndata: ${text}\n\n`);
    for (const pieces of everySplit(input)) expect(decode(pieces)).toEqual([msg(text, "log_line")]);
  });

  it("reads bytes that are not UTF-8 as U+FFFD and goes on", () => {
    const input = Uint8Array.of(...bytes("data: a"), 0xff, 0xc3, ...bytes("\n\ndata: b\n\n"));
    expect(decode([input])).toEqual([msg("a\uFFFD\uFFFD"), msg("b")]);
  });
});

describe("SseDecoder: the end of a stream", () => {
  it("never dispatches an event without its blank line", () => {
    const decoder = new SseDecoder();
    expect(decode(['data: {"complete":true}\n\nevent: run_created\ndata: {"cut":'], decoder)).toEqual([
      msg('{"complete":true}'),
    ]);
    decoder.end();
    // A new stream on the same decoder starts clean: nothing of the cut event leaks into it.
    expect(decode(['data: {"next":1}\n\n'], decoder)).toEqual([msg('{"next":1}')]);
  });

  it("does not dispatch an event whose last data line ended but whose blank line never came", () => {
    const decoder = new SseDecoder();
    expect(decode(["data: a\n"], decoder)).toEqual([]);
    decoder.end();
    expect(decode(["\n"], decoder)).toEqual([]);
  });

  it("forgets a CR at the very end, and a cut-off character, so the next stream starts clean", () => {
    const decoder = new SseDecoder();
    decode([Uint8Array.of(...bytes("data: a\r"))], decoder);
    decoder.end();
    expect(decode(["\ndata: b\n\n"], decoder)).toEqual([msg("b")]);
    decode([Uint8Array.of(...bytes("data: "), 0xf0, 0x9f)], decoder);
    decoder.end();
    expect(decode([Uint8Array.of(0xef, 0xbb, 0xbf), "data: c\n\n"], decoder)).toEqual([msg("c")]);
  });
});

describe("SseDecoder: maxEventSize", () => {
  it("drops an event whose data outgrows the limit and says so at its blank line", () => {
    const decoder = new SseDecoder({ maxEventSize: 10 });
    expect(decode(["data: 12345\ndata: 67890\n\ndata: ok\n\n"], decoder)).toEqual([
      { event: "message", data: "", lastEventId: "", oversized: true },
      msg("ok"),
    ]);
  });

  it("stops buffering a long line as it comes in, and is not fooled by the line end that ends it", () => {
    const decoder = new SseDecoder({ maxEventSize: 16 });
    const out = decode(["event: x\ndata: ", "a".repeat(20), "a".repeat(20), "\n", "\ndata: ok\n\n"], decoder);
    expect(out).toEqual([{ event: "x", data: "", lastEventId: "", oversized: true }, msg("ok")]);
  });

  it("counts a line with its field name, and decides the same however the stream is cut", () => {
    const input = bytes("data: 1234567\n\n"); // a line of 13 characters
    for (const pieces of everySplit(input)) {
      expect(decode(pieces, new SseDecoder({ maxEventSize: 13 }))).toEqual([msg("1234567")]);
      expect(decode(pieces, new SseDecoder({ maxEventSize: 12 }))).toEqual([
        { event: "message", data: "", lastEventId: "", oversized: true },
      ]);
    }
  });
});
