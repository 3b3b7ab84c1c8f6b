// A real HTTP server on 127.0.0.1 for the stream tests, and the seeded randomness they cut
// streams with. Each request goes to the test's handler, with its number (1 for the first).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { afterEach } from "vitest";
import type { RetryOptions } from "../../src/index.js";
import { listenLocally } from "./local-server.js";
import { seededRandom } from "./seeded-random.js";

export { seededRandom };

export const RUN_ID = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
/** The data of a valid run_created event. */
export const RUN_CREATED = JSON.stringify({
  type: "run_created",
  run_id: RUN_ID,
  workflow_name: "deploy",
  at: "2026-11-25T22:24:21Z",
});
/** The data of a valid log_line event, as the newest engine writes it (with its id). */
export const LOG_LINE = JSON.stringify({
  type: "log_line",
  id: "0190a1b2-c3d4-7e5f-8a9b-00000000f001",
  run_id: RUN_ID,
  step_id: RUN_ID,
  step_name: "build",
  stream: "stdout",
  line: "compiling ✓",
  at: "2026-11-25T22:24:22.5Z",
});

/** A log_line event whose line is `line`, as JSON: events told apart by their line. */
export function logLine(line: string): string {
  return LOG_LINE.replace("compiling ✓", line);
}

export const encoder = new TextEncoder();

/** One event of the stream, with its `event:` and `data:` fields and the blank line. */
export const frame = (type: string, json: string, eol = "\n") => `event: ${type}${eol}data: ${json}${eol}${eol}`;

/** Reconnects without waiting, recording each wait asked for. */
export function instantRetry(delays: number[] = [], random = () => 0) {
  return {
    random,
    sleep: async (ms: number) => {
      delays.push(ms);
    },
  } satisfies RetryOptions;
}

export async function collect<T>(events: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const event of events) out.push(event);
  return out;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Every request received, in order. */
  requests: IncomingMessage[];
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void | Promise<void>;

export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    Promise.resolve(handler(req, res, requests.length)).catch((error: unknown) => {
      // A handler bug must show in the test, not hang it.
      console.error(error);
      res.destroy();
    });
  });
  return { ...(await listenLocally(server)), requests };
}

/**
 * A test server per test, for a test file: `serve(handler)` starts one and returns the URL of its
 * stream, `server()` is the one started; it is closed after each test.
 */
export function serverPerTest(): { serve(handler: Handler): Promise<string>; server(): TestServer } {
  let current: TestServer | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    async serve(handler) {
      current = await startServer(handler);
      return `${current.origin}/api/v1/events`;
    },
    server: () => current!,
  };
}

/** Starts an event-stream response. */
export function openStream(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  res.flushHeaders();
}

/** Writes `bytes` in the given chunks, each handed to the socket before the next. */
export async function writeChunks(res: ServerResponse, chunks: Uint8Array[]): Promise<void> {
  for (const chunk of chunks) {
    await new Promise<void>((resolve, reject) => res.write(chunk, (error) => (error ? reject(error) : resolve())));
  }
}

/**
 * `bytes` cut into chunks of random sizes: mostly 1 to 16 bytes (so cuts land inside line ends),
 * sometimes up to 4 KiB, and every fourth chunk, where a multi-byte character follows, ends
 * inside that character (they are rare in the vectors: left to chance, few cuts would hit one).
 */
export function randomChunks(bytes: Uint8Array, random: () => number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let start = 0; start < bytes.length;) {
    let size = random() < 0.7 ? 1 + Math.floor(random() * 16) : 1 + Math.floor(random() * 4096);
    if (random() < 0.25) {
      const lead = bytes.subarray(start, start + 4096).findIndex((byte) => byte >= 0xc0);
      if (lead !== -1) size = lead + 1; // just after a lead byte: inside the character
    }
    chunks.push(bytes.subarray(start, start + size));
    start += size;
  }
  return chunks;
}

/** How many chunk boundaries fall inside a multi-byte UTF-8 character (before a continuation byte). */
export function cutsInsideCharacters(chunks: Uint8Array[]): number {
  let cuts = 0;
  for (let i = 1; i < chunks.length; i++) {
    const first = chunks[i]![0];
    if (first !== undefined && (first & 0xc0) === 0x80) cuts++;
  }
  return cuts;
}
