// streamEvents side by side with a reference EventSource (the `eventsource` package) against a
// real SSE server library (`better-sse`) on 127.0.0.1, in one scripted scenario: sockets dropped
// mid-event (once inside a UTF-8 character), a padding comment, events without ids, an id-only
// block, the server ended, and the server restarted on the same port. The server resumes after
// the Last-Event-ID it is sent, as a real one would: a wrong ID shows up as lost or repeated
// events. Every event must arrive once, in order, and each request must carry the same
// Last-Event-ID as the reference client sends.
import { createEventBuffer, createSession, type EventBuffer, type Session } from "better-sse";
import { EventSource } from "eventsource";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { streamEvents } from "../../src/index.js";
import { logLine, writeChunks } from "../support/sse-server.js";

/** The reconnection time the server asks for: short, so the scenario runs in well under a second. */
const RETRY_MS = 20;
/** How long the server lets the client read what it sent before it breaks the connection. */
const SETTLE_MS = 50;

/** Writes one or more blocks into a better-sse EventBuffer. */
type Blocks = (buffer: EventBuffer) => void;

/** The server's log of events it can replay: each with the ID a client has once it is received. */
interface Unit {
  blocks: Blocks;
  id: string;
}

const eventData = (line: string) => JSON.parse(logLine(line)) as unknown;

/** One event with its own `id:` field. */
function withId(id: string, line: string): Unit {
  return { blocks: (buffer) => void buffer.id(id).event("log_line").data(eventData(line)).dispatch(), id };
}

/** An event without an id, then an id-only block: the ID moves with the block, not the event. */
function idAfter(id: string, line: string): Unit {
  return { blocks: (buffer) => void buffer.event("log_line").data(eventData(line)).dispatch().id(id).dispatch(), id };
}

/** An event the server does not log or replay: no id. */
const live =
  (line: string): Blocks =>
  (buffer) =>
    void buffer.event("log_line").data(eventData(line)).dispatch();

/** The text of some blocks, to send part of it. */
const textOf = (blocks: Blocks) => {
  const buffer = createEventBuffer();
  blocks(buffer);
  return buffer.read();
};

const LOG: Unit[] = [
  withId("1", "1"),
  withId("2", "2"),
  idAfter("3", "3"),
  withId("4", "4"),
  withId("5", "5 é"), // a multi-byte character to cut inside
  withId("6", "6"),
  withId("7", "7"),
  withId("8", "8"),
];

interface Connection {
  session: Session;
  res: ServerResponse;
  /** Sends the next `count` events of the log after the Last-Event-ID. */
  send(count: number): Promise<void>;
  /** Sends blocks through the session. */
  push(blocks: Blocks): Promise<void>;
  /** Writes raw bytes: part of an event. */
  write(text: string | Uint8Array): Promise<void>;
  /** Drops the socket, as a network failure would. */
  drop(): Promise<void>;
  /** Closes the server with its connections and starts it again on the same port. */
  restart(): Promise<void>;
}

/** What each connection gets, by its number; after the last, a 204 ends the scenario. */
const SCRIPT: ((c: Connection) => Promise<void>)[] = [
  // 1: events 1, 2, then event 3 cut in its data.
  async (c) => {
    await c.send(2);
    const cut = textOf(LOG[2]!.blocks);
    await c.write(cut.slice(0, cut.indexOf("data:") + 20));
    await c.drop();
  },
  // 2: event 3 (its id in a block of its own), 4, a 2 KiB padding comment, event 5 cut inside "é".
  async (c) => {
    await c.send(2);
    await c.push((buffer) => void buffer.comment(" ".repeat(2048)).dispatch());
    const bytes = Buffer.from(textOf(LOG[4]!.blocks));
    await c.write(bytes.subarray(0, bytes.indexOf(Buffer.from("é")) + 1));
    await c.drop();
  },
  // 3: event 5, an event without id, then the server ends the stream.
  async (c) => {
    await c.send(1);
    await c.push(live("live 1"));
    c.res.end();
  },
  // 4: only an event without id (the ID must stay 5), then the server restarts.
  async (c) => {
    await c.push(live("live 2"));
    await c.restart();
  },
  // 5, 6: the rest of the log.
  async (c) => {
    await c.send(2);
    c.res.end();
  },
  async (c) => {
    await c.send(1);
    c.res.end();
  },
];

const EXPECTED_LINES = ["1", "2", "3", "4", "5 é", "live 1", "live 2", "6", "7", "8"];
const EXPECTED_LAST_EVENT_IDS = [null, "2", "4", "5", "5", "7", "8"];

interface Run {
  /** The Last-Event-ID of each request, as text; null when absent. */
  lastEventIds: (string | null)[];
  /** Resolves when the scenario's final 204 has been sent. */
  finished: Promise<void>;
  url: string;
  close(): Promise<void>;
}

async function startScenario(): Promise<Run> {
  const lastEventIds: (string | null)[] = [];
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let server: Server;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
      server.listen(port, "127.0.0.1", () => {
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const header = req.headers["last-event-id"];
    const lastEventId = typeof header === "string" ? Buffer.from(header, "latin1").toString("utf8") : null;
    lastEventIds.push(lastEventId);
    const step = SCRIPT[lastEventIds.length - 1];
    if (step === undefined) {
      res.writeHead(204).end();
      finish();
      return;
    }
    const session = await createSession(req, res, { retry: RETRY_MS, keepAlive: null });
    let next = lastEventId === null ? 0 : LOG.findIndex((unit) => unit.id === lastEventId) + 1;
    const write = (text: string | Uint8Array) =>
      writeChunks(res, [typeof text === "string" ? Buffer.from(text) : text]);
    await step({
      session,
      res,
      write,
      push: (blocks) => session.batch(blocks),
      send: async (count) => {
        for (const unit of LOG.slice(next, next + count)) await session.batch(unit.blocks);
        next += count;
      },
      drop: async () => {
        await delay(SETTLE_MS); // let the client read the bytes: an error would discard those still queued
        res.socket?.destroy();
      },
      restart: async () => {
        await delay(SETTLE_MS);
        await stop();
        await delay(100); // down: connections are refused, and the clients try again
        await listen();
      },
    });
  }

  await listen();
  return { lastEventIds, finished, url: `http://127.0.0.1:${port}/api/v1/events`, close: stop };
}

describe("streamEvents and the reference EventSource against better-sse", () => {
  it("every event once, in order, and the same Last-Event-ID on each reconnect as eventsource sends", async () => {
    // The reference client.
    const reference = await startScenario();
    const referenceLines: string[] = [];
    const source = new EventSource(reference.url);
    source.addEventListener("log_line", (event) =>
      referenceLines.push((JSON.parse(event.data) as { line: string }).line),
    );
    await reference.finished;
    await delay(20);
    source.close();
    await reference.close();

    // streamEvents, in the same scenario.
    const ours = await startScenario();
    const lines: string[] = [];
    const waits: number[] = [];
    for await (const event of streamEvents(ours.url, {
      retry: { initialDelayMs: RETRY_MS },
      onReconnect: ({ delayMs }) => waits.push(delayMs),
    }))
      if (event.type === "log_line") lines.push(event.line);
    await ours.close();

    expect(referenceLines).toEqual(EXPECTED_LINES); // the scenario itself is sound
    expect(reference.lastEventIds).toEqual(EXPECTED_LAST_EVENT_IDS);
    expect(lines).toEqual(EXPECTED_LINES);
    expect(ours.lastEventIds).toEqual(reference.lastEventIds);
    for (const wait of waits) expect(wait).toBeGreaterThanOrEqual(RETRY_MS);
  }, 30_000);
});
