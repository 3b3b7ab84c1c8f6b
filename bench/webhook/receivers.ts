// The receivers the webhook benchmark compares, each a node:http server on 127.0.0.1, run in a
// child process of their own (bench/webhook.ts measures that process's CPU clock):
// - "bare": what a developer writes with node:http and node:crypto alone: read the body under the
//   same size limit, createHmac over each secret, timingSafeEqual, JSON.parse, answer 204. No
//   validation of the event: the floor of a receiver that checks the signature at all.
// - "package": createWebhookHandler behind toNodeHandler, from the built package (dist/), with a
//   handler for every event type of the corpus that does nothing, so each request runs one.
// Each is started with 1 secret and with 4 (the matching one last). The parent sends `ports` and
// asks for `cpu` (process.cpuUsage) over IPC.
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";

export const MAX_SIZE = 1024 * 1024;
export const SECRET = "whsec_bench_current";
/** The secrets of the 4-secret receivers: the one that signs is last, so every one is tried. */
export const FOUR_SECRETS = ["whsec_bench_a", "whsec_bench_b", "whsec_bench_c", SECRET];

/**
 * `kind-secrets`, e.g. "bare-1", "package-4"; "webcrypto-1" is the package made to use Web Crypto
 * (as in a browser or an edge runtime without node:crypto), for the record: no target.
 */
export type ReceiverName = `${"bare" | "package" | "webcrypto"}-${1 | 4}`;
export const RECEIVERS: readonly ReceiverName[] = [
  "bare-1",
  "package-1",
  "bare-4",
  "package-4",
  "webcrypto-1",
  "webcrypto-4",
];

export function bare(secrets: readonly string[]): http.RequestListener {
  const keys = secrets.map((secret) => Buffer.from(secret, "utf8"));
  return (req, res) => {
    if (req.method !== "POST") return void res.writeHead(405, { Allow: "POST" }).end();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_SIZE) chunks.push(chunk);
    });
    req.on("end", () => {
      if (size > MAX_SIZE) return void res.writeHead(413, { Connection: "close" }).end();
      const body = Buffer.concat(chunks);
      const header = req.headers["x-signature-256"];
      const claimed =
        typeof header === "string" && header.startsWith("sha256=") ? Buffer.from(header.slice(7), "hex") : undefined;
      let matched = false;
      for (const key of keys) {
        const mac = createHmac("sha256", key).update(body).digest();
        if (claimed?.length === 32 && timingSafeEqual(mac, claimed)) matched = true;
      }
      if (!matched) return void res.writeHead(401).end();
      try {
        JSON.parse(body.toString("utf8"));
      } catch {
        return void res.writeHead(400).end();
      }
      res.writeHead(204).end();
    });
  };
}

async function packaged(
  secrets: readonly string[],
  types: readonly string[],
  webCrypto: boolean,
): Promise<http.RequestListener> {
  const entry = pathToFileURL(`${process.cwd()}/dist/webhook.js`).href;
  const { createWebhookHandler, toNodeHandler } = (await import(entry)) as typeof import("../../src/webhook/index.js");
  // Handlers that take the event alone, as the docs' examples do: no web Request is made for them.
  const on = Object.fromEntries(types.map((type) => [type, (_event: unknown) => {}]));
  // The way of computing the HMAC is chosen when the handler is made: without
  // process.getBuiltinModule then, it is Web Crypto's.
  const getBuiltinModule = process.getBuiltinModule;
  if (webCrypto) (process as { getBuiltinModule?: unknown }).getBuiltinModule = undefined;
  try {
    const secret = secrets.length === 1 ? secrets[0]! : secrets;
    return toNodeHandler(createWebhookHandler({ secret, on, maxSize: MAX_SIZE })) as http.RequestListener;
  } finally {
    process.getBuiltinModule = getBuiltinModule;
  }
}

async function listen(listener: http.RequestListener): Promise<number> {
  const server = http.createServer({ keepAliveTimeout: 60_000 }, listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** Run as the child: start every receiver, report the ports, answer `cpu` requests. */
async function child(): Promise<void> {
  const types = JSON.parse(process.env.BENCH_EVENT_TYPES ?? "[]") as string[];
  const ports: Partial<Record<ReceiverName, number>> = {};
  for (const name of RECEIVERS) {
    const secrets = name.endsWith("-1") ? [SECRET] : FOUR_SECRETS;
    ports[name] = await listen(
      name.startsWith("bare") ? bare(secrets) : await packaged(secrets, types, name.startsWith("webcrypto")),
    );
  }
  process.send!({ ports });
  process.on("message", (message: { cpu?: true }) => {
    if (!message.cpu) return;
    const { user, system } = process.cpuUsage();
    process.send!({ cpuMicros: user + system });
  });
  process.on("disconnect", () => process.exit(0));
}

if (process.env.BENCH_WEBHOOK_CHILD === "1") await child();
