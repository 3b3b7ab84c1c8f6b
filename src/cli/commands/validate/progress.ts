// The progress line on stderr for large inputs: bytes done, events per second, and an ETA
// when the total size is known. Only on a terminal, never in a log file or a pipe.

/**
 * Below this many bytes of input, a run is over before a progress line would help.
 */
const PROGRESS_MIN_BYTES = 4 * 1024 * 1024;
const INTERVAL_MS = 250;

/**
 * Where a Progress writes: stderr, or anything with `isTTY` and `write`.
 */
interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Shows itself only on a TTY, only once the input is known (or seen) to be larger than
 * PROGRESS_MIN_BYTES, and at most four times a second.
 */
export class Progress {
  private done = 0;
  private shown = false;
  private readonly start = Date.now();
  private last = this.start;

  private constructor(
    private readonly stream: ProgressStream,
    private readonly total: number | undefined,
  ) {}

  /** A Progress for `stream`, or undefined when it is not a terminal. `total`: bytes, when every size is known. */
  static create(stream: ProgressStream, total: number | undefined): Progress | undefined {
    return stream.isTTY === true ? new Progress(stream, total) : undefined;
  }

  advance(bytes: number, events: number): void {
    this.done += bytes;
    const now = Date.now();
    if (now - this.last < INTERVAL_MS) return;
    this.last = now;
    if ((this.total ?? this.done) < PROGRESS_MIN_BYTES) return;
    this.stream.write(`\r\x1b[K${this.line(now, events)}`);
    this.shown = true;
  }

  /** Removes the line (before other output, and at the end). */
  clear(): void {
    if (!this.shown) return;
    this.stream.write("\r\x1b[K");
    this.shown = false;
  }

  private line(now: number, events: number): string {
    const seconds = (now - this.start) / 1000;
    const rate = seconds > 0 ? Math.round(events / seconds) : 0;
    let text = `validating: ${formatBytes(this.done)}`;
    if (this.total !== undefined && this.total > 0) {
      const share = Math.min(1, this.done / this.total);
      text += ` of ${formatBytes(this.total)} (${Math.floor(share * 100)}%)`;
      const bytesPerSecond = this.done / seconds;
      if (bytesPerSecond > 0) text += `, ETA ${formatDuration((this.total - this.done) / bytesPerSecond)}`;
    }
    return `${text}, ${rate.toLocaleString("en-US")} events/s`;
  }
}

/**
 * @example
 * formatBytes(1536 * 1024); // "1.5 MiB"
 */
function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(s / 60);
  return `${minutes}:${String(s % 60).padStart(2, "0")}`;
}
