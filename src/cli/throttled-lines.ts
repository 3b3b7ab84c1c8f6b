// Lines about something that may happen thousands of times a second (an event dropped because
// a receiver hangs): the first few of each second are printed as they come, the rest counted
// and told in one line when the second is over, so the report stays readable and its own cost
// stays small.

/** Lines shown one by one in a second, unless told otherwise: enough to see what happens. */
const LINES_SHOWN_PER_SECOND = 10;

/**
 * A writer of lines, at most `perSecond` of them a second, then a summary of the rest.
 * @example
 * const drops = new ThrottledLines((line) => console.log(line), (n) => `… and ${n} more dropped`);
 * drops.line("dropped run_created 0190…");
 */
export class ThrottledLines {
  private windowStart = -Infinity;
  private shown = 0;
  private held = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly write: (line: string) => void,
    private readonly summary: (held: number) => string,
    private readonly perSecond = LINES_SHOWN_PER_SECOND,
  ) {}

  line(text: string): void {
    const now = performance.now();
    if (now - this.windowStart >= 1000) {
      this.flush();
      this.windowStart = now;
      this.shown = 0;
    }
    if (this.shown < this.perSecond) {
      this.shown++;
      this.write(text);
      return;
    }
    this.held++;
    this.timer ??= setTimeout(() => this.flush(), 1000 - (now - this.windowStart)).unref();
  }

  /** Tells the lines held back, if any. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.held === 0) return;
    const held = this.held;
    this.held = 0;
    this.write(this.summary(held));
  }
}
