// docs/webhooks.md: every complete example typechecks as a consumer's strict project and runs:
// each receives a signed run_failed (204, handed to its handler) and refuses an unsigned one (401).
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

async function signed(secret = SECRET): Promise<Request> {
  return new Request("http://127.0.0.1/webhooks/ironflow", {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Signature-256": await signBody(RUN_FAILED, secret) },
    body: RUN_FAILED,
  });
}

/** Sends requests to a server (once it listens) instead of calling a handler. */
function overNetwork(server: Server): Exchange {
  const listening = server.listening ? Promise.resolve() : once(server, "listening");
  return async (request) => {
    await listening;
    const { port } = server.address() as AddressInfo;
    const url = new URL(request.url);
    return fetch(`http://127.0.0.1:${port}${url.pathname}`, {
      method: request.method,
      headers: request.headers,
      body: await request.text(),
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
});
