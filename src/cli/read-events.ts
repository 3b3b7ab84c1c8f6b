// Reads the events of one source and hands each to an EventSink, with where it came from.
// NDJSON is split into lines at the byte level (see line-splitter.ts), so a file of any size,
// and any single line, is read in constant memory; a JSON document is read whole, but only up
// to the size limit.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { isUtf8 } from "node:buffer";
import type { ValidationIssue } from "../types.js";
import { findJsonSyntaxError } from "../json-syntax.js";
import { LineSplitter, type LineHandler } from "./line-splitter.js";
import type { BlockSink, WorkerPool } from "./parallel.js";
import { describeIoError, type Layout, type Source } from "./sources.js";

/**
 * Where the events go. Every method but `progress` returns false to stop the reading.
 * @example
 * const sink: EventSink = {
 *   text: (text, line) => (console.log(line, JSON.parse(text).type), true),
 *   value: (value, line) => (console.log(line, value), true),
 *   failure: (issue, line) => (console.error(line, issue.message), true),
 *   progress: () => {},
 * };
 */
export interface EventSink {
  /** The text of one event: a line of NDJSON. */
  text(text: string, line: number): boolean;
  /**
   * One event of a JSON document, already parsed; `index` when it is an element of an array,
   * `text` (the document) when it is the whole document, for the checks of the text itself.
   */
  value(value: unknown, line: number, index: number | undefined, text?: string): boolean;
  /** A problem found before the event could be parsed (too large, not UTF-8, not JSON). */
  failure(issue: ValidationIssue, line: number): boolean;
  /** `bytes` more of the source have been read. */
  progress(bytes: number): void;
}

/**
 * An I/O error while reading a source, with a message that names it.
 * @example
 * throw new SourceReadError("events.ndjson", "permission denied");
 */
export class SourceReadError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** Large reads: fewer system calls, and `indexOf` scans long runs of bytes at native speed. */
const CHUNK_SIZE = 1024 * 1024;

/**
 * Reads every event of `source` into `sink`, an NDJSON file on the threads of `pool` when
 * one is given. Throws SourceReadError when the source cannot be read; a problem with the
 * content is given to the sink instead.
 * @example
 * await readSource({ kind: "file", path: "a.ndjson", layout: "ndjson", size: 10 }, sink, 1024 * 1024);
 */
export async function readSource(source: Source, sink: BlockSink, maxSize: number, pool?: WorkerPool): Promise<void> {
  const name = source.kind === "stdin" ? "<stdin>" : source.path;
  try {
    if (source.kind === "stdin") await readStream(process.stdin, "sniff", undefined, sink, maxSize);
    else if (source.layout === "json") readJsonFile(source.path, sink, maxSize);
    else {
      const handle = await open(source.path, "r");
      try {
        const size = (await handle.stat()).isFile() ? source.size : undefined;
        if (pool !== undefined && source.layout === "ndjson") await pool.readFile(handle, sink, maxSize);
        else await readStream(fileChunks(handle), source.layout, size, sink, maxSize);
      } finally {
        await handle.close();
      }
    }
  } catch (error) {
    if (error instanceof SourceReadError) throw error;
    throw new SourceReadError(name, describeIoError(error));
  }
}

/**
 * The chunks of an open file, read ahead: while one buffer is being split and validated,
 * the next read fills the other one (on libuv's thread pool, so on another core). The two
 * buffers are reused: a consumer must copy what it keeps past its turn.
 */
