// `listen` against the fake engine (test/support/fake-engine.ts) and receivers on 127.0.0.1:
// each event forwarded as the engine's webhook posts it (its own bytes, signed), one line per
// delivery; the token, the filters, a reconnect that says what it lost, a receiver that hangs
// (events dropped, not piled up), an invalid event skipped, a stream the engine refuses.
import { createServer, type IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { verifyWebhook } from "../../../../src/index.js";
import { makeEvent, makeRun, toEngineJson } from "../../../../src/testing/index.js";
import { startCli, type CliProcess } from "../../../support/cli-process.js";
import { startFakeEngine, type FakeEngine } from "../../../support/fake-engine.js";
import { listenLocally } from "../../../support/local-server.js";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Received {
  body: string;
  headers: IncomingMessage["headers"];
  rawHeaders: string[];
}

/** A receiver answering `status` (or never, for "hang"). */
async function receiver(status: number | "hang" = 204) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ body: Buffer.concat(chunks).toString("utf8"), headers: req.headers, rawHeaders: req.rawHeaders });
      if (status !== "hang") res.writeHead(status).end();
    });
  });
  const local = await listenLocally(server);
  cleanups.push(local.close);
  return { url: `${local.origin}/hooks`, received };
}

async function engine(token?: string): Promise<FakeEngine> {
  const fake = await startFakeEngine({ token });
  cleanups.push(() => fake.close());
  return fake;
}

function listen(args: string[], env: NodeJS.ProcessEnv = {}): CliProcess {
  const cli = startCli(["listen", ...args], { env });
  cleanups.push(() => cli.stop());
  return cli;
}

async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const RUN = makeRun({ seed: 41, outcome: "completed" }).map(toEngineJson);
/** The largest duration the engine writes: a parse and a stringify in JavaScript would round it. */
const HUGE = `{"type":"run_failed","run_id":"0190f3a2-6c1e-7d3b-9a4f-2b8c1d0e5f67","workflow_name":"deploy","error":null,"cost_usd":0.42,"duration_ms":18446744073709551615,"at":"2026-11-25T22:24:21.123Z"}`;

