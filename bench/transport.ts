// npm run bench:transport — the memory of `serve` and `send` against peers that misbehave.
//
// 1. serve --generate --rate 10000, 10 s, with 8 clients that connect and never read, against
//    the same with 8 clients that read: the growth of serve's RSS over its RSS before any client
//    (target: under 150 MB), and what is left once the clients have gone. A ninth client reads
//    in both, to count the events actually streamed.
// 2. send of 10 events to a receiver that answers 200 with a 600 MB body, against one that
//    answers 200 with none: send's peak RSS (target: under 200 MB).
// 3. send of a 300 MB input: ordinary events (--dry-run: a million deliveries would measure the
//    network, and the reading is the same), and 256 KB events delivered for real to a receiver
//    answering 204; `validate --jobs 1` of the same file as the baseline: peak RSS (target: under
//    200 MB).
//
// Each figure is a child process's peak RSS (process.resourceUsage().maxRSS, printed at exit by
// a preloaded module) or, for serve while it runs, its VmRSS from /proc, sampled every 100 ms.
// The two sides of each comparison run in turns, block after block, with the load average
// beside each figure (a shared machine's other work shows there). CPU time (user + system) is
// the child's own clock. The inputs are generated once into bench/data/ (gitignored).
// Options: --blocks N (default 2), --seconds N (serve's run, default 10), --only serve|send.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { makeEvent, makeRun, toEngineJson } from "../src/testing/index.js";

const { values } = parseArgs({
  options: { blocks: { type: "string" }, seconds: { type: "string" }, only: { type: "string" } },
});
const ONLY = values.only; // "serve" or "send": one part alone
const BLOCKS = Number(values.blocks ?? 2);
const SERVE_SECONDS = Number(values.seconds ?? 10);
const CLI = "dist/cli.js";
const DATA = "bench/data";
const MB = 1024 * 1024;
const INPUT_BYTES = 300 * MB;
const ORDINARY = join(DATA, "send-ordinary-300mb.ndjson");
const LARGE = join(DATA, "send-large-300mb.ndjson");
const REPLY_BYTES = 600 * MB;

/** Prints the child's peak RSS and CPU time on stderr as it exits, whatever the exit path. */
const PRELOAD =
  'data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write("\\nbench:maxrss_kb="+u.maxRSS+" cpu_us="+(u.userCPUTime+u.systemCPUTime)+"\\n")})';

interface Exited {
  code: number | null;
  peakRss: number;
  cpuMs: number;
  stderr: string;
}

