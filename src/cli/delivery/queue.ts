// Deliveries to one receiver, made as the engine makes them, with bounds the engine does not
// have: the engine starts each delivery on a task of its own, without limit, so a receiver that
// hangs costs it memory; `serve --webhook` and `listen` run at most MAX_IN_FLIGHT at once and
// keep at most MAX_QUEUED waiting (MAX_QUEUED_BYTES of bodies). An event that finds the queue
// full is dropped, and said so: a receiver that hangs must not grow the memory without bound.
// As with the engine, deliveries run side by side, so they may finish out of order.
import { deliver, type DeliveryOptions, type DeliveryOutcome } from "./deliver.js";

/**
 * Deliveries at once. Against a receiver that answers, 8 keep up with thousands of events per
 * second; against one that hangs, each takes the engine's 16.5 s (3 tries of 5 s, waits of 0.5 s
 * and 1 s), and more at once would only open more sockets to it.
 */
export const MAX_IN_FLIGHT = 8;
/** Deliveries waiting: minutes of a busy engine's events (a run writes tens of them). */
export const MAX_QUEUED = 1_000;
/** The bodies waiting, in bytes: bounds the queue when events are large (up to 1 MiB each). */
export const MAX_QUEUED_BYTES = 16 * 1024 * 1024;

/**
 * An event to deliver: what the report calls it (its type, where it was read) and its JSON.
 * @example
 * queue.push({ label: "run_created 0190…", body: text });
 */
export interface QueuedDelivery {
  label: string;
  body: string;
}

/**
 * A bounded queue of deliveries to `url`. `onOutcome` hears of each delivery made; `onDropped`
 * of each event that found the queue full (or was waiting when the queue stopped).
 * @example
 * const queue = new DeliveryQueue(url, delivery, { onOutcome: (item, outcome) => print(item, outcome), onDropped });
 */
export class DeliveryQueue {
  private readonly waiting: QueuedDelivery[] = [];
  private waitingBytes = 0;
  private inFlight = 0;
  private readonly stopper = new AbortController();
  private idle: (() => void)[] = [];
  delivered = 0;
  failed = 0;
  dropped = 0;

  constructor(
    private readonly url: string,
    private readonly options: Omit<DeliveryOptions, "signal">,
    private readonly report: {
      onOutcome(item: QueuedDelivery, outcome: DeliveryOutcome): void;
      onDropped(item: QueuedDelivery, why: string): void;
    },
  ) {}

  /** Queues an event; false (and onDropped) when the queue is full or stopped. */
  push(item: QueuedDelivery): boolean {
    const bytes = Buffer.byteLength(item.body);
    let why: string | undefined;
    if (this.stopper.signal.aborted) why = "stopping";
    else if (this.waiting.length >= MAX_QUEUED) why = `${MAX_QUEUED} deliveries already wait for the receiver`;
    else if (this.waitingBytes + bytes > MAX_QUEUED_BYTES)
      why = `the deliveries waiting for the receiver already hold ${MAX_QUEUED_BYTES / 1024 / 1024} MiB`;
    if (why !== undefined) {
      this.dropped++;
      this.report.onDropped(item, why);
      return false;
    }
    this.waiting.push(item);
    this.waitingBytes += bytes;
    this.pump();
    return true;
  }

  /** Resolves when nothing waits and nothing is under way. */
  settled(): Promise<void> {
    if (this.inFlight === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Stops: the deliveries under way end as "stopped", those waiting are dropped. */
  stop(): void {
    this.stopper.abort();
    for (const item of this.waiting.splice(0)) {
      this.dropped++;
      this.report.onDropped(item, "stopped before its turn");
    }
    this.waitingBytes = 0;
    this.checkIdle();
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.waiting.length > 0) {
      const item = this.waiting.shift()!;
      this.waitingBytes -= Buffer.byteLength(item.body);
      this.inFlight++;
      void deliver(this.url, item.body, { ...this.options, signal: this.stopper.signal }).then((outcome) => {
        this.inFlight--;
        if (outcome.ok) this.delivered++;
        else this.failed++;
        this.report.onOutcome(item, outcome);
        this.pump();
        this.checkIdle();
      });
    }
  }

  private checkIdle(): void {
    if (this.inFlight === 0 && this.waiting.length === 0) for (const resolve of this.idle.splice(0)) resolve();
  }
}