async function* fileChunks(handle: FileHandle): AsyncGenerator<Buffer> {
  const buffers = [Buffer.allocUnsafe(CHUNK_SIZE), Buffer.allocUnsafe(CHUNK_SIZE)] as const;
  let turn = 0;
  let reading = handle.read(buffers[0], 0, CHUNK_SIZE, null);
  try {
    for (;;) {
      const { bytesRead, buffer } = await reading;
      if (bytesRead === 0) return;
      turn ^= 1;
      reading = handle.read(buffers[turn], 0, CHUNK_SIZE, null);
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    // Stopped early: let the read ahead finish before the file is closed.
    await reading.catch(() => undefined);
  }
}

/**
 * A .json file: read at once (synchronously: a directory of many small files is read
 * fastest so), unless it is larger than the limit, which is known from its size alone.
 */
function readJsonFile(path: string, sink: EventSink, maxSize: number): void {
  const fd = openSync(path, "r");
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    if (stats.isFile() && stats.size > maxSize) {
      sink.progress(stats.size);
      sink.failure(tooLargeIssue(stats.size, maxSize, true, "file"), 1);
      return;
    }
    // Read to the end even when fstat said less (a file that grows, or a device): one byte
    // past the limit is enough to know that the content is too large.
    let buffer = Buffer.allocUnsafe(stats.isFile() ? stats.size + 1 : 64 * 1024);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxSize + 1));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > maxSize) {
        sink.progress(length);
        sink.failure(tooLargeIssue(length, maxSize, false, "file"), 1);
        return;
      }
    }
    sink.progress(length);
    readDocument(buffer.subarray(0, length), sink);
  } finally {
    closeSync(fd);
  }
}

/** Standard input, or a file read in chunks: NDJSON, a JSON document, or sniffed to be one of them. */
async function readStream(
  chunks: AsyncIterable<Buffer>,
  layout: Layout,
  size: number | undefined,
  sink: EventSink,
  maxSize: number,
): Promise<void> {
  const iterator = chunks[Symbol.asyncIterator]();
  try {
    let head: Buffer[] = [];
    if (layout === "sniff") {
      const sniffed = await sniff(iterator, maxSize);
      layout = sniffed.layout;
      head = sniffed.head;
    }
    if (layout === "json") await readStreamDocument(head, iterator, size, sink, maxSize);
    else await readLines(head, iterator, sink, maxSize);
  } finally {
    await iterator.return?.(); // closes a stream we stopped reading early
  }
}

