// Buffered output: reports are written in batches of about 64 KB instead of one write per
// line, which matters when millions of lines fail.
import type { Writable } from "node:stream";

const BATCH = 64 * 1024;

/**
 * Collects text and writes it to a stream in batches. `beforeWrite` runs before each batch
 * (the progress line clears itself there). After the stream is closed by its reader (EPIPE:
 * `validate … | head`), `closed` is true and the text is dropped.
 */
export class Output {
  private pending: string[] = [];
  private pendingLength = 0;
  private waiting: Promise<void> | undefined;
  private release: (() => void) | undefined;
  closed = false;
  beforeWrite: (() => void) | undefined;

  constructor(private readonly stream: Writable) {
    // EPIPE, or any other write error: nothing more can be shown, so stop writing.
    stream.on("error", () => {
      this.closed = true;
      this.release?.(); // no "drain" will come now
    });
  }

  write(text: string): void {
    if (this.closed) return;
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= BATCH) this.flush();
  }

  /**
   * Writes one line now, for a command whose lines tell of things as they happen (a delivery, a
   * reconnect) rather than a report: they must not wait for a batch to fill.
   */
  line(text: string): void {
    this.write(`${text}\n`);
    this.flush();
  }

  flush(): void {
    if (this.pendingLength === 0 || this.closed) return;
    this.beforeWrite?.();
    const text = this.pending.join("");
    this.pending = [];
    this.pendingLength = 0;
    if (!this.stream.write(text) && this.waiting === undefined && !this.closed) {
      this.waiting = new Promise<void>((resolve) => {
        this.release = resolve;
        this.stream.once("drain", resolve);
      }).then(() => {
        this.waiting = undefined;
        this.release = undefined;
      });
    }
  }

  /** Resolves when the stream can take more (a reader slower than the validation holds it back). */
  ready(): Promise<void> | undefined {
    return this.waiting;
  }
}
