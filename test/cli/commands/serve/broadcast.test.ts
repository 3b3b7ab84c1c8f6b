// serve's fan-out as the engine's tokio broadcast channel of 256: a client that stops reading
// holds no queue of its own; once more than 256 events behind it loses the oldest, silently on
// the stream, told on serve's stderr; keep-alives come after an idle interval only.
import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Broadcast, LAG_CAPACITY, type Frame } from "../../../../src/cli/commands/serve/broadcast.js";

/** A response that takes writes until `full`, then wants a drain. */
class StubResponse extends EventEmitter {
  written: string[] = [];
  writableNeedDrain = false;
  destroyed = false;
  write(text: string): boolean {
    this.written.push(text);
    return true;
  }
  end(): void {
    this.emit("close");
  }
  drain(): void {
    this.writableNeedDrain = false;
    this.emit("drain");
  }
}

const frame = (n: number, type = "log_line"): Frame => ({ type, runId: "r", text: `event: ${type}\ndata: ${n}\n\n` });
const NO_FILTER = { types: undefined, runId: undefined };

afterEach(() => void vi.useRealTimers());

describe("serve's broadcast", () => {
  it("a client that stops reading keeps its place; more than 256 behind, it loses the oldest and is told of", () => {
    const lags: [string, number, boolean][] = [];
    const channel = new Broadcast(30_000, (client, lost, gone) => lags.push([client, lost, gone]));
    const res = new StubResponse();
    channel.subscribe(res as unknown as ServerResponse, NO_FILTER, "client-1");
    channel.publish(frame(0));
    res.writableNeedDrain = true; // stalled from here on
    for (let n = 1; n <= 1000; n++) channel.publish(frame(n));
    expect(res.written).toHaveLength(1);
    expect(channel.ring.length).toBe(LAG_CAPACITY); // nothing more is held, whatever the clients
    res.drain();
    const got = res.written.map((text) => Number(text.split("data: ")[1]));
    expect(got).toEqual([0, ...Array.from({ length: LAG_CAPACITY }, (_, i) => 1000 - LAG_CAPACITY + 1 + i)]);
    expect(lags[0]).toEqual(["client-1", 1, false]);
    res.end();
    expect(lags.reduce((sum, [, lost]) => sum + lost, 0)).toBe(1000 - LAG_CAPACITY);
    expect(lags.at(-1)![2]).toBe(true);
    expect(channel.size).toBe(0);
  });

  it("counts the lag in events of every type, as the channel does, before the client's filter", () => {
    const channel = new Broadcast(30_000, () => {});
    const res = new StubResponse();
    channel.subscribe(res as unknown as ServerResponse, { types: new Set(["run_failed"]), runId: undefined }, "c");
    res.writableNeedDrain = true;
    channel.publish(frame(0, "run_failed"));
    for (let n = 1; n <= LAG_CAPACITY; n++) channel.publish(frame(n));
    res.drain();
    expect(res.written).toEqual([]); // the run_failed was the 257th event back: gone
  });

  it("a new client reads what is published from then on", () => {
    const channel = new Broadcast(30_000, () => {});
    channel.publish(frame(0));
    const res = new StubResponse();
    channel.subscribe(res as unknown as ServerResponse, NO_FILTER, "c");
    channel.publish(frame(1));
    expect(res.written).toEqual([frame(1).text]);
  });

  it("writes a keep-alive once the client has been sent nothing for the interval, as axum does", () => {
    vi.useFakeTimers();
    const channel = new Broadcast(1000, () => {});
    const res = new StubResponse();
    channel.subscribe(res as unknown as ServerResponse, { types: new Set(["run_failed"]), runId: undefined }, "c");
    vi.advanceTimersByTime(600);
    channel.publish(frame(1, "run_failed")); // resets the interval
    vi.advanceTimersByTime(600);
    channel.publish(frame(2)); // filtered out: does not
    expect(res.written).toEqual([frame(1, "run_failed").text]);
    vi.advanceTimersByTime(500);
    expect(res.written).toEqual([frame(1, "run_failed").text, ":\n\n"]);
    vi.advanceTimersByTime(1000);
    expect(res.written.filter((text) => text === ":\n\n")).toHaveLength(2);
    res.end();
  });
});
