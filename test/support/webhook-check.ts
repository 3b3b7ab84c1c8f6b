// One portable check of createWebhookHandler: every status it promises, from requests built with
// web-standard APIs only (Request, Response, ReadableStream, Web Crypto), so the same function runs
// in Node, Bun, Deno and workerd. It takes the package's createWebhookHandler as an argument
// (from src/ or from the built package) and `mount`, which decides how requests reach the
// handler: called directly by default, or through a server (node:http, Bun.serve, Deno.serve).
// It returns what went wrong, one line per failure; an empty list means the handler is right.
import { WIRE_RUN_FAILED } from "./sample-events.js";

/** The part of the package's createWebhookHandler the check uses (kept structural: any build fits). */
export type CreateWebhookHandler = (options: {
  secret: string | readonly string[];
  on: Record<string, (event: never, request: Request) => unknown>;
  unknown?: (event: never, request: Request) => unknown;
  onError?: (error: unknown, request: Request) => void;
  maxSize?: number;
}) => (request: Request) => Promise<Response>;

/** Where the handler runs: `exchange` sends one request to it and returns the response. */
export interface MountedHandler {
  exchange(request: Request): Promise<Response>;
  close(): Promise<void>;
}

export type Mount = (handler: (request: Request) => Promise<Response>) => Promise<MountedHandler>;

const direct: Mount = async (handler) => ({ exchange: handler, close: async () => {} });

export const CHECK_SECRETS = ["whsec_current ✓", "whsec_previous"] as const;
export const CHECK_MAX_SIZE = 4096;
const URL_BASE = "http://127.0.0.1/webhook";

const RUN_FAILED = WIRE_RUN_FAILED;
const RUN_CREATED = { type: "run_created", run_id: RUN_FAILED.run_id, workflow_name: "deploy", at: RUN_FAILED.at };
const LOG_LINE = {
  type: "log_line",
  run_id: RUN_FAILED.run_id,
  step_id: "0190f5a2-1c2d-7e3f-8a4b-5c6d7e8f9a0c",
  step_name: "build",
  stream: "stderr",
  line: "warning: unused variable",
  at: RUN_FAILED.at,
};