/** `node dist/cli.js <args>` with the preload; stdout goes nowhere unless `onStdout`. */
function cli(args: string[], onStdout?: (text: string) => void): { child: ChildProcess; exited: Promise<Exited> } {
  const child = spawn(process.execPath, ["--import", PRELOAD, CLI, ...args], {
    stdio: ["ignore", onStdout === undefined ? "ignore" : "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", IRONFLOW_WEBHOOK_SECRET: undefined, IRONFLOW_SERVE_TOKEN: undefined },
  });
  child.stdout?.setEncoding("utf8").on("data", (text: string) => onStdout!(text));
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  const exited = new Promise<Exited>((resolve) =>
    child.on("exit", (code) => {
      const match = /bench:maxrss_kb=(\d+) cpu_us=(\d+)/.exec(stderr);
      if (match === null) throw new Error(`no figures from ${args.join(" ")}:\n${stderr.slice(-2000)}`);
      resolve({ code, peakRss: Number(match[1]) * 1024, cpuMs: Number(match[2]) / 1000, stderr });
    }),
  );
  return { child, exited };
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

const load = () => loadavg()[0]!.toFixed(1);
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function listen(handler: (res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => handler(res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks` };
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

// 1. serve and stalled clients ------------------------------------------------------------

interface ServeFigures {
  before: number;
  peak: number;
  after: number;
  events: number;
  load: string;
}

async function serveRun(stalled: boolean): Promise<ServeFigures> {
  let firstLine!: (url: string) => void;
  const urlReady = new Promise<string>((resolve) => (firstLine = resolve));
  let out = "";
  const run = cli(["serve", "--generate", "--rate", "10000", "--port", "0"], (text) => {
    out += text;
    const end = out.indexOf("\n");
    if (end !== -1) firstLine(out.slice(0, end));
  });
  const url = new URL(await urlReady);
  await sleep(500);
  const before = rssOf(run.child.pid!);
  const open = (read: boolean, count?: (n: number) => void): Socket => {
    const socket = connect(Number(url.port), url.hostname);
    socket.write(`GET ${url.pathname} HTTP/1.1\r\nHost: bench\r\n\r\n`);
    socket.on("error", () => {});
    if (!read) socket.pause();
    else
      socket.setEncoding("latin1").on("data", (chunk: string) => {
        let n = 0;
        for (let i = chunk.indexOf("\nevent: "); i !== -1; i = chunk.indexOf("\nevent: ", i + 1)) n++;
        count?.(n);
      });
    return socket;
  };
  let events = 0;
  const sockets = [open(true, (n) => (events += n)), ...Array.from({ length: 8 }, () => open(!stalled))];
  let peak = before;
  const end = performance.now() + SERVE_SECONDS * 1000;
  while (performance.now() < end) {
    await sleep(100);
    peak = Math.max(peak, rssOf(run.child.pid!));
  }
  const figures = { before, peak, events, load: load() };
  for (const socket of sockets) socket.destroy();
  await sleep(1500);
  const after = rssOf(run.child.pid!);
  run.child.kill("SIGTERM");
  const exited = await run.exited;
  return { ...figures, peak: Math.max(peak, exited.peakRss), after };
}

// 2 and 3. send ---------------------------------------------------------------------------

async function sendRun(args: string[], reply: "600mb" | "empty" | "204"): Promise<Exited & { load: string }> {
  const { server, url } = await listen((res) => {
    if (reply === "204") return void res.writeHead(204).end();
    if (reply === "empty") return void res.writeHead(200, { "content-length": "0" }).end();
    const chunk = Buffer.alloc(MB, 0x61);
    let written = 0;
    res.writeHead(200, { "content-length": String(REPLY_BYTES) });
    const pump = () => {
      while (written < REPLY_BYTES && !res.destroyed) {
        written += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      if (written >= REPLY_BYTES) res.end();
    };
    pump();
  });
  const run = cli(["send", url, ...args]);
  const exited = await run.exited;
  const figures = { ...exited, load: load() };
  await close(server);
  if (exited.code !== 0) throw new Error(`send exited ${exited.code}:\n${exited.stderr.slice(-2000)}`);
  return figures;
}

async function validateRun(file: string): Promise<Exited & { load: string }> {
  const run = cli(["validate", "--quiet", "--jobs", "1", file]);
  const exited = await run.exited;
  if (exited.code !== 0) throw new Error(`validate exited ${exited.code}:\n${exited.stderr.slice(-2000)}`);
  return { ...exited, load: load() };
}

function generate(path: string, lines: () => string[]): void {
  if (existsSync(path) && statSync(path).size >= INPUT_BYTES) return;
  console.log(`generating ${path} (${INPUT_BYTES / MB} MB)…`);
  const fd = openSync(path, "w");
  let written = 0;
  while (written < INPUT_BYTES) written += writeSync(fd, `${lines().join("\n")}\n`);
  closeSync(fd);
}

// ------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  mkdirSync(DATA, { recursive: true });
  const build = spawnSync("node_modules/.bin/tsup", [], { stdio: "ignore" });
  if (build.status !== 0) throw new Error("npx tsup failed");
  let seed = 0;
  generate(ORDINARY, () => Array.from({ length: 200 }, () => makeRun({ seed: seed++ }).map(toEngineJson)).flat());
  generate(LARGE, () =>
    Array.from({ length: 20 }, (_, i) =>
      toEngineJson(makeEvent("log_line", { line: `${i} ${"x".repeat(256 * 1024)}` }, { seed: seed++ })),
    ),
  );
  const events10 = join(DATA, "send-10-events.ndjson");
  if (!existsSync(events10)) {
    const fd = openSync(events10, "w");
    writeSync(fd, `${makeRun({ seed: 1, outcome: "completed" }).slice(0, 10).map(toEngineJson).join("\n")}\n`);
    closeSync(fd);
  }
  console.log(`node ${process.version}, ${BLOCKS} blocks, load average now ${load()}\n`);

  if (ONLY !== "send") await serveBench();
  if (ONLY !== "serve") await sendBench(events10);
}

async function serveBench(): Promise<void> {
  console.log(`## serve --generate --rate 10000, ${SERVE_SECONDS} s, 8 clients\n`);
  console.log(
    "| block | clients | RSS before | peak RSS | growth | RSS 1.5 s after they left | events streamed | load |",
  );
  console.log("|---:|---|---:|---:|---:|---:|---:|---:|");
  const growth: number[] = [];
  for (let block = 1; block <= BLOCKS; block++)
    for (const stalled of [true, false]) {
      const f = await serveRun(stalled);
      if (stalled) growth.push(f.peak - f.before);
      console.log(
        `| ${block} | ${stalled ? "stalled" : "reading"} | ${mb(f.before)} | ${mb(f.peak)} | ${mb(f.peak - f.before)} | ${mb(f.after)} | ${f.events.toLocaleString("en-US")} | ${f.load} |`,
      );
    }
  const worstGrowth = Math.max(...growth);
  console.log(
    `\nserve, 8 stalled clients: RSS growth at most ${mb(worstGrowth)} (target < 150 MB): ${worstGrowth < 150 * MB ? "met" : "MISSED"}\n`,
  );
}

async function sendBench(events10: string): Promise<void> {
  console.log("## send: peak RSS\n");
  console.log("| block | run | peak RSS | CPU | load |");
  console.log("|---:|---|---:|---:|---:|");
  const peaks: Record<string, number> = {};
  const row = (block: number, name: string, f: Exited & { load: string }) => {
    peaks[name] = Math.max(peaks[name] ?? 0, f.peakRss);
    console.log(`| ${block} | ${name} | ${mb(f.peakRss)} | ${(f.cpuMs / 1000).toFixed(1)} s | ${f.load} |`);
  };
  for (let block = 1; block <= BLOCKS; block++) {
    row(block, "send, 10 events, replies of 600 MB", await sendRun([events10], "600mb"));
    row(block, "send, 10 events, empty replies (baseline)", await sendRun([events10], "empty"));
    row(block, "send --dry-run, 300 MB of ordinary events", await sendRun([ORDINARY, "--dry-run"], "204"));
    row(block, "validate --jobs 1, the ordinary events (baseline)", await validateRun(ORDINARY));
    row(block, "send, 300 MB of 256 KB events, delivered", await sendRun([LARGE], "204"));
    row(block, "validate --jobs 1, the 256 KB events (baseline)", await validateRun(LARGE));
  }
  const verdict = (name: string) =>
    `${name}: ${mb(peaks[name]!)} (target < 200 MB): ${peaks[name]! < 200 * MB ? "met" : "MISSED"}`;
  console.log("");
  for (const name of [
    "send, 10 events, replies of 600 MB",
    "send --dry-run, 300 MB of ordinary events",
    "send, 300 MB of 256 KB events, delivered",
  ])
    console.log(verdict(name));
}

await main();
