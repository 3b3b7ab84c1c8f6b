// `send` as the engine delivers (DESIGN.md, "Delivery, as the engine does it"), against
// receivers on 127.0.0.1: the engine's numbers as defaults, its client's headers and nothing
// else, redirects as reqwest follows them (and said so), a huge reply left unread, standard
// output closed early, and the secret from the environment or a file.
import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { readCommandLine } from "../../../../src/cli/arguments.js";
import { send } from "../../../../src/cli/commands/send/index.js";
import { verifyWebhook } from "../../../../src/index.js";
import { makeRun, toEngineJson } from "../../../../src/testing/index.js";
import { CLI, ensureBuilt, NO_SECRETS, ROOT, tempDir } from "../../../support/cli-harness.js";
import { startCli } from "../../../support/cli-process.js";
import { listenLocally } from "../../../support/local-server.js";

interface Seen {
  method: string;
  url: string;
  rawHeaders: string[];
  headers: IncomingMessage["headers"];
  body: string;
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A receiver whose `answer` decides each response; every request is recorded, its body read. */
async function receiver(
  answer: (seen: Seen, res: ServerResponse, n: number) => void = (_, res) => res.writeHead(204).end(),
) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const one = {
        method: req.method ?? "",
        url: req.url ?? "",
        rawHeaders: req.rawHeaders,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      seen.push(one);
      answer(one, res, seen.length);
    });
  });
  const local = await listenLocally(server);
  cleanups.push(local.close);
  return { origin: local.origin, seen };
}

function eventsFile(lines: string[]): string {
  const { dir, remove } = tempDir({ "events.ndjson": `${lines.join("\n")}\n` });
  cleanups.push(remove);
  return `${dir}/events.ndjson`;
}

const RUN = makeRun({ seed: 11, outcome: "completed" }).map(toEngineJson);