/** `sha256=<hex HMAC-SHA256>` of `body`, as the engine signs, with Web Crypto. */
export async function signBody(body: string | Uint8Array, secret: string): Promise<string> {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, bytes));
  return `sha256=${Array.from(mac, (byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}

async function signed(body: string, secret: string = CHECK_SECRETS[0]): Promise<Request> {
  return new Request(URL_BASE, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Signature-256": await signBody(body, secret) },
    body,
  });
}

/**
 * A body with no Content-Length that would go on for 64 MiB, made on demand in 1 KiB chunks;
 * `pulled()` says how many bytes the reader asked for, so a handler that buffers past its
 * limit is caught without holding 64 MiB.
 */
function endlessBody(): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  const chunk = new TextEncoder().encode(" ".repeat(1024));
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= 64 * 1024 * 1024) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled };
}

/** Runs every case; returns one line per failure (empty: all passed). */
export async function checkWebhookHandler(create: CreateWebhookHandler, mount: Mount = direct): Promise<string[]> {
  const failures: string[] = [];
  const calls: { handler: string; event: Record<string, unknown> }[] = [];
  const reported: unknown[] = [];
  const handler = create({
    secret: CHECK_SECRETS,
    maxSize: CHECK_MAX_SIZE,
    on: {
      run_failed: (event: Record<string, unknown>) => void calls.push({ handler: "run_failed", event }),
      run_created: () => {
        throw new Error("the handler broke");
      },
    } as Record<string, (event: never) => unknown>,
    unknown: ((event: Record<string, unknown>) => void calls.push({ handler: "unknown", event })) as (
      event: never,
    ) => unknown,
    onError: (error) => void reported.push(error),
  });
  const mounted = await mount(handler);

  async function expectResponse(
    name: string,
    request: Request,
    status: number,
    check?: (response: Response, body: string) => string | undefined,
  ): Promise<void> {
    calls.length = 0;
    reported.length = 0;
    let response: Response;
    try {
      response = await mounted.exchange(request);
    } catch (error) {
      failures.push(`${name}: the request failed: ${String(error)}`);
      return;
    }
    const body = await response.text();
    if (response.status !== status)
      failures.push(`${name}: status ${response.status}, expected ${status} (body ${body})`);
    else {
      const problem = check?.(response, body);
      if (problem !== undefined) failures.push(`${name}: ${problem}`);
    }
  }
  const json = (body: string): Record<string, unknown> => {
    try {
      return JSON.parse(body) as Record<string, unknown>;
    } catch {
      return {};
    }
  };

  try {
    const runFailed = JSON.stringify(RUN_FAILED);
    await expectResponse("a signed run_failed", await signed(runFailed), 204, () => {
      const call = calls[0];
      if (calls.length !== 1 || call?.handler !== "run_failed") return `handlers called: ${JSON.stringify(calls)}`;
      if (call.event.error !== null || call.event.run_id !== RUN_FAILED.run_id)
        return `the handler got ${JSON.stringify(call.event)}, expected the parsed event with error: null`;
      return undefined;
    });
    await expectResponse("signed with the previous secret", await signed(runFailed, CHECK_SECRETS[1]), 204, () =>
      calls.length === 1 ? undefined : "the handler was not called",
    );
    await expectResponse("a GET", new Request(URL_BASE, { method: "GET" }), 405, (response) =>
      response.headers.get("allow") === "POST" ? undefined : `Allow is ${response.headers.get("allow")}`,
    );
    for (const [name, headers, code] of [
      ["unsigned", {}, "missing"],
      ["a malformed signature", { "X-Signature-256": "sha1=abc" }, "malformed"],
      ["signed with another secret", { "X-Signature-256": await signBody(runFailed, "whsec_other") }, "mismatch"],
    ] as const) {
      await expectResponse(name, new Request(URL_BASE, { method: "POST", headers, body: runFailed }), 401, (_, body) =>
        json(body).error === code && calls.length === 0 ? undefined : `body ${body}, calls ${calls.length}`,
      );
    }
    const invalid = JSON.stringify({ ...RUN_FAILED, duration_ms: -1 });
    await expectResponse("a signed invalid event", await signed(invalid), 400, (response, body) => {
      const issues = json(body).issues as { path: string; code: string }[] | undefined;
      if (!response.headers.get("content-type")?.startsWith("application/json")) return "not JSON";
      return issues?.length === 1 && issues[0]!.path === "/duration_ms" && issues[0]!.code === "range"
        ? undefined
        : `issues ${JSON.stringify(issues)}`;
    });
    await expectResponse("signed text that is not JSON", await signed("{"), 400, (_, body) =>
      (json(body).issues as { code: string }[] | undefined)?.[0]?.code === "json_syntax" ? undefined : body,
    );
    const newer = JSON.stringify({ type: "run_paused", run_id: RUN_FAILED.run_id });
    await expectResponse("a type from a newer engine", await signed(newer), 204, () =>
      calls[0]?.handler === "unknown" && calls[0].event.type === "run_paused"
        ? undefined
        : `calls ${JSON.stringify(calls)}`,
    );
    await expectResponse("a type with no handler", await signed(JSON.stringify(LOG_LINE)), 204, () =>
      calls.length === 0 ? undefined : `calls ${JSON.stringify(calls)}`,
    );
    await expectResponse("a handler that throws", await signed(JSON.stringify(RUN_CREATED)), 500, () =>
      reported.length === 1 && (reported[0] as Error).message === "the handler broke"
        ? undefined
        : `onError got ${JSON.stringify(reported.map(String))}`,
    );
    const large = JSON.stringify({ ...RUN_FAILED, workflow_name: "x".repeat(CHECK_MAX_SIZE) });
    await expectResponse("a signed body over maxSize", await signed(large), 413, () =>
      calls.length === 0 ? undefined : "the handler was called",
    );
    const endless = endlessBody();
    const streamed = new Request(URL_BASE, {
      method: "POST",
      headers: { "X-Signature-256": await signBody("", CHECK_SECRETS[0]) },
      body: endless.stream,
      duplex: "half",
    } as RequestInit);
    await expectResponse("an endless body without Content-Length", streamed, 413, () =>
      // Called directly, the handler must stop reading at the limit (a handler that buffered the
      // body would read all 64 MiB). Behind a server the transport reads ahead, and a server
      // may drain the rest to keep the connection: there only the status is checked.
      mount !== direct || endless.pulled() <= CHECK_MAX_SIZE + 1024
        ? undefined
        : `read ${endless.pulled()} bytes of the body`,
    );
  } finally {
    await mounted.close();
  }
  return failures;
}
