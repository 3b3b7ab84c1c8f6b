// The runtime matrix: the packed package (test/support/packed-package.ts) in Node, Bun, Deno,
// workerd (the Cloudflare Workers runtime) and headless Chromium, each running the same check
// (test/package/runtimes/check.mjs) against a server in this process on 127.0.0.1 that serves its
// inputs and an event stream of engine events. Every runtime must give the same report. Then the
// CLI under Bun and Deno must give Node's report and exit code on examples/. docs/runtimes.md
// lists the versions this runs (test/docs/runtimes-page.test.ts keeps it so).
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, packedPackage, REPO, run } from "../support/packed-package.js";
import { CHROMIUM, launchChromium } from "../support/chromium.js";
import { freePort } from "../support/local-server.js";
import { runChild } from "../support/run-child.js";
import { BUN, DENO, MATRIX, requireBinary, runtimeVersion, WORKERD } from "../support/runtimes.js";
import { openStream, startServer, writeChunks, type TestServer } from "../support/sse-server.js";
import { skipWithout } from "../support/system.js";
import { engineEventLines } from "../support/vectors.js";
import { DEFAULTS } from "../../generated/constants.js";

const ENTRIES = join(import.meta.dirname, "runtimes");
const TIMEOUT_MS = 60_000;

// Engine events, as the engine wrote them (test/vectors).
const LINES = engineEventLines();
const line = (predicate: (event: Record<string, unknown>) => boolean): string => {
  const found = LINES.find((text) => predicate(JSON.parse(text) as Record<string, unknown>));
  if (found === undefined) throw new Error("no such engine event in test/vectors/engine-events.ndjson");
  return found;
};
const VALID = JSON.parse(line((e) => e.type === "run_failed" && typeof e.error === "string")) as Record<
  string,
  unknown
>;
// A body with characters of 1 to 4 bytes in UTF-8, so that a string body and its bytes differ in length.
const WEBHOOK_BODY = line((e) => e.type === "log_line" && /🚀/u.test(String(e.step_name)));
const SECRET = "whsec-ironflow-runtime-matrix";
const SIGNATURE = `sha256=${createHmac("sha256", SECRET).update(WEBHOOK_BODY).digest("hex")}`;
const TAMPERED_BODY = WEBHOOK_BODY.replace('"stream":"stdout"', '"stream":"stderr"');
// The stream: a keep-alive comment, then three events; the second is cut inside its 4-byte 🚀.
const STREAMED = [line((e) => e.type === "run_created"), WEBHOOK_BODY, line((e) => e.type === "step_completed")];
const SPLIT_AT = Buffer.from(`event: log_line\ndata: ${WEBHOOK_BODY}\n\n`).indexOf(Buffer.from("🚀")) + 2;

/**
 * An event of the vectors (engine 2.14.1's) as the package reads it by default, as the newest
 * engine does: the defaults that engine fills in where the event leaves them out (labels, a
 * log line's id).
 */
const asNewestReads = (event: Record<string, unknown>) => ({
  ...DEFAULTS[event.type as keyof typeof DEFAULTS],
  ...event,
});

/** What every runtime must report (see check.mjs). */
const EXPECTED = {
  parseValid: asNewestReads(VALID),
  parseInvalid: { threw: "EventValidationError", issues: ["/run_id format", "/at type"] },
  parseNotJson: { threw: "EventValidationError", issues: [" json_syntax"] },
  validateStrictExtra: ["/extra additional_property"],
  validateLaxExtra: "ok",
  validateUnknownType: ["/type unknown_event_type"],
  isEvent: [true, false, false],
  webhookString: { returned: "log_line" },
  webhookBytes: { returned: "log_line" },
  webhookSecretBytes: { returned: "log_line" },
  webhookTamperedString: { threw: "WebhookVerificationError", code: "mismatch" },
  webhookTamperedBytes: { threw: "WebhookVerificationError", code: "mismatch" },
  webhookWrongSecret: { threw: "WebhookVerificationError", code: "mismatch" },
  stream: {
    events: STREAMED.map((text) => asNewestReads(JSON.parse(text) as Record<string, unknown>)),
    invalid: [],
    timedOut: false,
  },
};

let project: string;
let server: TestServer;
let browserBundle = ""; // the page's script, built once both pages need it

/** The page both Chromium checks load: no inline script, so `script-src 'self'` allows only the bundle. */
const PAGE = `<!doctype html><meta charset="utf-8"><title>ironflow-events</title><script src="/bundle.js"></script>`;
const CSP = "script-src 'self'";