/** Takes chunks until it is clear whether this is NDJSON or one JSON document. */
async function sniff(iterator: AsyncIterator<Buffer>, maxSize: number): Promise<{ layout: Layout; head: Buffer[] }> {
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
export function layoutOfStart(bytes: Buffer): Layout | undefined {
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

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

async function readStreamDocument(
  head: Buffer[],
  iterator: AsyncIterator<Buffer>,
  size: number | undefined,
  sink: EventSink,
  maxSize: number,
): Promise<void> {
  const parts = head;
  let length = parts.reduce((sum, part) => sum + part.length, 0);
  sink.progress(length);
  for (;;) {
    if (length > maxSize) {
      sink.failure(
        size === undefined
          ? tooLargeIssue(length, maxSize, false, "document")
          : tooLargeIssue(size, maxSize, true, "document"),
        1,
      );
      return;
    }
    const next = await iterator.next();
    if (next.done) break;
    parts.push(Buffer.from(next.value));
    length += next.value.length;
    sink.progress(next.value.length);
  }
  readDocument(Buffer.concat(parts, length), sink);
}

async function readLines(
  head: Buffer[],
  iterator: AsyncIterator<Buffer>,
  sink: EventSink,
  maxSize: number,
): Promise<void> {
  const splitter = new LineSplitter(maxSize, lineHandler(sink, maxSize, true));
  for (const chunk of head) {
    sink.progress(chunk.length);
    if (!splitter.push(chunk)) return;
  }
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    sink.progress(next.value.length);
    if (!splitter.push(next.value)) return;
  }
  splitter.end();
}

/**
 * NDJSON lines to the sink: blank lines skipped, a byte order mark dropped from line 1 when
 * `atStart` (the lines are the start of the file, not a block from its middle).
 * @example
 * const splitter = new LineSplitter(maxSize, lineHandler(sink, maxSize, true));
 */
export function lineHandler(sink: EventSink, maxSize: number, atStart: boolean): LineHandler {
  return {
    line(bytes, start, end, lineNumber) {
      if (end === start) return true;
      const first = bytes[start]!;
      if (first === 0x20 || first === 0x09 || first === 0x0d) {
        let i = start + 1;
        while (i < end && isSpace(bytes[i]!)) i++;
        if (i === end) return true; // only spaces
      }
      let text = bytes.toString(undefined, start, end); // undefined: UTF-8, without looking the encoding up
      if (lineNumber === 1 && atStart && text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
        if (text.trim() === "") return true;
      }
      // Invalid UTF-8 decodes to U+FFFD; only then is it worth checking the bytes.
      if (text.indexOf("\ufffd") !== -1 && !isUtf8(bytes.subarray(start, end)))
        return sink.failure(notUtf8Issue(text, lineNumber, false), lineNumber);
      return sink.text(text, lineNumber);
    },
    tooLarge(size, lineNumber) {
      return sink.failure(tooLargeIssue(size, maxSize, true, "line"), lineNumber);
    },
  };
}

/** A whole JSON document: one event, or an array of events. */
function readDocument(bytes: Buffer, sink: EventSink): void {
  let text = bytes.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.indexOf("\ufffd") !== -1 && !isUtf8(bytes)) {
    const issue = notUtf8Issue(text, 1, true);
    sink.failure(issue, issue.line ?? 1);
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const { line, column, reason } = findJsonSyntaxError(text);
    sink.failure(
      {
        path: "",
        code: "json_syntax",
        message: `is not valid JSON (line ${line}, column ${column}): ${reason}`,
        line,
        column,
      },
      line,
    );
    return;
  }
  if (!Array.isArray(value)) {
    sink.value(value, firstLine(text), undefined, text);
    return;
  }
  const lines = arrayElementLines(text, value.length);
  for (let index = 0; index < value.length; index++) if (!sink.value(value[index], lines[index] ?? 1, index)) return;
}

/**
 * The issue for a line or document over the limit. `exact`: `size` is its whole size;
 * otherwise only what was read before giving up on it.
 * @example
 * tooLargeIssue(2147483648, 1048576, true, "line").message;
 * // "is 2147483648 bytes, over the limit of 1048576 bytes (--max-size); the line was not read"
 */
export function tooLargeIssue(
  size: number,
  limit: number,
  exact: boolean,
  what: "line" | "file" | "document",
): ValidationIssue {
  return {
    path: "",
    code: "too_large",
    message: `is ${exact ? "" : "more than "}${exact ? size : limit} bytes, over the limit of ${limit} bytes (--max-size); the ${what} was not read`,
  };
}

/** JSON text is UTF-8 (RFC 8259); the engine refuses other bytes. */
function notUtf8Issue(text: string, lineNumber: number, document: boolean): ValidationIssue {
  const offset = text.indexOf("\ufffd");
  const before = text.slice(0, offset);
  const lineInText = document ? before.split("\n").length : 1;
  const column = offset - before.lastIndexOf("\n");
  const line = document ? lineInText : lineNumber;
  return {
    path: "",
    code: "json_syntax",
    message: `is not valid JSON (${document ? `line ${line}, ` : ""}column ${column}): bytes that are not UTF-8`,
    line,
    column,
  };
}

function firstLine(text: string): number {
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c !== 32 && c !== 9 && c !== 13) break;
  }
  return line;
}

/** The line on which each top-level element of a JSON array starts, found by a light scan. */
function arrayElementLines(text: string, count: number): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectingElement = false;
  for (let i = 0; i < text.length && lines.length < count; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 10) continue;
    if (depth === 1 && expectingElement) {
      lines.push(line);
      expectingElement = false;
    }
    if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      depth++;
      if (depth === 1) expectingElement = true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
    else if (c === 44 /* , */ && depth === 1) expectingElement = true;
  }
  return lines;
}
