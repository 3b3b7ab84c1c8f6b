// The engine's fan-out, reproduced: its events go through a tokio broadcast channel of 256, and
// each SSE client reads the channel at its own pace. A client more than 256 events behind has
// lost the oldest of them (tokio's `Lagged`): the stream goes on with the oldest event the
// channel still holds, and nothing tells the client. Here the channel is one ring of the last
// 256 frames, shared by every client, and each client has its place in it; a client's socket
// is written to only while it takes the bytes (its buffer below Node's high-water mark). So a
// client that never reads costs one socket buffer, not a queue of everything it did not read,
// and any number of them cost no more than the ring.
import type { ServerResponse } from "node:http";
import { passes, type StreamFilter } from "./stream-filter.js";

/** The capacity of the engine's broadcast channel: a client further behind loses events. */
export const LAG_CAPACITY = 256;
/** axum's keep-alive: an empty comment. */
const KEEP_ALIVE = ":\n\n";
/** A client's losses are told at most this often (a stalled client loses events at the rate they come). */
const LAG_REPORT_INTERVAL_MS = 1_000;

/**
 * One event as the stream writes it, with what the filters look at.
 * @example
 * const frame: Frame = { type: "run_created", runId, text: `event: run_created\ndata: ${json}\n\n` };
 */
export interface Frame {
  type: string;
  runId: string | undefined;
  text: string;
}

/**
 * What a client is told of: `lost` events since the last report, and whether it has gone.
 * @example
 * const onLag: LagReport = (client, lost, gone) => console.error(`${client} lost ${lost} events`);
 */
export type LagReport = (client: string, lost: number, gone: boolean) => void;

/**
 * The channel: `publish` hands a frame to every subscribed client, as far as each one reads.
 * @example
 * const channel = new Broadcast(30_000, onLag);
 * channel.subscribe(res, filter, "127.0.0.1:51234");
 * channel.publish(frame);
 */
export class Broadcast {
  /** The last LAG_CAPACITY frames: frame n is at n % LAG_CAPACITY. */
  readonly ring: Frame[] = [];
  /** Frames published so far: the number of the next one. */
  published = 0;
  private readonly clients = new Set<Subscriber>();

  constructor(
    private readonly keepAliveMs: number,
    private readonly onLag: LagReport,
  ) {}

  get size(): number {
    return this.clients.size;
  }

  publish(frame: Frame): void {
    this.ring[this.published % LAG_CAPACITY] = frame;
    this.published++;
    for (const client of this.clients) client.pump();
  }

  /** Streams to `res` the frames published from now on that pass `filter`, until it closes. */
  subscribe(res: ServerResponse, filter: StreamFilter, name: string): void {
    const client = new Subscriber(this, res, filter, name, this.keepAliveMs, this.onLag);
    this.clients.add(client);
    res.once("close", () => {
      this.clients.delete(client);
      client.close();
    });
  }

  /** Ends every stream. */
  close(): void {
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}

/** One client: its place in the ring, its filter, its keep-alive. */
class Subscriber {
  /** The number of the next frame it reads. */
  private next: number;
  private lastSent = performance.now();
  private timer: NodeJS.Timeout;
  private waitingForDrain = false;
  private lost = 0;
  private reported = 0;
  private lastReport = -Infinity;

  constructor(
    private readonly channel: Broadcast,
    private readonly res: ServerResponse,
    private readonly filter: StreamFilter,
    private readonly name: string,
    private readonly keepAliveMs: number,
    private readonly onLag: LagReport,
  ) {
    this.next = channel.published; // a new subscriber reads what is sent from now on, as tokio's
    this.timer = setTimeout(() => this.keepAlive(), keepAliveMs);
  }

  /** Writes what it can of the frames it has not read; past the ring, the oldest are lost. */
  pump(): void {
    const { channel, res } = this;
    while (this.next < channel.published) {
      const behind = channel.published - this.next;
      if (behind > LAG_CAPACITY) {
        this.lost += behind - LAG_CAPACITY;
        this.next = channel.published - LAG_CAPACITY;
        this.reportLag(false);
      }
      if (res.writableNeedDrain || res.destroyed) return this.awaitDrain();
      const frame = channel.ring[this.next % LAG_CAPACITY]!;
      this.next++;
      if (passes(this.filter, frame.type, frame.runId)) {
        res.write(frame.text);
        this.lastSent = performance.now();
      }
    }
  }

  end(): void {
    clearTimeout(this.timer);
    this.res.end();
  }

  close(): void {
    clearTimeout(this.timer);
    this.reportLag(true);
  }

  private awaitDrain(): void {
    if (this.waitingForDrain || this.res.destroyed) return;
    this.waitingForDrain = true;
    this.res.once("drain", () => {
      this.waitingForDrain = false;
      this.pump();
    });
  }

  /** axum's keep-alive: a comment once the stream has sent nothing for the interval. */
  private keepAlive(): void {
    const idle = performance.now() - this.lastSent;
    if (idle >= this.keepAliveMs) {
      if (!this.res.writableNeedDrain && !this.res.destroyed) this.res.write(KEEP_ALIVE);
      this.lastSent = performance.now();
      this.timer = setTimeout(() => this.keepAlive(), this.keepAliveMs);
    } else this.timer = setTimeout(() => this.keepAlive(), this.keepAliveMs - idle);
  }

  private reportLag(gone: boolean): void {
    const now = performance.now();
    if (this.lost === this.reported || (!gone && now - this.lastReport < LAG_REPORT_INTERVAL_MS)) return;
    this.onLag(this.name, this.lost - this.reported, gone);
    this.reported = this.lost;
    this.lastReport = now;
  }
}
