// docs/streaming.md: every ```ts example typechecks against the package's source and runs as
// written, its fetch of https://ironflow.example.com sent to a local server that streams one
// event of each kind the examples read (and one of a newer engine), then answers 204. The
// recovery example gets an engine as it is (no id:, nothing replayed) that loses an event while
// the stream is down, and the application's API (https://dashboard.example.com) that has it.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openStream, RUN_ID, startServer, type Handler, type TestServer } from "../support/sse-server.js";
import { engineEventLines } from "../support/vectors.js";

const ROOT = resolve(import.meta.dirname, "../..");
/** Where the examples are written to run: inside the package (type: module), out of tsc's and git's sight. */
const DIR = join(ROOT, ".tmp", "docs-streaming");
const ORIGIN = "https://ironflow.example.com";
const DASHBOARD = "https://dashboard.example.com";

const examples = [...readFileSync(join(ROOT, "docs", "streaming.md"), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map(
  (match, i) => {
    const file = join(DIR, `example-${i}.ts`);
    writeExample(file, match[1]!);
    return { file, code: match[1]! };
  },
);

function writeExample(file: string, code: string): void {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(file, code.replace(/from "ironflow-events"/g, 'from "../../src/index.js"') + "\nexport {};\n");
}

/** The first engine vector of `type`, as JSON text. */
function vector(type: string): string {
  return engineEventLines().find((line) => (JSON.parse(line) as { type: string }).type === type)!;
}
const RUN_FAILED = vector("run_failed");
const LOG_LINE = vector("log_line");
const STATUS_CHANGED = vector("run_status_changed");
const BUDGET = JSON.stringify({ type: "workflow_paused", run_id: RUN_ID, at: "2026-11-25T22:24:23Z" });

let server: TestServer;
const realFetch = globalThis.fetch;
const fetchInits: RequestInit[] = [];

/** Every example's server: the four events, an ID, then 204 to the reconnect that carries it. */
const fourEvents: Handler = (req, res) => {
  if (req.headers["last-event-id"] !== undefined) return void res.writeHead(204).end();
  openStream(res);
  const frames = [RUN_FAILED, LOG_LINE, STATUS_CHANGED, BUDGET].map(
    (json) => `event: ${(JSON.parse(json) as { type: string }).type}\ndata: ${json}\n\n`,
  );
  res.end(`retry: 10\nid: 1\n\n${frames.join("")}`);
};
let respond: Handler = fourEvents;

beforeAll(async () => {
  server = await startServer((req, res, n) => respond(req, res, n));
  globalThis.fetch = ((input: string | URL | Request, init?: RequestInit) => {
    fetchInits.push(init ?? {});
    return realFetch(String(input).replace(ORIGIN, server.origin).replace(DASHBOARD, server.origin), init);
  }) as typeof fetch;
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  await server.close();
  rmSync(DIR, { recursive: true, force: true });
});

/** Runs one example, and returns what it logged. */
async function run(index: number): Promise<{ log: string[]; warn: string[]; error: string[] }> {
  const spies = { log: vi.spyOn(console, "log"), warn: vi.spyOn(console, "warn"), error: vi.spyOn(console, "error") };
  for (const spy of Object.values(spies)) spy.mockImplementation(() => {});
  fetchInits.length = 0;
  server.requests.length = 0;
  const lines = (spy: (typeof spies)["log"]) => spy.mock.calls.map((args) => args.join(" "));
  try {
    await import(examples[index]!.file);
    return { log: lines(spies.log), warn: lines(spies.warn), error: lines(spies.error) };
  } finally {
    for (const spy of Object.values(spies)) spy.mockRestore();
  }
}

const event = (json: string) => JSON.parse(json) as Record<string, string>;

describe("docs/streaming.md", () => {
  it("has the examples this test runs", () => {
    expect(examples).toHaveLength(7);
  });

  it("typechecks every example against the source", () => {
    const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.json"), {}, ts.sys as never)!;
    const program = ts.createProgram(
      examples.map((e) => e.file),
      config.options,
    );
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file !== undefined && d.file.fileName.startsWith(DIR))
      .map((d) => `${d.file!.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    expect(diagnostics).toEqual([]);
  });

  it("reading the stream: prints the asked-for events, warns of none", async () => {
    const { log, warn, error } = await run(0);
    const line = event(LOG_LINE);
    expect(log).toEqual([
      `run ${event(RUN_FAILED).run_id} failed: ${event(RUN_FAILED).error ?? "no reason given"}`,
      `[${line.stream}] ${line.line}`,
    ]);
    // This server does not filter by ?types=, and the client leaves out known types not asked for
    // without a word; a type it does not know at all goes to onInvalid.
    expect(warn).toEqual([expect.stringMatching(/^skipped a workflow_paused message: names no event type of engine/)]);
    expect(error).toEqual([]);
    expect(server.requests[0]!.url).toBe("/api/v1/events?types=run_failed,log_line");
    expect(server.requests[0]!.headers.authorization).toBe("Bearer a token of the API");
  });

  it("onReconnect: reports the wait, the downtime, the failures, the cause and the Last-Event-ID of the next request", async () => {
    const { log } = await run(1);
    expect(log.slice(0, 3)).toEqual(["run_failed", "log_line", "run_status_changed"]);
    expect(log[3]).toMatch(
      /^reconnect 1 in \d+ ms \(down \d+ ms, 0 failed in a row\) after streamEvents: GET \S+: the server ended the stream, from event 1$/,
    );
    const delay = Number(/in (\d+) ms/.exec(log[3]!)![1]);
    expect(delay).toBeGreaterThanOrEqual(10); // the server's retry: 10
    expect(server.requests[1]!.headers["last-event-id"]).toBe("1");
  });

  it("what a reconnect loses: the application loads again on open, and shows what the stream missed", async () => {
    const at = (second: number) => `2026-11-25T22:24:${String(second).padStart(2, "0")}.5Z`;
    const change = (run: string, from: string, to: string, second: number) =>
      JSON.stringify({ ...event(STATUS_CHANGED), run_id: run, from, to, error: null, at: at(second) });
    const RUN_A = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a51";
    const RUN_B = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a52";
    // The application's own record: run A completed while the stream was down (its event lost).
    let record = [{ id: RUN_A, status: "pending", at: at(1) }];
    let streams = 0;
    respond = (req, res) => {
      if (req.url === "/api/runs") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(record));
        return;
      }
      streams++;
      if (streams > 2) return void res.writeHead(204).end();
      openStream(res); // the engine as it is: no id:, no retry:, nothing replayed
      if (streams === 1) {
        res.end(`event: run_status_changed\ndata: ${change(RUN_A, "pending", "running", 2)}\n\n`);
        record = [{ id: RUN_A, status: "completed", at: at(3) }]; // meanwhile, on no stream
      } else res.end(`event: run_status_changed\ndata: ${change(RUN_B, "pending", "running", 4)}\n\n`);
    };
    try {
      const { log } = await run(2);
      expect(log).toEqual([
        expect.stringMatching(/^the stream is back after \d+ ms: loading again what it missed$/),
        `${RUN_A}: completed`,
        `${RUN_B}: running`,
      ]);
      expect(server.requests.filter((r) => r.headers["last-event-id"] !== undefined)).toEqual([]); // nothing to resume from
    } finally {
      respond = fourEvents;
    }
  });

  it("cookie authentication: passes credentials to fetch", async () => {
    const { log } = await run(3);
    const changed = event(STATUS_CHANGED);
    expect(log).toEqual([`run ${changed.run_id}: ${changed.from} -> ${changed.to}`]);
    expect(fetchInits[0]!.credentials).toBe("include");
  });

  it("the engine version: reads as engine 2.14 does", async () => {
    const { log } = await run(4);
    const changed = event(STATUS_CHANGED);
    expect(log).toEqual([`run ${changed.run_id}: ${changed.from} -> ${changed.to}`]);
    expect(server.requests[0]!.url).toBe("/api/v1/events?types=run_status_changed");
  });

  it("events of a newer engine: arrive through onUnknown", async () => {
    const { log, warn } = await run(5);
    expect(log).toEqual([`run ${event(RUN_FAILED).run_id} failed`, `newer event: workflow_paused for run ${RUN_ID}`]);
    expect(warn).toEqual([]);
    expect(server.requests[0]!.url).toBe("/api/v1/events?types=run_failed,workflow_paused");
  });

  it("SseDecoder: decodes the messages and sends the last event ID on the next connection", async () => {
    const { log } = await run(6);
    expect(log).toEqual(
      [RUN_FAILED, LOG_LINE, STATUS_CHANGED, BUDGET].map((json) => `${event(json).type} 1 ${json.length}`),
    );
    expect(server.requests.map((req) => req.headers["last-event-id"])).toEqual([undefined, "1"]);
  });
});