describe("send delivers as the engine does", () => {
  it("by default: 3 tries, waits of 0.5 s then 1 s, 5 s per try", () => {
    expect(readCommandLine(send, ["http://127.0.0.1:9/", "-"])).toMatchObject({
      attempts: 3,
      retryDelayMs: 500,
      timeoutMs: 5000,
    });
  });

  it("waits 0.5 s, then 1 s, between its tries against a receiver that fails twice", async () => {
    const { origin, seen } = await receiver((_, res, n) => res.writeHead(n <= 2 ? 404 : 200).end());
    const times: number[] = [];
    const original = seen.push.bind(seen);
    seen.push = (...items) => (times.push(performance.now()), original(...items));
    const cli = startCli(["send", `${origin}/hooks`, eventsFile([RUN[0]!])]);
    expect(await cli.exited).toBe(0);
    expect(seen).toHaveLength(3); // a 404 is tried again, as any status but 2xx
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(450);
    expect(times[1]! - times[0]!).toBeLessThan(900);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(950);
    expect(cli.stdout()).toMatch(/run_created {2}200 OK after 3 attempts\n$/);
  });

  it("gives up on a try that takes longer than --timeout, and says so", async () => {
    const { origin } = await receiver(() => {}); // never answers
    const cli = startCli([
      "send",
      `${origin}/hooks`,
      eventsFile([RUN[0]!]),
      "--timeout",
      "0.3",
      "--attempts",
      "2",
      "--retry-delay",
      "0",
    ]);
    expect(await cli.exited).toBe(1);
    expect(cli.stdout()).toMatch(/run_created {2}no answer after 2 attempts: timed out after 0\.3 s\n$/);
  });

  it("sends the headers of the engine's client and no others, names in lower case", async () => {
    const { origin, seen } = await receiver();
    const cli = startCli(["send", `${origin}/hooks`, eventsFile([RUN[0]!]), "--secret", "s3cret"]);
    expect(await cli.exited).toBe(0);
    const names = seen[0]!.rawHeaders.filter((_, i) => i % 2 === 0);
    expect([...names].sort()).toEqual(["accept", "content-length", "content-type", "host", "x-signature-256"]);
    expect(seen[0]!.headers).toMatchObject({ accept: "*/*", "content-type": "application/json" });
    expect(seen[0]!.body).toBe(RUN[0]);
  });

  it("follows a 302 as reqwest does: a GET without a body, the signature kept, a Referer; and says so", async () => {
    const { origin, seen } = await receiver((one, res) =>
      one.url === "/hooks" ? res.writeHead(302, { location: "/moved" }).end() : res.writeHead(200).end(),
    );
    const cli = startCli(["send", `${origin}/hooks`, eventsFile([RUN[0]!]), "--secret", "s3cret"]);
    expect(await cli.exited).toBe(0);
    expect(seen.map((one) => `${one.method} ${one.url}`)).toEqual(["POST /hooks", "GET /moved"]);
    const moved = seen[1]!;
    expect(moved.body).toBe("");
    expect(moved.headers["content-type"]).toBeUndefined();
    expect(moved.headers["x-signature-256"]).toBe(seen[0]!.headers["x-signature-256"]);
    expect(moved.headers.referer).toBe(`${origin}/hooks`);
    expect(cli.stdout()).toBe(
      `${cli.stdout().split("  ")[0]}  run_created  200 OK; redirected (302 to ${origin}/moved): the receiver there got a GET without a body (the engine's client turns the POST into one after a 301, 302 or 303), so the event was not received\n`,
    );
    expect(cli.stderr()).toContain("1 of 1 event delivered; 1 of them only as a GET without a body, after a redirect");
  });

  it("repeats the POST with its body after a 307 and a 308", async () => {
    const { origin, seen } = await receiver((one, res) =>
      one.url === "/a"
        ? res.writeHead(307, { location: "/b" }).end()
        : one.url === "/b"
          ? res.writeHead(308, { location: `${origin}/c` }).end()
          : res.writeHead(201).end(),
    );
    const cli = startCli(["send", `${origin}/a`, eventsFile([RUN[1]!])]);
    expect(await cli.exited).toBe(0);
    expect(seen.map((one) => [one.method, one.url, one.body])).toEqual([
      ["POST", "/a", RUN[1]],
      ["POST", "/b", RUN[1]],
      ["POST", "/c", RUN[1]],
    ]);
    expect(seen[2]!.headers["content-type"]).toBe("application/json");
    expect(cli.stdout()).toMatch(
      /201 Created; redirected \(307 to http:\/\/127\.0\.0\.1:\d+\/b, then 308 to http:\/\/127\.0\.0\.1:\d+\/c\): the receiver there got the POST again, with its body\n$/,
    );
  });

  it("follows 10 redirects and fails on the 11th, as reqwest's default policy", async () => {
    const { origin, seen } = await receiver((one, res) => {
      const n = Number(one.url.slice(1));
      res.writeHead(307, { location: `/${n + 1}` }).end();
    });
    const cli = startCli(["send", `${origin}/0`, eventsFile([RUN[0]!]), "--attempts", "1"]);
    expect(await cli.exited).toBe(1);
    expect(seen).toHaveLength(11);
    expect(cli.stdout()).toMatch(
      /no answer: too many redirects \(the engine's client follows 10\); redirected \(307 to/,
    );
  });

  it("leaves a huge reply unread: the connection is closed after the status line", async () => {
    let written = 0;
    let closed!: () => void;
    const done = new Promise<void>((resolve) => (closed = resolve));
    const { origin } = await receiver((_, res) => {
      const chunk = Buffer.alloc(1024 * 1024, 0x61);
      res.writeHead(200, { "content-length": String(600 * 1024 * 1024) });
      const pump = () => {
        while (written < 600 * 1024 * 1024 && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
      };
      res.once("close", closed);
      pump();
    });
    const cli = startCli(["send", `${origin}/hooks`, eventsFile([RUN[0]!])]);
    expect(await cli.exited).toBe(0);
    await done;
    expect(cli.stdout()).toMatch(/200 OK\n$/);
    expect(written).toBeLessThan(64 * 1024 * 1024); // the socket buffers, not the 600 MB
  });

  it("piped into head -1, prints one line and still delivers every event, exit code 0", async () => {
    const { origin, seen } = await receiver();
    ensureBuilt();
    const lines = [...RUN, ...RUN, ...RUN].slice(0, 30);
    const file = eventsFile(lines);
    const shell = spawn(
      "bash",
      [
        "-c",
        `"${process.execPath}" "${CLI}" send "${origin}/hooks" "${file}" | head -1; echo "exit \${PIPESTATUS[0]}" >&2`,
      ],
      { cwd: ROOT, env: { ...process.env, ...NO_SECRETS }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    shell.stdout.on("data", (chunk: Buffer) => (out += chunk));
    shell.stderr.on("data", (chunk: Buffer) => (err += chunk));
    await new Promise((resolve) => shell.on("close", resolve));
    expect(out.split("\n").filter(Boolean)).toHaveLength(1);
    expect(seen).toHaveLength(30);
    expect(err).toContain("30 of 30 events delivered");
    expect(err).not.toMatch(/EPIPE|Error/);
    expect(err).toMatch(/exit 0\n$/);
  });
});

describe("send's secret", () => {
  it("comes from IRONFLOW_WEBHOOK_SECRET, or from --secret-file, without the command line", async () => {
    const { origin, seen } = await receiver();
    const file = eventsFile([RUN[0]!]);
    const fromEnv = startCli(["send", `${origin}/hooks`, file], { env: { IRONFLOW_WEBHOOK_SECRET: "from-env" } });
    expect(await fromEnv.exited).toBe(0);
    const { dir, remove } = tempDir({ "secret.txt": "from-file\n" });
    cleanups.push(remove);
    const fromFile = startCli(["send", `${origin}/hooks`, file, "--secret-file", `${dir}/secret.txt`], {
      env: { IRONFLOW_WEBHOOK_SECRET: "not-this-one" },
    });
    expect(await fromFile.exited).toBe(0);
    expect(await verifyWebhook(seen[0]!.body, seen[0]!.headers["x-signature-256"], "from-env")).toBeTruthy();
    expect(await verifyWebhook(seen[1]!.body, seen[1]!.headers["x-signature-256"], "from-file")).toBeTruthy();
  });

  it("refuses both flags at once, an empty variable, and a file that cannot be one", async () => {
    const { dir, remove } = tempDir({ "empty.txt": "", "big.txt": "x".repeat(70_000), "ok.txt": "s3cret\r\n" });
    cleanups.push(remove);
    for (const [args, env, message] of [
      [["--secret", "a", "--secret-file", `${dir}/ok.txt`], {}, "--secret and --secret-file exclude each other"],
      [["--secret-file", `${dir}/big.txt`], {}, "over 64 KiB"],
      [["--secret-file", `${dir}/empty.txt`], {}, "the file is empty"],
      [["--secret-file", `${dir}/missing.txt`], {}, "missing.txt: no such file or directory"],
      [[], { IRONFLOW_WEBHOOK_SECRET: "" }, "IRONFLOW_WEBHOOK_SECRET is set but empty"],
    ] as const) {
      const cli = startCli(["send", "http://127.0.0.1:9/", "-", ...args], { env });
      expect(await cli.exited, args.join(" ")).toBe(2);
      expect(cli.stderr(), args.join(" ")).toContain(message);
    }
  });
});