describe("listen", () => {
  it("forwards each event as the engine's webhook: its bytes, signed, the engine's headers; one line each", async () => {
    const fake = await engine("irfl_t0k3n");
    const { url, received } = await receiver();
    const cli = listen([fake.url, "--forward-to", url], {
      IRONFLOW_TOKEN: "irfl_t0k3n",
      IRONFLOW_WEBHOOK_SECRET: "s3cret",
    });
    await until(() => cli.stderr().includes("listening to"), "the connection");
    for (const json of [...RUN, HUGE]) fake.publish(json);
    await until(() => received.length === RUN.length + 1, "every delivery");
    expect(new Set(received.map((r) => r.body))).toEqual(new Set([...RUN, HUGE])); // side by side: any order
    for (const request of received) {
      expect(await verifyWebhook(request.body, request.headers["x-signature-256"], "s3cret")).toBeTruthy();
      const names = request.rawHeaders.filter((_, i) => i % 2 === 0).sort();
      expect(names).toEqual(["accept", "content-length", "content-type", "host", "x-signature-256"]);
    }
    await until(() => cli.stdout().split("\n").length > RUN.length + 1, "the lines");
    expect(cli.stdout()).toMatch(/^run_created {2}[0-9a-f-]{36} {2}204 No Content$/m);
    expect(cli.stdout()).toMatch(/^run_failed {2}0190f3a2-6c1e-7d3b-9a4f-2b8c1d0e5f67 {2}204 No Content$/m);
    expect(await cli.stop()).toBe(0);
    expect(cli.stderr()).toContain(`${RUN.length + 1} of ${RUN.length + 1} events delivered`);
  });

  it("asks the engine for --types and --run-id, and reads any spelling of the run's UUID", async () => {
    const fake = await engine();
    const { url, received } = await receiver();
    const runId = JSON.parse(RUN[0]!).run_id as string;
    const cli = listen([
      `${fake.url}?x=1`,
      "--forward-to",
      url,
      "--types",
      "log_line, run_status_changed",
      "--run-id",
      `{${runId.toUpperCase()}}`,
    ]);
    await until(() => cli.stderr().includes("listening to"), "the connection");
    expect(fake.requests[0]).toBe(`/api/v1/events?x=1&types=log_line,run_status_changed&run_id=${runId}`);
    for (const json of RUN) fake.publish(json);
    const wanted = RUN.filter((json) => /"type":"(log_line|run_status_changed)"/.test(json));
    await until(() => received.length === wanted.length, "the deliveries");
    expect(new Set(received.map((r) => r.body))).toEqual(new Set(wanted));
  });

  it("reconnects as streamEvents does, and says that what the engine published meanwhile is lost", async () => {
    const fake = await engine();
    const { url, received } = await receiver();
    const cli = listen([fake.url, "--forward-to", url]);
    await until(() => cli.stderr().includes("listening to"), "the connection");
    fake.publish(RUN[0]!);
    await until(() => received.length === 1, "the first delivery");
    fake.dropConnections();
    fake.publish(RUN[1]!); // nobody is listening: gone, as with the engine
    await until(() => /reconnected after \d+\.\d s/.test(cli.stderr()), "the reconnection");
    expect(cli.stderr()).toMatch(
      /the stream is down \([^)]*\); reconnecting in \d+\.\d s \(attempt 1\); events published until it is back are lost/,
    );
    expect(cli.stderr()).toMatch(
      /whatever the engine published meanwhile is lost \(it writes no id:, ignores Last-Event-ID and replays nothing\)/,
    );
    fake.publish(RUN[2]!);
    await until(() => received.length === 2, "the delivery after the reconnect");
    expect(received.map((r) => r.body)).toEqual([RUN[0], RUN[2]]);
    expect(fake.requests.every((target) => target === "/api/v1/events")).toBe(true);
  });

  it("drops what a hanging receiver cannot take, says so, and exits 1", async () => {
    const fake = await engine();
    const { url } = await receiver("hang");
    const cli = listen([fake.url, "--forward-to", url]);
    await until(() => cli.stderr().includes("listening to"), "the connection");
    const events = Array.from({ length: 1100 }, (_, i) =>
      toEngineJson(makeEvent("log_line", { line: `#${i}` }, { seed: i })),
    );
    // In bursts the socket can take: one burst of 1100 would outrun the engine's channel of 256.
    for (let i = 0; i < events.length; i += 100) {
      for (const json of events.slice(i, i + 100)) fake.publish(json);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await until(
      () => /dropped, not delivered: 1000 deliveries already wait for the receiver/.test(cli.stdout()),
      "a drop",
    );
    expect(await cli.stop()).toBe(1);
    expect(cli.stderr()).toMatch(/0 of 1100 events delivered, 8 failed, 1092 dropped\n$/);
  });

  it("skips an event that is not valid, with a line that says why", async () => {
    const fake = await engine();
    const { url, received } = await receiver();
    const cli = listen([fake.url, "--forward-to", url]);
    await until(() => cli.stderr().includes("listening to"), "the connection");
    fake.publish('{"type":"run_created","run_id":"x","workflow_name":"w","at":"2026-11-25T22:24:21Z"}');
    fake.publish(RUN[0]!);
    await until(() => received.length === 1, "the valid event");
    expect(received[0]!.body).toBe(RUN[0]);
    expect(cli.stderr()).toMatch(
      /skipped an event \(run_created\) that is not valid: \/run_id: .*; its data: \{"type":"run_created","run_id":"x"/,
    );
  });

  it("stops with exit code 2 when the engine refuses the stream, and refuses bad arguments", async () => {
    const fake = await engine("irfl_t0k3n");
    const refused = listen([fake.url, "--forward-to", "http://127.0.0.1:9/hooks"], { IRONFLOW_TOKEN: "irfl_wrong" });
    expect(await refused.exited).toBe(2);
    expect(refused.stderr()).toMatch(/answered 401/);
    for (const [args, message] of [
      [[fake.url], "--forward-to <url> is required"],
      [[], "no stream given"],
      [[fake.url, fake.url, "--forward-to", "http://127.0.0.1:9/"], "one stream at a time"],
      [[fake.url, "--forward-to", "ftp://x"], "--forward-to must be an http:// or https:// URL"],
      [[fake.url, "--forward-to", "http://127.0.0.1:9/", "--types", "nope"], '"nope" is not one'],
      [[fake.url, "--forward-to", "http://127.0.0.1:9/", "--run-id", "12"], "--run-id takes a UUID"],
    ] as const) {
      const cli = listen([...args]);
      expect(await cli.exited, args.join(" ")).toBe(2);
      expect(cli.stderr(), args.join(" ")).toContain(message);
    }
  });
});
