// Splits a byte stream into lines without decoding it, and without ever holding more than
// `maxSize` bytes of one line: a longer line stops being buffered the moment it passes the
// limit, the rest of it is skipped up to its newline, and it is reported by its size alone.
// So a single 2 GB line costs no more memory than a short one.

/**
 * Receives what a LineSplitter finds. Each method returns false to stop the reading.
 */
export interface LineHandler {
  /**
   * One line: bytes `start` to `end` of `bytes`, without its "\n" and without a "\r" before
   * it. `bytes` may be reused once this returns: copy what must outlive the call.
   */
  line(bytes: Buffer, start: number, end: number, lineNumber: number): boolean;
  /** A line of `size` bytes, over the limit; its bytes were not kept. */
  tooLarge(size: number, lineNumber: number): boolean;
}

const LF = 10;
const CR = 13;

/**
 * Push chunks in with `push`, then call `end` once. Lines are numbered from 1.
 */
export class LineSplitter {
  /** The start of the current line, when it began in an earlier chunk (copied). */
  private parts: Buffer[] = [];
  private partsLength = 0;
  /** True while skipping the rest of a line that is over the limit. */
  private skipping = false;
  private skippedLength = 0;
  private lineNumber = 1;
  private stopped = false;

  constructor(
    private readonly maxSize: number,
    private readonly handler: LineHandler,
  ) {}

  /** The number of the line being read: after `end`, one more than the last line. */
  get currentLine(): number {
    return this.lineNumber;
  }

  /** Splits `chunk` (which may be reused by the caller afterwards). False once a handler asked to stop. */
  push(chunk: Buffer): boolean {
    if (this.stopped) return false;
    let pos = 0;
    for (;;) {
      const newline = chunk.indexOf(LF, pos);
      if (newline === -1) {
        this.keep(chunk, pos);
        return true;
      }
      let goOn: boolean;
      if (this.skipping) {
        goOn = this.finishSkipped(this.skippedLength + newline - pos);
      } else if (this.partsLength > 0) {
        this.parts.push(chunk.subarray(pos, newline));
        goOn = this.emitJoined(this.partsLength + newline - pos);
      } else {
        goOn = this.emit(chunk, pos, newline);
      }
      this.lineNumber++;
      pos = newline + 1;
      if (!goOn) {
        this.stopped = true;
        return false;
      }
    }
  }

  /** The last line, when the input does not end with a newline. */
  end(): void {
    if (this.stopped) return;
    if (this.skipping) this.finishSkipped(this.skippedLength);
    else if (this.partsLength > 0) this.emitJoined(this.partsLength);
    else return;
    this.lineNumber++;
  }

  /** The tail of a chunk, which continues on the next one. */
  private keep(chunk: Buffer, pos: number): void {
    const length = chunk.length - pos;
    if (length === 0) return;
    if (this.skipping) {
      this.skippedLength += length;
      return;
    }
    // One byte of slack for a "\r" that may end the line.
    if (this.partsLength + length > this.maxSize + 1) {
      this.skipping = true;
      this.skippedLength = this.partsLength + length;
      this.parts = [];
      this.partsLength = 0;
      return;
    }
    this.parts.push(Buffer.from(chunk.subarray(pos))); // a copy: the caller may reuse chunk
    this.partsLength += length;
  }

  private emitJoined(length: number): boolean {
    const joined = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, length);
    this.parts = [];
    this.partsLength = 0;
    return this.emit(joined, 0, length);
  }

  private emit(bytes: Buffer, start: number, end: number): boolean {
    if (end > start && bytes[end - 1] === CR) end--;
    if (end - start > this.maxSize) return this.handler.tooLarge(end - start, this.lineNumber);
    return this.handler.line(bytes, start, end, this.lineNumber);
  }

  private finishSkipped(length: number): boolean {
    this.skipping = false;
    this.skippedLength = 0;
    return this.handler.tooLarge(length, this.lineNumber);
  }
}
