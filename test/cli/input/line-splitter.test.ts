// The CLI's byte-level line splitter (src/cli/line-splitter.ts): lines across chunk
// boundaries, CRLF, a last line without a newline, and lines over the limit reported by size
// without being kept.
import { describe, expect, test } from "vitest";
import { LineSplitter } from "../../../src/cli/input/line-splitter.js";

type Seen = [number, string] | [number, "too large", number];

function split(chunks: (string | Buffer)[], maxSize = 100, stopAt?: number): Seen[] {
  const seen: Seen[] = [];
  const splitter = new LineSplitter(maxSize, {
    line(bytes, start, end, n) {
      seen.push([n, bytes.toString("utf8", start, end)]);
      return n !== stopAt;
    },
    tooLarge(size, n) {
      seen.push([n, "too large", size]);
      return n !== stopAt;
    },
  });
  for (const chunk of chunks) {
    // The caller may reuse its buffer: scribble over it after each push.
    const buffer = Buffer.from(chunk);
    if (!splitter.push(buffer)) break;
    buffer.fill(0x2a);
  }
  splitter.end();
  return seen;
}

describe("LineSplitter", () => {
  test("lines in one chunk, numbered from 1, empty lines included, no trailing empty line", () => {
    expect(split(["a\nbb\n\nccc\n"])).toEqual([
      [1, "a"],
      [2, "bb"],
      [3, ""],
      [4, "ccc"],
    ]);
  });

  test("lines split across chunks (even inside a multi-byte character), kept after the chunk is reused", () => {
    const text = Buffer.from("first line\nsecond: é日本\nthird");
    const chunks = [
      text.subarray(0, 3),
      text.subarray(3, 14),
      text.subarray(14, 22),
      text.subarray(22, 23),
      text.subarray(23),
    ];
    expect(split(chunks)).toEqual([
      [1, "first line"],
      [2, "second: é日本"],
      [3, "third"],
    ]);
  });

  test("CRLF: the CR is not part of the line, a lone CR inside is", () => {
    expect(split(["a\r\nb\rc\r\n", "d\r", "\n"])).toEqual([
      [1, "a"],
      [2, "b\rc"],
      [3, "d"],
    ]);
  });

  test("a line over the limit is reported by its size, whether in one chunk or many; the next lines go on", () => {
    const long = "x".repeat(250);
    expect(split([`ok\n${long}\nok\n`])).toEqual([
      [1, "ok"],
      [2, "too large", 250],
      [3, "ok"],
    ]);
    expect(split(["ok\n", long.slice(0, 60), long.slice(60, 180), `${long.slice(180)}\nok`])).toEqual([
      [1, "ok"],
      [2, "too large", 250],
      [3, "ok"],
    ]);
    expect(split([long.slice(0, 120), long.slice(120)])).toEqual([[1, "too large", 250]]); // no newline at all
  });

  test("a line of exactly the limit passes, even with a CR; one byte more does not", () => {
    const line = "y".repeat(100);
    expect(split([line.slice(0, 50), `${line.slice(50)}\r\n`])).toEqual([[1, line]]);
    expect(split([`${line}z\n`])).toEqual([[1, "too large", 101]]);
    expect(split([line.slice(0, 50), `${line.slice(50)}z\n`])).toEqual([[1, "too large", 101]]);
  });

  test("a handler returning false stops the splitting", () => {
    expect(split(["a\nb\nc\nd\n"], 100, 2)).toEqual([
      [1, "a"],
      [2, "b"],
    ]);
  });
});
