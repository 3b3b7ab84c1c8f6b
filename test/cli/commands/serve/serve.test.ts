// `serve` end to end on 127.0.0.1: streamEvents reads it (filters, a restart), the raw bytes
// are the engine's SSE (keep-alives, no id:), --realtime keeps the gaps, --webhook posts.
import { createServer, type IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { parseEvent, streamEvents, verifyWebhook, type Event } from "../../../../src/index.js";
import { makeEvent, makeRun, toEngineJson } from "../../../../src/testing/index.js";
import { tempDir } from "../../../support/cli-harness.js";
import { startCli, type CliProcess } from "../../../support/cli-process.js";
import { freePort, listenLocally } from "../../../support/local-server.js";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function file(events: Event[]): string {
  const { dir, remove } = tempDir({ "events.ndjson": `${events.map((event) => toEngineJson(event)).join("\n")}\n` });
  cleanups.push(remove);
  return `${dir}/events.ndjson`;
}

/** `serve <args>`, stopped after the test; resolves with it and its URL. */
async function serve(args: string[]): Promise<{ cli: CliProcess; url: string }> {
  const cli = startCli(["serve", ...args]);
  cleanups.push(() => cli.stop());
  return { cli, url: await cli.firstLine() };
}

/** The first `count` events of a stream, then the iteration is left. */
async function take<T>(events: AsyncIterable<T>, count: number): Promise<T[]> {
  const got: T[] = [];
  if (count === 0) return got;
  for await (const event of events) if (got.push(event) === count) break;
  return got;
}

const RUN_A = makeRun({ seed: 1, outcome: "completed" });
const RUN_B = makeRun({ seed: 2, outcome: "failed" });
const USERS = [makeEvent("user_signed_in", {}, { seed: 3 }), makeEvent("user_signed_out", {}, { seed: 4 })];
/**
 * The kit's events (the seed engine's) as a reader of the newest engine gets them: streamEvents
 * and verifyWebhook read with the newest format, which fills in what the seed leaves out (labels).
 */
function asRead<E extends Event>(events: readonly E[]) {
  return events.map((event) => parseEvent(toEngineJson(event)));
}

/** Two runs interleaved, and user events among them. */
const MIXED: Event[] = [
  USERS[0]!,
  ...RUN_A.flatMap((event, i) => (RUN_B[i] ? [event, RUN_B[i]!] : [event])),
  ...RUN_B.slice(RUN_A.length),
  USERS[1]!,
];

describe("serve", () => {
  it("prints its URL on 127.0.0.1 and streams every event, in order, to streamEvents, keep-alives between", async () => {
    // Keep-alives every 20 ms, between the events: streamEvents passes over them.
    const { url } = await serve([file(MIXED), "--port", "0", "--rate", "100", "--keep-alive", "0.02"]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/events$/);
    expect(await take(streamEvents(url, { signal: AbortSignal.timeout(20_000) }), MIXED.length)).toEqual(asRead(MIXED));
  });

  it("honours ?types= (comma-separated) as the engine does", async () => {
    const { url } = await serve([file(MIXED), "--port", "0", "--rate", "500"]);
    const wanted = MIXED.filter((event) => event.type === "run_status_changed" || event.type === "user_signed_out");
    const got = await take(
      streamEvents(url, { types: ["run_status_changed", "user_signed_out"], signal: AbortSignal.timeout(20_000) }),
      wanted.length,
    );
    expect(got).toEqual(asRead(wanted));
  });

  it("honours ?run_id=, in any spelling of the UUID the engine reads; user events have no run", async () => {
    const runId = (RUN_B[0] as { run_id: string }).run_id;
    const wanted = MIXED.filter((event) => "run_id" in event && event.run_id === runId);
    const { url } = await serve([file(MIXED), "--port", "0", "--rate", "500"]);
    expect(await take(streamEvents(url, { runId, signal: AbortSignal.timeout(20_000) }), wanted.length)).toEqual(
      asRead(wanted),
    );
    // Braced, upper case: the same run (read raw, as streamEvents sends the hyphenated form only).
    const { url: url2 } = await serve([file(MIXED), "--port", "0", "--rate", "500"]);
    const braced = `{${runId.toUpperCase()}}`;
    const response = await fetch(`${url2}?run_id=${encodeURIComponent(braced)}`, {
      signal: AbortSignal.timeout(20_000),
    });
    const body = response.body!;
    expect(await take(streamEvents(body), wanted.length)).toEqual(asRead(wanted));
  });

  it("writes the engine's bytes: event and data lines, keep-alive comments, no id", async () => {
    const events = [
      makeEvent("run_created", {}, { seed: 1 }),
      makeEvent("log_line", { line: "naïve 🦀" }, { seed: 2 }),
    ];
    const { url } = await serve([file(events), "--port", "0", "--rate", "1000", "--keep-alive", "0.1"]);
    const response = await fetch(url, { signal: AbortSignal.timeout(20_000) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    const reader = response.body!.getReader();
    let text = "";
    const decoder = new TextDecoder();
    while ((text.match(/^:\n\n/gm) ?? []).length < 4)
      text += decoder.decode((await reader.read()).value, { stream: true });
    await reader.cancel();
    const frames = events.map((event) => `event: ${event.type}\ndata: ${toEngineJson(event)}\n\n`);
    // The events in order, with keep-alive comments anywhere between them, and nothing else.
    expect(text.replace(/^:\n\n/gm, "")).toBe(frames.join(""));
    expect(text).not.toMatch(/^id:/m);
    expect(text).not.toMatch(/^retry:/m);
  });

  it("answers 400 for a run_id that is no UUID, 404 off the stream's path, 405 to a POST", async () => {
    const { url } = await serve([file(RUN_A), "--port", "0"]);
    const bad = await fetch(`${url}?run_id=12345`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("run_id");
    expect((await fetch(url.replace("/api/v1/events", "/api/v1/runs"))).status).toBe(404);
    expect((await fetch(url, { method: "POST" })).status).toBe(405);
  });

  it("lets streamEvents ride over a restart: the new server's events follow", async () => {
    const port = await freePort();
    const first = await serve([file(RUN_A), "--port", String(port), "--rate", "500"]);
    const reconnects: number[] = [];
    const stream = streamEvents(first.url, {
      retry: { initialDelayMs: 50, maxDelayMs: 200 },
      onReconnect: ({ attempt }) => reconnects.push(attempt),
      signal: AbortSignal.timeout(30_000),
    })[Symbol.asyncIterator]();
    const got: Event[] = [];
    for (let i = 0; i < RUN_A.length; i++) got.push((await stream.next()).value as Event);
    expect(got).toEqual(asRead(RUN_A));
    await first.cli.stop();
    await serve([file(RUN_B), "--port", String(port), "--rate", "500"]);
    for (let i = 0; i < RUN_B.length; i++) got.push((await stream.next()).value as Event);
    await stream.return?.();
    expect(got).toEqual(asRead([...RUN_A, ...RUN_B]));
    expect(reconnects.length).toBeGreaterThan(0);
  });

  it("plays in real time from the events' at with --realtime, and again with --loop", async () => {
    const start = Date.parse("2026-11-25T22:24:21Z");
    const at = (ms: number) => new Date(start + ms).toISOString();
    const events = [0, 400, 800].map((ms, i) => makeEvent("log_line", { at: at(ms), line: `line ${i}` }, { seed: i }));
    const { url } = await serve([file(events), "--port", "0", "--realtime", "--loop"]);
    const times: number[] = [];
    const got: unknown[] = [];
    for await (const event of streamEvents(url, { signal: AbortSignal.timeout(20_000) })) {
      times.push(performance.now());
      if (got.push(event) === 4) break;
    }
    expect(got.slice(0, 3)).toEqual(asRead(events));
    expect(got[3]).toMatchObject({ type: "log_line", line: "line 0" }); // the files again (fresh IDs and times)
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(350);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(350);
    expect(times[2]! - times[0]!).toBeLessThan(2_000);
  });

  it("--generate plays valid, consistent runs from the testing kit; the same seed, the same runs", async () => {
    const runs: Event[][] = [];
    for (let i = 0; i < 2; i++) {
      const { url } = await serve(["--generate", "--seed", "7", "--port", "0", "--rate", "500"]);
      runs.push(await take(streamEvents(url, { signal: AbortSignal.timeout(20_000) }), 30));
    }
    for (const events of runs) {
      expect(events[0]!.type).toBe("run_created");
      for (const event of events) expect(parseEvent(toEngineJson(event), { strict: true })).toEqual(event);
      // Live times: the runs start now.
      expect(Math.abs(Date.parse(events[0]!.at) - Date.now())).toBeLessThan(60_000);
    }
    const content = (events: Event[]) =>
      events.map((event) => [
        event.type,
        "workflow_name" in event ? event.workflow_name : "",
        "line" in event ? event.line : "",
      ]);
    expect(content(runs[0]!)).toEqual(content(runs[1]!));
  });

  it("also posts each event to --webhook, signed with --secret, starting at once, side by side", async () => {
    const received: { body: string; signature: IncomingMessage["headers"][string] }[] = [];
    const receiver = createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      req.on("end", () => {
        received.push({ body, signature: req.headers["x-signature-256"] });
        res.writeHead(204).end();
      });
    });
    const { origin, close } = await listenLocally(receiver);
    cleanups.push(close);
    const hooks = `${origin}/hooks`;
    const { cli } = await serve([
      file(RUN_A),
      "--port",
      "0",
      "--rate",
      "500",
      "--webhook",
      hooks,
      "--secret",
      "s3cret",
    ]);
    const deadline = Date.now() + 20_000;
    while (received.length < RUN_A.length && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const verified = await Promise.all(received.map(({ body, signature }) => verifyWebhook(body, signature, "s3cret")));
    // Side by side, as the engine's deliveries: every event, in any order.
    expect(verified).toHaveLength(RUN_A.length);
    expect(verified).toEqual(expect.arrayContaining(asRead(RUN_A)));
    while (cli.stdout().split("\n").length < RUN_A.length + 2 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(cli.stdout()).toMatch(/\nwebhook {2}run_created {2}204 No Content\n/);
  });

  it("refuses bad arguments, invalid events and a port in use, with exit code 2", async () => {
    const bad = { ...makeEvent("run_created", {}, { seed: 1 }), run_id: "x" };
    const { dir, remove } = tempDir({ "bad.ndjson": `${JSON.stringify(bad)}\n` });
    cleanups.push(remove);
    const { url } = await serve([file(RUN_A), "--port", "0"]);
    const port = new URL(url).port;
    for (const [args, message] of [
      [[], "no events given"],
      [["--generate", "x.ndjson"], "give no paths with it"],
      [["--generate", "--rate", "5", "--realtime"], "exclude each other"],
      [["--generate", "--loop"], "--loop is for files"],
      [["--generate", "--secret", "s"], "give --webhook <url> too"],
      [["--generate", "--port", "70000"], "--port takes a whole number from 0 to 65535"],
      [[`${dir}/bad.ndjson`, "--port", "0"], "bad.ndjson:1: invalid event: /run_id"],
      [["--generate", "--port", port], `cannot listen on 127.0.0.1:${port}`],
    ] as const) {
      const cli = startCli(["serve", ...args]);
      expect(await cli.exited, args.join(" ")).toBe(2);
      expect(cli.stderr(), args.join(" ")).toContain(message);
    }
  });
});
