// docs/webhooks.md: every complete example typechecks as a consumer's strict project and runs:
// each receives a signed run_failed (204, handed to its handler) and refuses an unsigned one (401);
// the framework examples answer a GET with the handler's 405 (not the framework's 404), take an
// event larger than a framework's default limit, and refuse one over the handler's maxSize; the
// Next.js route works with its previous secret unset; the idempotent receiver handles a delivery once.
import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docExamples, typeErrors, type DocExample } from "../support/doc-examples.js";
import { signBody } from "../support/webhook-check.js";
import { RUN_FAILED_TEXT } from "../support/sample-events.js";

const SECRET = "whsec_docs";
const PREVIOUS = "whsec_docs_previous";
const RUN_FAILED = RUN_FAILED_TEXT;

const EXAMPLES = docExamples("webhooks.md");
const example = (file: string): DocExample => {
  const found = EXAMPLES.find((e) => e.file === file);
  if (!found) throw new Error(`docs/webhooks.md has no example "// file: ${file}"`);
  return found;
};

type Exchange = (request: Request) => Promise<Response>;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(() => {
  // What the examples read from the environment; servers listen on a free port of 127.0.0.1.
  Object.assign(process.env, {
    WEBHOOK_SECRET: SECRET,
    WEBHOOK_SECRET_PREVIOUS: PREVIOUS,
    PORT: "0",
    HOST: "127.0.0.1",
  });
});
afterAll(async () => {
  for (const close of closers) await close();
});

async function signed(secret = SECRET, body = RUN_FAILED): Promise<Request> {
  return new Request("http://127.0.0.1/webhooks/ironflow", {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Signature-256": await signBody(body, secret) },
    body,
  });
}

/** Sends requests to a server (once it listens) instead of calling a handler. */
function overNetwork(server: Server): Exchange {
  const listening = server.listening ? Promise.resolve() : once(server, "listening");
  return async (request) => {
    await listening;
    const { port } = server.address() as AddressInfo;
    const url = new URL(request.url);
    const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.text();
    return fetch(`http://127.0.0.1:${port}${url.pathname}`, {
      method: request.method,
      headers: request.headers,
      body,
      signal: AbortSignal.timeout(10_000),
    });
  };
}

/** The example's module and how to reach its handler. */
const MOUNTS: Record<string, (module: any) => Exchange> = {
  "overview.ts": (module) => module.handler,
  "hono.ts": (module) => (request) => module.default.fetch(request),
  "app/api/ironflow/route.ts": (module) => module.POST,
  "express.ts": (module) => {
    closers.push(() => new Promise((resolve) => module.server.close(resolve)));
    return overNetwork(module.server);
  },
  "express-raw.ts": (module) => {
    closers.push(() => new Promise((resolve) => module.server.close(resolve)));
    return overNetwork(module.server);
  },
  "idempotent.ts": (module) => module.handler,
  "fastify.ts": (module) => {
    closers.push(() => module.app.close());
    return overNetwork(module.app.server);
  },
  "node-http.ts": (module) => {
    closers.push(() => new Promise((resolve) => module.server.close(resolve)));
    return overNetwork(module.server);
  },
  "runtimes.ts": (module) => module.default.fetch,
};

describe("docs/webhooks.md", () => {
  it("has the examples this test runs, and no other", () => {
    expect(EXAMPLES.map((e) => e.file).sort()).toEqual(Object.keys(MOUNTS).sort());
  });

  it("typechecks every example as a strict consumer project", () => {
    expect(typeErrors(EXAMPLES)).toEqual([]);
  }, 60_000);

  it.each(Object.keys(MOUNTS))("%s receives a signed event and refuses an unsigned one", async (file) => {
    const module = await import(example(file).runnable);
    const exchange = MOUNTS[file]!(module);
    const accepted = await exchange(await signed());
    expect(accepted.status).toBe(204);
    if (module.failures)
      expect(module.failures.join("\n")).toMatch(/6f453241-8579-4d6e-8ab2-171da6321d19|deploy: exit 1/);
    const unsigned = await exchange(
      new Request("http://127.0.0.1/webhooks/ironflow", { method: "POST", body: RUN_FAILED }),
    );
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ error: "missing" });
  });

  it("the Next.js route verifies with the previous secret too", async () => {
    const { POST } = await import(example("app/api/ironflow/route.ts").runnable);
    expect((await POST(await signed(PREVIOUS))).status).toBe(204);
  });

  it("the Next.js route loads and verifies with the previous secret unset (issue 22: the README's list threw)", async () => {
    const previous = process.env.WEBHOOK_SECRET_PREVIOUS;
    delete process.env.WEBHOOK_SECRET_PREVIOUS;
    try {
      // A fresh instance of the module, made while the variable is unset.
      const { POST } = await import(`${example("app/api/ironflow/route.ts").runnable}?previous-unset`);
      expect((await POST(await signed())).status).toBe(204);
      expect((await POST(await signed(PREVIOUS))).status).toBe(401);
    } finally {
      process.env.WEBHOOK_SECRET_PREVIOUS = previous;
    }
  });

  it.each(["hono.ts", "express.ts", "express-raw.ts", "fastify.ts", "node-http.ts"])(
    "%s: GET gets the handler's 405; an event of 200 KB gets 204, one over 1 MiB 413",
    async (file) => {
      const exchange = MOUNTS[file]!(await import(example(file).runnable));
      const get = await exchange(new Request("http://127.0.0.1/webhooks/ironflow"));
      expect(get.status).toBe(405);
      expect(get.headers.get("allow")).toBe("POST");
      // Over express.raw()'s default limit of 100 KB, under the handler's 1 MiB.
      const large = JSON.stringify({ ...JSON.parse(RUN_FAILED), error: "x".repeat(200 * 1024) });
      expect((await exchange(await signed(SECRET, large))).status).toBe(204);
      const tooLarge = JSON.stringify({ ...JSON.parse(RUN_FAILED), error: "x".repeat(1024 * 1024) });
      expect((await exchange(await signed(SECRET, tooLarge))).status).toBe(413);
    },
  );

  it("idempotent.ts: handles a delivery once, however often and however concurrently it comes", async () => {
    const { handler, alerts } = await import(example("idempotent.ts").runnable);
    const first = await signed(SECRET, RUN_FAILED.replace("deploy", "nightly"));
    const [a, b] = await Promise.all([handler(first.clone()), handler(first.clone())]);
    // The second came while the first ran: refused, so the engine tries again.
    expect([a.status, b.status].sort()).toEqual([204, 500]);
    expect((await handler(first.clone())).status).toBe(204); // a retry after it was handled
    expect(alerts.filter((line: string) => line.startsWith("nightly"))).toHaveLength(1);
    const other = await signed(SECRET, RUN_FAILED.replace("deploy", "weekly"));
    expect((await handler(other)).status).toBe(204);
    expect(alerts.filter((line: string) => line.startsWith("weekly"))).toHaveLength(1);
  });
});
