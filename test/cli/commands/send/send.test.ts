// `send` against real receivers on 127.0.0.1: signed posts that verifyWebhook accepts, the
// engine's three attempts with a backoff, and events refused before anything is sent.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { parseEvent, verifyWebhook } from "../../../../src/index.js";
import { makeEvent, makeRun, toEngineJson } from "../../../../src/testing/index.js";
import { tempDir } from "../../../support/cli-harness.js";
import { startCli } from "../../../support/cli-process.js";
import { listenLocally } from "../../../support/local-server.js";

interface Received {
  body: string;
  headers: IncomingMessage["headers"];
  method: string | undefined;
  atMs: number;
}

/** A receiver answering request n (1 for the first) with `status(n)`. */
async function receiver(status: (n: number) => number = () => 200) {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({
        body: Buffer.concat(chunks).toString("utf8"),
        headers: req.headers,
        method: req.method,
        atMs: performance.now(),
      });
      res.writeHead(status(received.length)).end();
    });
  });
  const { origin, close } = await listenLocally(server);
  const url = `${origin}/hooks`;
  cleanups.push(close);
  return { url, received };
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function eventsFile(lines: string[]) {
  const { dir, remove } = tempDir({ "events.ndjson": `${lines.join("\n")}\n` });
  cleanups.push(remove);
  return `${dir}/events.ndjson`;
}

