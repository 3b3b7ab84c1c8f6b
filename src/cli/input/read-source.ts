// Reads the events of one source and hands each to an EventSink, with where it came from.
// NDJSON is split into lines at the byte level (see line-splitter.ts), so a file of any size,
// and any single line, is read in constant memory; a JSON document is read whole, but only up
// to the size limit.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { tooLargeIssue } from "../../issues/index.js";
import { CHUNK_SIZE } from "./chunk-size.js";
import type { EventSink } from "./event-sink.js";
import { lineHandler } from "./line-handler.js";
import { LineSplitter } from "./line-splitter.js";
import { readDocument } from "./read-document.js";
import { sniff } from "./sniff-layout.js";
import { describeIoError, type Layout, type Source } from "./sources.js";

/**
 * An I/O error while reading a source, with a message that names it.
 */
export class SourceReadError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/**
 * Reads an open NDJSON file on other threads into `sink`, in file order: validate's
 * WorkerPool, whose sink also takes the results of whole blocks.
 */
interface ParallelReader<Sink extends EventSink> {
  readFile(handle: FileHandle, sink: Sink, maxSize: number): Promise<void>;
}

/**
 * Reads every event of `source` into `sink`, an NDJSON file on the threads of `pool` when
 * one is given. Throws SourceReadError when the source cannot be read; a problem with the
 * content is given to the sink instead.
 */
export async function readSource<Sink extends EventSink>(
  source: Source,
  sink: Sink,
  maxSize: number,
  pool?: ParallelReader<Sink>,
): Promise<void> {
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
      reading = handle.read(turn === 0 ? buffers[0] : buffers[1], 0, CHUNK_SIZE, null);
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
      sink.failure(tooLargeIssue(maxSize, "--max-size", { bytes: stats.size, exact: true }, "file"), 1);
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
        sink.failure(tooLargeIssue(maxSize, "--max-size", { bytes: length, exact: false }, "file"), 1);
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
      const measured = size === undefined ? { bytes: length, exact: false } : { bytes: size, exact: true };
      sink.failure(tooLargeIssue(maxSize, "--max-size", measured, "document"), 1);
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
  const splitter = new LineSplitter(maxSize, lineHandler(sink, maxSize, { atStart: true }));
  for (const chunk of head) {
    sink.progress(chunk.length);
    if (!splitter.push(chunk)) return;
    await sink.drained?.();
  }
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    sink.progress(next.value.length);
    if (!splitter.push(next.value)) return;
    await sink.drained?.();
  }
  splitter.end();
}
