// Large NDJSON files on several threads. The main thread reads the file in chunks (CHUNK_SIZE) and
// cuts them at their last newline into blocks of whole lines, which it hands (transferred,
// not copied) to worker threads (worker.ts) that split, parse and validate them exactly as
// the single-threaded reader does. Results come back out of order and are applied in file
// order, so the report is identical to a single-threaded run. A line longer than the limit
// is never gathered into a block: the main thread skips it and reports it by its size.
import { Worker } from "node:worker_threads";
import type { FileHandle } from "node:fs/promises";
import { tooLargeIssue } from "../../../issues/index.js";
import { CHUNK_SIZE } from "../../input/chunk-size.js";
import type { BlockResult, BlockSink, BlockTask, ValidateConfig } from "./types.js";

/** Blocks queued per worker: one being validated, one waiting, so that no worker idles. */
const WINDOW = 2;

type Ready = BlockResult | { seq: number; tooLarge: number };

/**
 * A fixed set of worker threads that validate NDJSON blocks.
 */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly inFlight: number[] = [];
  private waiters: (() => void)[] = [];
  /** Read buffers given back by the workers: the memory stays that of the blocks in flight. */
  private readonly free: ArrayBuffer[] = [];
  private onResult: ((result: BlockResult) => void) | undefined;
  private error: Error | undefined;

  constructor(size: number, entry: URL, config: ValidateConfig) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(entry, { workerData: config });
      worker.on("message", (result: BlockResult) => {
        this.inFlight[i]!--;
        if (result.body !== null && result.body.byteLength === CHUNK_SIZE) this.free.push(result.body);
        this.onResult?.(result);
        this.wake();
      });
      worker.on("error", (error) => {
        this.error ??= error;
        this.wake();
      });
      this.workers.push(worker);
      this.inFlight.push(0);
    }
  }

  /** Reads and validates an NDJSON file into `sink`, in file order. Throws on a read or worker error. */
  async readFile(handle: FileHandle, sink: BlockSink, maxSize: number): Promise<void> {
    let seq = 0;
    let applied = 0;
    let lineOffset = 0;
    let stopped = false;
    const ready = new Map<number, Ready>();
    const apply = () => {
      for (let item = ready.get(applied); item !== undefined; item = ready.get(applied)) {
        ready.delete(applied);
        applied++;
        if (stopped) continue;
        if ("tooLarge" in item) {
          lineOffset++;
          stopped = !sink.failure(
            tooLargeIssue(maxSize, "--max-size", { bytes: item.tooLarge, exact: true }, "line"),
            lineOffset,
          );
        } else {
          stopped = !sink.block(item, lineOffset);
          lineOffset += item.lines;
        }
      }
    };
    this.onResult = (result) => {
      ready.set(result.seq, result);
      apply();
    };
    const post = async (task: BlockTask) => {
      let worker = this.leastBusy();
      while (this.error === undefined && this.inFlight[worker]! >= WINDOW) {
        await new Promise<void>((resolve) => this.waiters.push(resolve));
        worker = this.leastBusy();
      }
      if (this.error !== undefined) return;
      this.inFlight[worker]!++;
      this.workers[worker]!.postMessage(task, task.body === null ? [] : [task.body]);
    };
    const tooLarge = (size: number) => {
      ready.set(seq, { seq, tooLarge: size });
      seq++;
      apply();
    };

    // The start of a line that continues in the next chunk, or the length skipped of a line over the limit.
    let carry: Buffer[] = [];
    let carryLength = 0;
    let skipping = false;
    let skipped = 0;
    let atStart = true;
    try {
      while (!stopped && this.error === undefined) {
        // A buffer with its own ArrayBuffer, which is transferred to a worker and back.
        const recycled = this.free.pop();
        const buffer = recycled === undefined ? Buffer.allocUnsafeSlow(CHUNK_SIZE) : Buffer.from(recycled);
        const { bytesRead } = await handle.read(buffer, 0, CHUNK_SIZE, null);
        if (bytesRead === 0) break;
        sink.progress(bytesRead);
        const chunk = buffer.subarray(0, bytesRead);
        const last = chunk.lastIndexOf(10);
        if (last === -1) {
          // No line ends here: keep a copy of the bytes (or only count them), and read into this buffer again.
          if (skipping) skipped += bytesRead;
          else if (carryLength + bytesRead > maxSize + 1) {
            skipping = true;
            skipped = carryLength + bytesRead;
            carry = [];
            carryLength = 0;
          } else {
            carry.push(Buffer.from(chunk));
            carryLength += bytesRead;
          }
          this.free.push(buffer.buffer);
          continue;
        }
        let start = 0;
        if (skipping) {
          const first = chunk.indexOf(10);
          tooLarge(skipped + first);
          skipping = false;
          skipped = 0;
          start = first + 1;
          atStart = false;
        }
        const head = carryLength > 0 ? Buffer.concat(carry, carryLength) : null;
        carry = last + 1 < bytesRead ? [Buffer.from(chunk.subarray(last + 1))] : []; // copied: the buffer is transferred
        carryLength = bytesRead - last - 1;
        if (head !== null || start <= last) {
          await post({ seq: seq++, head, body: buffer.buffer, start, end: last + 1, atStart });
          atStart = false;
        }
      }
      if (!stopped && this.error === undefined) {
        if (skipping) tooLarge(skipped);
        else if (carryLength > 0)
          await post({ seq: seq++, head: Buffer.concat(carry, carryLength), body: null, start: 0, end: 0, atStart });
      }
    } finally {
      // Wait for the blocks in flight even when stopping early, so none is applied to the next file.
      while (applied < seq && this.error === undefined)
        await new Promise<void>((resolve) => this.waiters.push(resolve));
      this.onResult = undefined;
    }
    if (this.error !== undefined) throw this.error;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private leastBusy(): number {
    let best = 0;
    for (let i = 1; i < this.inFlight.length; i++) if (this.inFlight[i]! < this.inFlight[best]!) best = i;
    return best;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