beforeAll(async () => {
  ({ project } = await packedPackage());
  const checks = join(project, "runtimes");
  mkdirSync(checks, { recursive: true });
  for (const name of ["check.mjs", "script-entry.mjs", "worker-entry.mjs", "browser-entry.mjs"])
    copyFileSync(join(ENTRIES, name), join(checks, name));

  server = await startServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/fixtures") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          valid: VALID,
          body: WEBHOOK_BODY,
          tamperedBody: TAMPERED_BODY,
          signature: SIGNATURE,
          secret: SECRET,
          streamCount: STREAMED.length,
        }),
      );
    } else if (path === "/events") {
      openStream(res);
      const [first, split, last] = STREAMED.map((text) =>
        Buffer.from(`event: ${JSON.parse(text).type}\ndata: ${text}\n\n`),
      );
      await writeChunks(res, [Buffer.from(": keep-alive\n\n"), first!, split!.subarray(0, SPLIT_AT)]);
      await new Promise((resolve) => setTimeout(resolve, 50)); // the two halves arrive apart
      await writeChunks(res, [split!.subarray(SPLIT_AT), last!]); // and the stream stays open, as the engine's does
    } else if (path === "/page.html") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": CSP });
      res.end(PAGE);
    } else if (path === "/bundle.js") {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "content-security-policy": CSP });
      res.end(browserBundle);
    } else {
      res.writeHead(404).end();
    }
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
});

