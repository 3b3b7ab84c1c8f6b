// npm run bench:webhook [-- --quick] — the webhook receiver's throughput next to a bare one.
//
// The receivers (bench/webhook/receivers.ts) run in one child process: a bare node:http +
// createHmac receiver and the package's createWebhookHandler behind toNodeHandler, each with 1
// secret and with 4 (the matching one last). This process is the load generator: node:http
// requests on 127.0.0.1 through a keep-alive Agent (CONCURRENCY sockets, each with one request
// in flight), every request a signed engine event. The figure is requests per second of the
// receivers' CPU clock (process.cpuUsage of the child, read before and after each block): on a
// 2-core machine shared with other jobs the CPU clock moves far less than the wall clock, and
// the load generator's own work is not counted. Blocks are interleaved (each round runs every
// receiver once, rotating who goes first) and the ratios are taken round by round, then the
// median; the load average is printed beside each round. Wall-clock requests per second are
// printed too. Target: the package at >= 0.6x the bare receiver with 1 secret, and >= 0.5x
// with 4 secrets (against the bare receiver with 1 secret, the stricter comparison; against the
// bare one with 4 secrets too). The package forced onto Web Crypto (what a browser or an edge
// runtime without node:crypto runs) is measured for the record. Writes bench/data/webhook.json.
import { fork, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { isShortLine } from "./corpus.js";
import { median } from "./measure.js";
import { RECEIVERS, SECRET, type ReceiverName } from "./webhook/receivers.js";
import { engineEventLines } from "../test/support/vectors.js";

const quick = process.argv.includes("--quick");
const ROUNDS = quick ? 3 : 9;
const REQUESTS = quick ? 3_000 : 8_000;
const CONCURRENCY = 8;
const TARGETS = { oneSecret: 0.6, fourSecrets: 0.5 };
const root = fileURLToPath(new URL("..", import.meta.url));

interface Block {
  receiver: ReceiverName;
  round: number;
  cpuMicros: number;
  wallMs: number;
  load1: number;
}

/** The engine's events under 1.5 KB, each with its signature: what the engine sends. */
function corpus(): { body: Buffer; signature: string; type: string }[] {
  return engineEventLines()
    .filter(isShortLine)
    .map((line) => {
      const body = Buffer.from(line, "utf8");
      const signature = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
      return { body, signature, type: (JSON.parse(line) as { type: string }).type };
    });
}

function startReceivers(types: string[]): Promise<{ child: ChildProcess; ports: Record<ReceiverName, number> }> {
  const child = fork(`${root}bench/webhook/receivers.ts`, [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, BENCH_WEBHOOK_CHILD: "1", BENCH_EVENT_TYPES: JSON.stringify(types) },
    cwd: root,
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the receivers' process exited (${code})`)));
    child.once("message", (message: { ports: Record<ReceiverName, number> }) =>
      resolve({ child, ports: message.ports }),
    );
  });
}

function childCpu(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once("message", (message: { cpuMicros: number }) => resolve(message.cpuMicros));
    child.send({ cpu: true });
  });
}

/** Sends `count` requests, CONCURRENCY at a time; throws on any status but 204. */
async function load(port: number, agent: http.Agent, bodies: ReturnType<typeof corpus>, count: number): Promise<void> {
  let next = 0;
  const one = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const { body, signature } = bodies[i % bodies.length]!;
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          path: "/webhooks/ironflow",
          method: "POST",
          agent,
          headers: {
            "Content-Type": "application/json",
            "Content-Length": body.length,
            "X-Signature-256": signature,
          },
        },
        (res) => {
          res.resume();
          res.on("end", () =>
            res.statusCode === 204 ? resolve() : reject(new Error(`port ${port}: status ${res.statusCode}`)),
          );
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await one(next++);
    }),
  );
}

