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

  it("standard 'field names must be compared literally': ignores unknown fields and names that differ in case or spacing", () => {
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

  it("with maxIdLength, ignores a longer id (in bytes of UTF-8) as it ignores one holding NUL; without, keeps any", () => {
    const limited = new SseDecoder({ maxIdLength: 4 });
    expect(decode(["id: 1234\ndata: a\n\nid: 12345\ndata: b\n\nid: ééé\ndata: c\n\nid: éé\n\n"], limited)).toEqual([
      msg("a", "message", "1234"),
      msg("b", "message", "1234"), // five bytes: ignored
      msg("c", "message", "1234"), // six bytes: ignored
    ]);
    expect(limited.lastEventId).toBe("éé"); // four bytes: kept
    const unlimited = new SseDecoder();
    decode([`id: ${"x".repeat(100_000)}\n\n`], unlimited);
    expect(unlimited.lastEventId).toHaveLength(100_000);
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

// Cases ported from the standard (html.spec.whatwg.org, "Server-sent events"), from
// web-platform-tests eventsource/ (WPT) and from the tests of eventsource-parser (npm); each
// test names its source.
describe("SseDecoder: the last event ID buffer", () => {
  it("WPT format-field-id-3 'lastEventId persists': an event without id keeps the last one", () => {
    expect(decode(["id: 1\ndata: 1\n\ndata:2\n\n"])).toEqual([msg("1", "message", "1"), msg("2", "message", "1")]);
  });

  it("WPT last-event-id2.py ID_CHANGES_AND_PERSISTS: a new id replaces it, then persists", () => {
    expect(decode(["id: 1\ndata: 1\n\nid: 2\ndata:2\n\ndata:3\n\n"])).toEqual([
      msg("1", "message", "1"),
      msg("2", "message", "2"),
      msg("3", "message", "2"),
    ]);
  });

  it.each([
    ["id:", "WPT format-field-id-3 'lastEventId resets'"],
    ["id", "WPT format-field-id-3 'lastEventId resets (id without colon)'"],
  ])("%s empties it (%s)", (field) => {
    const decoder = new SseDecoder();
    expect(decode([`id: 1\ndata: 1\n\n${field}\ndata:2\n\ndata:3\n\n`], decoder)).toEqual([
      msg("1", "message", "1"),
      msg("2"),
      msg("3"),
    ]);
    expect(decoder.lastEventId).toBe("");
  });

  it.each(["\u0000\u0000", "x\u0000", "\u0000x", "x\u0000x", " \u0000"])(
    "WPT format-field-id-null: an id field holding NUL (%j) is ignored",
    (id) => {
      const decoder = new SseDecoder();
      expect(decode([`id: ${id}\ndata: hello\n\n`], decoder)).toEqual([msg("hello")]);
      expect(decoder.lastEventId).toBe("");
    },
  );

  it("eventsource-parser 'stream with id field containing a NULL character': the id before it survives", () => {
    expect(decode(["id: 123\nid: bad\0id\ndata: hello\n\n"])).toEqual([msg("hello", "message", "123")]);
  });

  it("eventsource-parser 'reports an id from a block without data when the block is dispatched'", () => {
    // Standard, "dispatch the event", step 1: the last event ID string is set from the buffer
    // before the check for empty data, so `id: 42` and a blank line move it with no event.
    const decoder = new SseDecoder();
    expect(decode(["id: 42\n"], decoder)).toEqual([]);
    expect(decoder.lastEventId).toBe("");
    expect(decode(["\n"], decoder)).toEqual([]);
    expect(decoder.lastEventId).toBe("42");
    decode(["id: bad\0id\n\n"], decoder);
    expect(decoder.lastEventId).toBe("42");
    decode(["id:\n\n"], decoder);
    expect(decoder.lastEventId).toBe("");
  });

  it.each([
    ["CR", "\r"],
    ["CRLF", "\r\n"],
  ])("eventsource-parser 'reports an id from a block using %s line endings'", (_name, eol) => {
    const decoder = new SseDecoder();
    decode([`id: 42${eol}${eol}`], decoder);
    expect(decoder.lastEventId).toBe("42");
  });

  it("standard: the last event ID is kept across end(), for the next connection, until an id field changes it", () => {
    const decoder = new SseDecoder();
    decode(["id: 7\ndata: a\n\n"], decoder);
    decoder.end();
    // A new connection whose messages carry no id: the ID stays 7, also on the messages.
    expect(decode(["data: b\n\n: ping\n\ndata: c\n\n"], decoder)).toEqual([
      msg("b", "message", "7"),
      msg("c", "message", "7"),
    ]);
    decoder.end();
    expect(decoder.lastEventId).toBe("7");
    expect(decode(["id: 8\n\n"], decoder)).toEqual([]);
    expect(decoder.lastEventId).toBe("8");
  });

  it("WPT format-field-id: after a reconnect, a message without id still carries the last event ID", () => {
    const decoder = new SseDecoder();
    expect(decode(["id: …\nretry: 200\ndata: hello\n\n"], decoder)).toEqual([msg("hello", "message", "…")]);
    decoder.end();
    expect(decode(["data: …\n\n"], decoder)).toEqual([msg("…", "message", "…")]);
  });

  it("WPT format-data-before-final-empty-line: an id in a block the stream cut off never becomes the last event ID", () => {
    const decoder = new SseDecoder();
    expect(decode(["retry:1000\ndata:test1\n\nid:test\ndata:test2"], decoder)).toEqual([msg("test1")]);
    decoder.end();
    expect(decoder.lastEventId).toBe("");
    // Nor does it leak into the next connection's first event.
    expect(decode(["data: next\n\n"], decoder)).toEqual([msg("next")]);
    expect(decoder.retry).toBe(1000);
  });
});

describe("SseDecoder: fields, as the suites test them", () => {
  const bom = "\uFEFF";
  it("WPT format-bom: the BOM at the start is skipped, one at the start of a later line is not", () => {
    expect(decode([`${bom}data:1\n\n${bom}data:2\n\ndata:3\n\n`])).toEqual([msg("1"), msg("3")]);
  });

  it("WPT format-bom-2: of two BOMs at the start, the second names an unknown field", () => {
    expect(decode([`${bom}${bom}data:1\n\ndata:2\n\ndata:3\n\n`])).toEqual([msg("2"), msg("3")]);
  });

  it("WPT format-field-data: 'data:' gives empty data, 'data' twice gives one LF", () => {
    expect(decode(["data:\n\ndata\ndata\n\ndata:test\n\n"])).toEqual([msg(""), msg("\n"), msg("test")]);
  });

  it("WPT format-null-character: a NUL in data is kept", () => {
    expect(decode(["data:\u0000\n\n"])).toEqual([msg("\u0000")]);
  });

  it("WPT format-field-event-empty: an empty event name means message", () => {
    expect(decode(["event: \ndata:data\n\n"])).toEqual([msg("data")]);
  });

  it("WPT format-field-retry: 02000 is 2000 ms (decimal, not octal)", () => {
    const decoder = new SseDecoder();
    decode(["retry:02000\ndata:x\n\n"], decoder);
    expect(decoder.retry).toBe(2000);
  });

  it("WPT format-field-retry-bogus: retry:1000x is ignored, the 2000 before it stays", () => {
    const decoder = new SseDecoder();
    decode(["retry:2000\nretry:1000x\ndata:x\n\n"], decoder);
    expect(decoder.retry).toBe(2000);
  });

  it("eventsource-parser 'stream with unknown fields in the stream'", () => {
    expect(decode(["data:abc\n data\ndata\nfoobar:xxx\njustsometext\n:thisisacommentyay\ndata:123\n\n"])).toEqual([
      msg("abc\n\n123"),
    ]);
  });

  it("eventsource-parser 'stream with cr separating chunks of same event'", () => {
    expect(decode(["data: A\r\n", "data: B\r", "\n", "data: C\r\n", "\n"])).toEqual([msg("A\nB\nC")]);
  });

  it("eventsource-parser 'a blank cr line ending a chunk dispatches the pending event exactly once'", () => {
    expect(decode(["data: one\r", "\r", "\n"])).toEqual([msg("one")]);
  });

  it("eventsource-parser 'bare field lines terminated by a cr at a chunk boundary are processed, not discarded'", () => {
    expect(decode(["data: one\ndata\r", "\ndata: two\n\n"])).toEqual([msg("one\n\ntwo")]);
  });
});

describe("SseDecoder: comments and ignored fields are neither kept nor counted", () => {
  const x2k = "x".repeat(2 * 1024);

  it("WPT format-comments ('comment fest'), with 2 KiB comments, also under a limit smaller than them", () => {
    const input = `data:1\r:\0\n:\r\ndata:2\n:${x2k}\rdata:3\n:data:fail\r:${x2k}\ndata:4\n\n`;
    for (const decoder of [new SseDecoder(), new SseDecoder({ maxEventSize: 64 })])
      for (const pieces of everySplit(bytes(input)).filter((_, i) => i % 97 === 0 || i > input.length))
        expect(decode(pieces, decoder)).toEqual([msg("1\n2\n3\n4")]);
  });

  it("eventsource-parser 'stream with even more odd uses of comments', under a 16-character limit", () => {
    const long = "x".repeat(2 * 1024 + 1);
    const pieces = [
      "data:1\r\r:\0\n:\r\ndata:2\n\n:",
      long,
      "\rdata:3\n\n:data:fail\r:",
      long,
      "\ndata:4\n\n",
      "data:5",
    ];
    expect(decode(pieces, new SseDecoder({ maxEventSize: 16 }))).toEqual([msg("1"), msg("2"), msg("3"), msg("4")]);
  });

  it("a padding comment of 2 KiB on connect, as some servers send for old proxies, spoils nothing", () => {
    const decoder = new SseDecoder({ maxEventSize: 1024 });
    expect(decode([`:${" ".repeat(2048)}\n`, "retry: 2000\n\n", "id: 1\ndata: first\n\n"], decoder)).toEqual([
      msg("first", "message", "1"),
    ]);
  });

  it.each([
    ["unknown-field", ["unknown-field", ": this content is ignored even without a terminator", "\ndata: ok\n\n"]],
    ["datax", ["datax", ": this started like data, but is not a valid field", "\ndata: ok\n\n"]],
    ["comments", [":".repeat(64), "this content is ignored even without a terminator", "\ndata: ok\n\n"]],
  ])(
    "eventsource-parser 'maxBufferSize: discards unterminated %s without buffering': the next event is whole",
    (_name, pieces) => {
      expect(decode(pieces, new SseDecoder({ maxEventSize: 16 }))).toEqual([msg("ok")]);
    },
  );

  it("eventsource-parser 'maxBufferSize: preserves split valid fields while discarding invalid lines'", () => {
    expect(decode(["da", "ta\n\n"], new SseDecoder({ maxEventSize: 16 }))).toEqual([msg("")]);
    // "data" then "x": not the data field after all, but an ignored one.
    expect(decode(["data", "x: 1\n", "data: ok\n\n"], new SseDecoder({ maxEventSize: 16 }))).toEqual([msg("ok")]);
  });

  it.each([
    ["CRLF in one chunk", ["data: one\n:", "ignored\r\ndata: two\n\n"]],
    ["CRLF split across chunks", ["data: one\n:", "ignored\r", "\ndata: two\n\n"]],
    ["a bare CR ending a chunk", ["data: one\n:", "ignored\r", "data: two\n\n"]],
    ["its own bare CR, then a new line", ["data: one\n:ignored\r", "data: two\n\n"]],
    ["its own CR, then the LF of a CRLF", ["data: one\n:ignored\r", "\ndata: two\n\n"]],
  ])("eventsource-parser 'discarded lines' (%s): the line end is read as one", (_name, pieces) => {
    expect(decode(pieces, new SseDecoder({ maxEventSize: 16 }))).toEqual([msg("one\ntwo")]);
  });

  it("an ignored field of any length in the middle of an event neither spoils it nor counts toward it", () => {
    const decoder = new SseDecoder({ maxEventSize: 12 }); // the longest line kept is "data: 12345"
    expect(decode(["event: x\ndata: 12345\n", `foo: ${"y".repeat(5000)}\n`, "data: 678\n\n"], decoder)).toEqual([
      msg("12345\n678", "x"),
    ]);
  });

  it("skips a long ignored line as it streams: 32 MiB of comment leave nothing held", async () => {
    const { setFlagsFromString } = await import("node:v8");
    const { runInNewContext } = await import("node:vm");
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const decoder = new SseDecoder({ maxEventSize: 1024 });
    const chunk = bytes("c".repeat(256 * 1024));
    decoder.push(bytes(":"));
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 128; i++) decoder.push(chunk);
    gc();
    const held = process.memoryUsage().heapUsed - before;
    expect(held).toBeLessThan(8 * 1024 * 1024); // kept, the line would hold 32 MiB
    expect(decode(["\ndata: after\n\n"], decoder)).toEqual([msg("after")]);
  });
});