describe("send", () => {
  it("posts each event as the engine does, signed so that verifyWebhook accepts it", async () => {
    const { url, received } = await receiver();
    const lines = makeRun({ seed: 4, outcome: "completed" }).map(toEngineJson);
    const cli = startCli(["send", url, eventsFile(lines), "--secret", "s3cret"]);
    expect(await cli.exited).toBe(0);
    expect(received.map((r) => r.body)).toEqual(lines);
    for (const request of received) {
      expect(request.method).toBe("POST");
      expect(request.headers["content-type"]).toBe("application/json");
      // The event as the newest engine reads it (a default the kit's events leave out filled in).
      expect(await verifyWebhook(request.body, request.headers["x-signature-256"], "s3cret")).toEqual(
        parseEvent(request.body),
      );
    }
    const out = cli.stdout().trim().split("\n");
    expect(out).toHaveLength(lines.length);
    expect(out[0]).toMatch(/events\.ndjson:1 {2}run_created {2}200 OK$/);
    expect(cli.stderr()).toContain(`${lines.length} of ${lines.length} events delivered`);
  });

  it("sends unsigned requests without --secret, from standard input", async () => {
    const { url, received } = await receiver();
    const line = toEngineJson(makeEvent("user_signed_in", {}, { seed: 1 }));
    const cli = startCli(["send", url, "-"], { stdin: `${line}\n` });
    expect(await cli.exited).toBe(0);
    expect(received).toHaveLength(1);
    expect(received[0]!.body).toBe(line);
    expect(received[0]!.headers["x-signature-256"]).toBeUndefined();
    expect(cli.stdout()).toMatch(/^<stdin>:1 {2}user_signed_in {2}200 OK\n$/);
  });

  it("tries three times against a receiver that fails twice, waiting longer each time", async () => {
    const { url, received } = await receiver((n) => (n <= 2 ? 503 : 200));
    const cli = startCli([
      "send",
      url,
      eventsFile([toEngineJson(makeEvent("run_failed", {}, { seed: 2 }))]),
      "--retry-delay",
      "100",
    ]);
    expect(await cli.exited).toBe(0);
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
    const [first, second, third] = received.map((r) => r.atMs);
    expect(second! - first!).toBeGreaterThanOrEqual(90); // 100 ms
    expect(third! - second!).toBeGreaterThanOrEqual(190); // then 200 ms
    expect(cli.stdout()).toMatch(/run_failed {2}200 OK after 3 attempts\n$/);
  });

  it("gives up after the attempts asked for, says so, and exits 1", async () => {
    const { url, received } = await receiver(() => 500);
    const file = eventsFile([
      toEngineJson(makeEvent("run_created", {}, { seed: 1 })),
      toEngineJson(makeEvent("run_created", {}, { seed: 2 })),
    ]);
    const cli = startCli(["send", url, file, "--attempts", "2", "--retry-delay", "0"]);
    expect(await cli.exited).toBe(1);
    expect(received).toHaveLength(4);
    expect(cli.stdout()).toMatch(
      /run_created {2}500 Internal Server Error after 2 attempts\n.*500 Internal Server Error after 2 attempts\n$/,
    );
    expect(cli.stderr()).toContain("0 of 2 events delivered");
  });

  it("reports a receiver that does not answer", async () => {
    const { url } = await receiver();
    await cleanups.pop()!(); // closed: nothing listens there now
    const cli = startCli(["send", url, "-", "--attempts", "2", "--retry-delay", "0"], {
      stdin: toEngineJson(makeEvent("run_created", {}, { seed: 1 })),
    });
    expect(await cli.exited).toBe(1);
    expect(cli.stdout()).toMatch(/run_created {2}no answer after 2 attempts: connection refused\n$/);
  });

  it("refuses invalid events before sending anything, unless --no-validate", async () => {
    const { url, received } = await receiver();
    const bad = JSON.stringify({ ...makeEvent("log_line", {}, { seed: 1 }), stream: "stdin" });
    const file = eventsFile([toEngineJson(makeEvent("run_created", {}, { seed: 1 })), bad]);
    const refused = startCli(["send", url, file]);
    expect(await refused.exited).toBe(2);
    expect(received).toHaveLength(0);
    expect(refused.stderr()).toMatch(/events\.ndjson:2: invalid event: \/stream: .*--no-validate sends it anyway/);
    expect(refused.stderr()).toContain("nothing sent");
    const sent = startCli(["send", url, file, "--no-validate"]);
    expect(await sent.exited).toBe(0);
    expect(received.map((r) => r.body)).toEqual([toEngineJson(makeEvent("run_created", {}, { seed: 1 })), bad]);
  });

  it("sends only --types, prints without sending on --dry-run, and keeps to --rate", async () => {
    const { url, received } = await receiver();
    const lines = makeRun({ seed: 9, outcome: "failed" }).map(toEngineJson);
    const dry = startCli(["send", url, eventsFile(lines), "--dry-run", "--secret", "s"]);
    expect(await dry.exited).toBe(0);
    expect(received).toHaveLength(0);
    expect(dry.stdout().trim().split("\n")).toHaveLength(lines.length);
    expect(dry.stdout()).toMatch(/run_created {2}would POST \d+ bytes, signed\n/);

    const started = performance.now();
    const typed = startCli([
      "send",
      url,
      eventsFile(lines),
      "--types",
      "run_status_changed,run_failed",
      "--rate",
      "10",
    ]);
    expect(await typed.exited).toBe(0);
    const types = received.map((r) => JSON.parse(r.body).type);
    expect(types).toEqual(
      lines.map((line) => JSON.parse(line).type).filter((t) => t === "run_status_changed" || t === "run_failed"),
    );
    // n events at 10 per second take (n - 1) / 10 s; the first request's connection setup may
    // eat into the first interval, so one interval is left as slack.
    expect(types.length).toBeGreaterThanOrEqual(3);
    expect(received.at(-1)!.atMs - received[0]!.atMs).toBeGreaterThanOrEqual((types.length - 2) * 100);
    expect(performance.now() - started).toBeGreaterThanOrEqual((types.length - 1) * 100);
    expect(typed.stderr()).toMatch(/left out by --types/);
  });

  it("refuses bad arguments with exit code 2 and a pointer to its help", async () => {
    for (const [args, message] of [
      [["send"], "no URL given"],
      [["send", "ftp://x", "-"], "must be an http:// or https:// URL"],
      [["send", "http://127.0.0.1:9/"], "no events given"],
      [["send", "http://127.0.0.1:9/", "-", "--attempts", "0"], "--attempts takes a whole number from 1 to 10"],
      [["send", "http://127.0.0.1:9/", "-", "--types", "run_paused"], '"run_paused" is not one'],
      [["send", "http://127.0.0.1:9/", "-", "--rate", "fast"], "--rate takes a number"],
    ] as const) {
      const cli = startCli([...args]);
      expect(await cli.exited, args.join(" ")).toBe(2);
      expect(cli.stderr()).toContain(message);
      expect(cli.stderr()).toContain('Run "ironflow-events send --help"');
    }
  });
});