/** Runs script-entry.mjs (without blocking this process, whose server it talks to) with a runtime's command line and returns its report. */
async function scriptReport(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<unknown> {
  const result = await runChild(command, [...args, "script-entry.mjs", server.origin], {
    cwd: join(project, "runtimes"),
    env: { ...cleanEnv(), ...env },
    timeout: TIMEOUT_MS,
  });
  expect(result.stderr, "stderr").toBe("");
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

const DENO_ENV = { DENO_NO_UPDATE_CHECK: "1" };

describe("the same check in every runtime, on the packed package", () => {
  it(`${MATRIX.node.name} ${process.version}`, async () => {
    expect(await scriptReport(process.execPath, [])).toEqual(EXPECTED);
  });

  it.skipIf(skipWithout(BUN))(`${MATRIX.bun.name} ${runtimeVersion("bun")}`, async () => {
    expect(await scriptReport(requireBinary("bun"), [])).toEqual(EXPECTED);
  });

  it.skipIf(skipWithout(DENO))(
    `${MATRIX.deno.name} ${runtimeVersion("deno")}, with no permission but reading its files and reaching 127.0.0.1`,
    async () => {
      const deno = requireBinary("deno");
      expect(
        await scriptReport(deno, ["run", "--no-prompt", "--allow-read=.,..", "--allow-net=127.0.0.1"], DENO_ENV),
      ).toEqual(EXPECTED);
    },
  );

  it.skipIf(skipWithout(WORKERD))(
    `${MATRIX.workerd.name} ${runtimeVersion("workerd")}, bundled with esbuild as wrangler does`,
    async () => {
      const dir = join(project, "runtimes");
      await build({
        absWorkingDir: dir,
        entryPoints: ["worker-entry.mjs"],
        bundle: true,
        platform: "neutral",
        conditions: ["workerd", "worker", "browser"],
        mainFields: ["module", "main"],
        format: "esm",
        target: "es2022",
        outfile: join(dir, "worker.js"),
        logLevel: "silent",
      });
      // workerd's default global outbound reaches public addresses only (a fetch of 127.0.0.1 fails
      // with "connecting to 127.0.0.1:<port> is not allowed"): this one allows loopback ("local"),
      // where the test server is.
      writeFileSync(
        join(dir, "workerd.capnp"),
        `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .checkWorker),
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);
const checkWorker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-01-01",
  globalOutbound = "loopback",
);
`,
      );
      const port = await freePort();
      const workerd = spawn(
        requireBinary("workerd"),
        ["serve", "workerd.capnp", `--socket-addr=http=127.0.0.1:${port}`],
        {
          cwd: dir,
          env: cleanEnv(),
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let log = "";
      workerd.stdout.on("data", (chunk) => (log += chunk));
      workerd.stderr.on("data", (chunk) => (log += chunk));
      try {
        const url = `http://127.0.0.1:${port}/?origin=${encodeURIComponent(server.origin)}`;
        let response: Response | undefined;
        for (let attempt = 0; attempt < 100 && response === undefined; attempt++) {
          if (workerd.exitCode !== null) throw new Error(`workerd exited ${workerd.exitCode}:\n${log}`);
          response = await fetch(url).catch(async () => {
            await new Promise((resolve) => setTimeout(resolve, 100)); // still starting
            return undefined;
          });
        }
        if (response === undefined) throw new Error(`workerd did not answer on port ${port}:\n${log}`);
        expect(await response.json()).toEqual(EXPECTED);
        expect(response.status).toBe(200);
      } finally {
        workerd.kill();
      }
    },
  );

  describe.skipIf(skipWithout(CHROMIUM))(`${MATRIX.chromium.name} ${runtimeVersion("chromium")}, Debian's`, () => {
    /** Loads the page from `host` (mapped to 127.0.0.1) and returns what it reports. */
    async function pageReport(host: string): Promise<Record<string, unknown>> {
      if (browserBundle === "") {
        const result = await build({
          absWorkingDir: join(project, "runtimes"),
          entryPoints: ["browser-entry.mjs"],
          bundle: true,
          platform: "browser",
          format: "iife",
          target: "es2022",
          write: false,
          logLevel: "silent",
        });
        browserBundle = result.outputFiles[0]!.text;
      }
      // A name that is not localhost, so that the page's origin is not a secure context.
      const { context, close } = await launchChromium(
        ["--host-resolver-rules=MAP insecure.test 127.0.0.1"],
        TIMEOUT_MS,
      );
      try {
        const page = await context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (error) => errors.push(error.message));
        await page.goto(`http://${host}:${new URL(server.origin).port}/page.html`);
        await page.waitForFunction(() => "report" in globalThis, undefined, { timeout: 30_000 });
        expect(errors).toEqual([]);
        return await page.evaluate(() => (globalThis as unknown as { report: Record<string, unknown> }).report);
      } finally {
        await close();
      }
    }

    it("under Content-Security-Policy: script-src 'self' (no 'unsafe-eval'), in a secure context", async () => {
      expect(await pageReport("127.0.0.1")).toEqual({
        isSecureContext: true,
        checks: EXPECTED,
        violationsDuringChecks: [],
        codeGeneration: "EvalError", // the policy is in force
        violationsOfNewFunction: ["script-src eval"], // and the page hears of its violations
      });
    });

    it("on a page that is not a secure context: all but verifyWebhook, which says why it cannot run", async () => {
      const noWebCrypto = {
        threw: "TypeError",
        message:
          "verifyWebhook needs Web Crypto (crypto.subtle), which browsers give only to secure contexts " +
          `(https:, or http://localhost), and http://insecure.test:${new URL(server.origin).port} is not one`,
      };
      expect(await pageReport("insecure.test")).toEqual({
        isSecureContext: false,
        checks: {
          ...EXPECTED,
          webhookString: noWebCrypto,
          webhookBytes: noWebCrypto,
          webhookSecretBytes: noWebCrypto,
          webhookTamperedString: noWebCrypto,
          webhookTamperedBytes: noWebCrypto,
          webhookWrongSecret: noWebCrypto,
        },
        violationsDuringChecks: [],
        codeGeneration: "EvalError",
        violationsOfNewFunction: ["script-src eval"],
      });
    });
  });
});

describe("the CLI in other runtimes gives Node's report and exit code on examples/", () => {
  const cli = () => join(project, "node_modules", "ironflow-events", "dist", "cli.js");
  const outcomes = (command: string, args: string[], env?: NodeJS.ProcessEnv) =>
    [[], ["--format", "json"]].map((format) => {
      const result = run(command, [...args, cli(), "validate", ...format, "examples/"], REPO, TIMEOUT_MS, env);
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    });
  let node: ReturnType<typeof outcomes>;
  beforeAll(() => {
    node = outcomes(process.execPath, []);
    expect(node.map((outcome) => outcome.status)).toEqual([1, 1]); // examples/invalid holds invalid events
    expect(node[0]!.stdout).toMatch(/examples\/invalid\//);
  });

  const same = (actual: ReturnType<typeof outcomes>) => expect(actual).toEqual(node);

  it.skipIf(skipWithout(BUN))(MATRIX.bun.name, () => same(outcomes(requireBinary("bun"), [])));

  it.skipIf(skipWithout(DENO))(MATRIX.deno.name, () =>
    same(outcomes(requireBinary("deno"), ["run", "--no-prompt", "--allow-read"], DENO_ENV)),
  );
});