async function main(): Promise<void> {
  if (!existsSync(`${root}dist/webhook.js`)) throw new Error("dist/webhook.js is missing: run `npm run build` first");
  const bodies = corpus();
  const { child, ports } = await startReceivers([...new Set(bodies.map((b) => b.type))]);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const blocks: Block[] = [];
  try {
    // A first pass over every receiver warms the JIT and opens the sockets; it is not counted.
    for (const receiver of RECEIVERS) await load(ports[receiver], agent, bodies, REQUESTS / 4);
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < RECEIVERS.length; k++) {
        const receiver = RECEIVERS[(k + round) % RECEIVERS.length]!;
        const cpu0 = await childCpu(child);
        const t0 = performance.now();
        await load(ports[receiver], agent, bodies, REQUESTS);
        const wallMs = performance.now() - t0;
        const cpuMicros = (await childCpu(child)) - cpu0;
        blocks.push({ receiver, round, cpuMicros, wallMs, load1: loadavg()[0]! });
      }
      const row = blocks.filter((b) => b.round === round);
      const perCpu = (name: ReceiverName) => REQUESTS / (row.find((b) => b.receiver === name)!.cpuMicros / 1e6);
      console.log(
        `round ${round + 1}/${ROUNDS}: ` +
          RECEIVERS.map((name) => `${name} ${perCpu(name).toFixed(0)}/cpu-s`).join(", ") +
          `; load average ${loadavg()
            .map((l) => l.toFixed(2))
            .join(" ")}`,
      );
    }
  } finally {
    agent.destroy();
    child.disconnect();
  }

  const perCpuSecond = (b: Block) => REQUESTS / (b.cpuMicros / 1e6);
  const ratioOf = (a: ReceiverName, b: ReceiverName) =>
    median(
      Array.from({ length: ROUNDS }, (_, round) => {
        const of = (name: ReceiverName) => blocks.find((x) => x.round === round && x.receiver === name)!;
        return perCpuSecond(of(a)) / perCpuSecond(of(b));
      }),
    );
  const summary = Object.fromEntries(
    RECEIVERS.map((name) => {
      const mine = blocks.filter((b) => b.receiver === name);
      return [
        name,
        {
          requestsPerCpuSecond: Math.round(median(mine.map(perCpuSecond))),
          requestsPerWallSecond: Math.round(median(mine.map((b) => REQUESTS / (b.wallMs / 1000)))),
          cpuMicrosPerRequest: Number(median(mine.map((b) => b.cpuMicros / REQUESTS)).toFixed(1)),
        },
      ];
    }),
  );
  const ratios = {
    oneSecret: ratioOf("package-1", "bare-1"),
    fourSecrets: ratioOf("package-4", "bare-1"),
    fourSecretsVsBareFour: ratioOf("package-4", "bare-4"),
    webCryptoOneSecret: ratioOf("webcrypto-1", "bare-1"),
    webCryptoFourSecrets: ratioOf("webcrypto-4", "bare-1"),
  };
  const loads = blocks.map((b) => b.load1);
  console.log("\nreceiver      req/CPU-s   req/s (wall)   CPU µs/req");
  for (const [name, s] of Object.entries(summary))
    console.log(
      `${name.padEnd(12)} ${String(s.requestsPerCpuSecond).padStart(10)} ${String(s.requestsPerWallSecond).padStart(14)} ${String(s.cpuMicrosPerRequest).padStart(12)}`,
    );
  console.log(
    `\npackage, 1 secret:  ${ratios.oneSecret.toFixed(2)}x the bare receiver (target >= ${TARGETS.oneSecret})` +
      `\npackage, 4 secrets: ${ratios.fourSecrets.toFixed(2)}x the bare receiver with 1 secret (target >= ${TARGETS.fourSecrets}),` +
      ` ${ratios.fourSecretsVsBareFour.toFixed(2)}x the bare one with 4` +
      `\npackage with Web Crypto (no target), 1 secret: ${ratios.webCryptoOneSecret.toFixed(2)}x the bare receiver, 4 secrets: ${ratios.webCryptoFourSecrets.toFixed(2)}x` +
      `\nload average (1 min) over the blocks: ${Math.min(...loads).toFixed(2)} to ${Math.max(...loads).toFixed(2)}` +
      `; ${ROUNDS} rounds of ${REQUESTS} requests per receiver, ${CONCURRENCY} keep-alive connections, Node ${process.version}`,
  );
  mkdirSync(`${root}bench/data`, { recursive: true });
  writeFileSync(
    `${root}bench/data/webhook.json`,
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rounds: ROUNDS, requests: REQUESTS, concurrency: CONCURRENCY, summary, ratios, blocks }, null, 2)}\n`,
  );
  const missed = ratios.oneSecret < TARGETS.oneSecret || ratios.fourSecrets < TARGETS.fourSecrets;
  console.log(missed ? "\ntarget missed" : "\ntargets met");
  process.exitCode = missed ? 1 : 0;
}

await main();
