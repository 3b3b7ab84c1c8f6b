// docs/dev-server.md: every example runs, and the outputs it shows are what the commands print.
// Ports are the only change: 8787 and 3000 become free ports, so that the examples do not
// collide with anything else on the machine, and serve --generate plays faster than 5 events a
// second so that the test need not wait.
import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  codeBlocks,
  removeDocsProject,
  runModule,
  runShell,
  typecheck,
  type RunningBlock,
} from "../support/doc-project.js";
import { tempDir } from "../support/cli-harness.js";
import { freePort } from "../support/local-server.js";

const blocks = codeBlocks("dev-server.md");
/** The one block of `lang` that contains `text` (that starts with it, for a text that ends in a newline). */
function block(lang: string, text: string): string {
  const found = blocks.filter(
    (b) => b.lang === lang && (text.endsWith("\n") ? b.code.startsWith(text) : b.code.includes(text)),
  );
  expect(found, `one ${lang} block with ${text}`).toHaveLength(1);
  return found[0]!.code;
}

let streamPort = 0;
let hooksPort = 0;
const localize = (code: string) =>
  code
    .replaceAll("127.0.0.1:8787", `127.0.0.1:${streamPort}`)
    .replaceAll("127.0.0.1:3000", `127.0.0.1:${hooksPort}`)
    .replace("listen(3000,", `listen(${hooksPort},`)
    .replace("serve --generate", `serve --generate --port ${streamPort} --rate 200`)
    .replace("serve captured-run.ndjson", `serve captured-run.ndjson --port ${streamPort}`);

const running: RunningBlock[] = [];
let cwd: { dir: string; remove: () => void };
beforeAll(async () => {
  [streamPort, hooksPort] = [await freePort(), await freePort()];
  cwd = tempDir();
});
afterAll(async () => {
  for (const block of running) await block.stop();
  cwd.remove();
  removeDocsProject();
});

function start(run: RunningBlock): RunningBlock {
  running.push(run);
  return run;
}

/** The receiver example, started (its port free again once stopped). */
async function startReceiver(): Promise<RunningBlock> {
  const [file] = typecheck("dev-server-receiver", [localize(block("ts", "createServer("))]).files;
  const receiver = start(runModule(file!));
  await waitForPort(hooksPort);
  return receiver;
}

describe("docs/dev-server.md", () => {
  it("its TypeScript examples type-check", () => {
    const { errors } = typecheck(
      "dev-server",
      blocks.filter((b) => b.lang === "ts").map((b) => b.code),
    );
    expect(errors).toBe("");
  });

  it("serve --generate, read by the streamEvents example and by curl; a bad query answered as shown", async () => {
    const server = start(runShell(localize(block("sh", "npx ironflow-events serve --generate\n")), cwd.dir));
    await server.waitFor(new RegExp(`^http://127\\.0\\.0\\.1:${streamPort}/api/v1/events\\n`));
    const [file] = typecheck("dev-server-reader", [localize(block("ts", "streamEvents("))]).files;
    const reader = start(runModule(file!));
    const lines = (await reader.waitFor(/(?:.*\n){5}/)).split("\n").slice(0, 5);
    for (const line of lines)
      expect(line).toMatch(/^(?:run [0-9a-f-]{36}: [a-z_]+ -> [a-z_]+|[a-z-]+ \[(?:stdout|stderr|system)\] .+)$/);
    await reader.stop();
    const curl = start(runShell(localize(block("sh", "types=run_created,run_failed")), cwd.dir));
    await curl.waitFor(/^event: run_created\ndata: \{"type":"run_created","run_id":"[0-9a-f-]{36}",/m);
    expect(curl.output()).not.toMatch(/^event: (?!run_created|run_failed)/m);
    await curl.stop();
    const refused = runShell(localize(block("sh", "types=run_failed,nope")), cwd.dir);
    expect(await refused.exited).toBe(0);
    expect(refused.output()).toBe(block("", "Failed to deserialize query string"));
    await server.stop();
  });

  it("serve with a token: 401 without it, the stream with it", async () => {
    const server = start(runShell(localize(block("sh", "IRONFLOW_SERVE_TOKEN=t0k3n")), cwd.dir));
    await server.waitFor(/api\/v1\/events\n/);
    const refused = await fetch(`http://127.0.0.1:${streamPort}/api/v1/events`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: "unauthorized" });
    const curl = start(runShell(localize(block("sh", "Authorization: Bearer t0k3n")), cwd.dir));
    await curl.waitFor(/^event: run_created\ndata: \{"type":"run_created",/m);
    await curl.stop();
    await server.stop();
  });

  it("the receiver example verifies what send and serve --webhook post; the outputs are as shown", async () => {
    const receiver = await startReceiver();
    const send = runShell(localize(block("sh", "npx ironflow-events send ")), cwd.dir);
    expect(await send.exited, send.output()).toBe(0);
    const shown = block("", "run.ndjson:1  run_created  204 No Content").replace("...\n", "");
    expect(send.output().startsWith(shown), send.output()).toBe(true);
    expect(send.output()).toMatch(/^run\.ndjson:\d+ {2}run_status_changed {2}would POST \d+ bytes, signed\n/m);
    const sent = send.output().match(/204 No Content/g)!.length;
    await receiver.waitFor(new RegExp(`(?:received [a-z_]+\\n){${sent}}`));
    expect(receiver.output()).toMatch(/^received run_created\n/);

    const replay = start(runShell(localize(block("sh", "serve captured-run.ndjson")), cwd.dir));
    await receiver.waitFor(new RegExp(`(?:received [a-z_]+\\n){${sent + 2}}`));
    await replay.waitFor(/webhook {2}run_created {2}204 No Content/);
    await replay.stop();
    await receiver.stop();
  });

  it("send's line after a 302 is the one shown", async () => {
    const moved = createServer((req, res) => {
      req.resume();
      req.on("end", () =>
        req.url === "/hooks" ? res.writeHead(302, { location: "/new-hooks" }).end() : res.writeHead(200).end(),
      );
    });
    await new Promise<void>((resolve) => moved.listen(hooksPort, "127.0.0.1", resolve));
    try {
      const sample = runShell("npx ironflow-events sample run --seed 5 > run.ndjson", cwd.dir);
      expect(await sample.exited).toBe(0);
      const send = runShell(
        localize("npx ironflow-events send http://127.0.0.1:3000/hooks run.ndjson --types run_created\n"),
        cwd.dir,
      );
      expect(await send.exited, send.output()).toBe(0);
      const shown = localize(block("", "302 to http://127.0.0.1:3000/new-hooks"));
      expect(send.output().startsWith(shown), send.output()).toBe(true);
    } finally {
      moved.closeAllConnections();
      await new Promise((resolve) => moved.close(resolve));
    }
  });

  it("listen forwards serve's events to the receiver example, with the lines shown", async () => {
    const server = start(runShell(localize(block("sh", "npx ironflow-events serve --generate\n")), cwd.dir));
    await server.waitFor(/api\/v1\/events\n/);
    const receiver = await startReceiver();
    const listen = start(runShell(localize(block("sh", "npx ironflow-events listen ")), cwd.dir));
    await receiver.waitFor(/(?:received (?:run_created|run_status_changed)\n){3}/);
    await listen.waitFor(/(?:.*204 No Content\n){3}/);
    const shown = localize(block("", "listening to http://127.0.0.1:8787"))
      .trim()
      .split("\n")
      .map(
        (line) =>
          new RegExp(`^${escape(line).replace(/019aa0b8-6f3e-7c41-9d2a-5b7e8c9d0f12/g, "[0-9a-f-]{36}")}$`, "m"),
      );
    for (const line of shown) expect(listen.output()).toMatch(line);
    expect(listen.output()).not.toMatch(/^(?!run_created|run_status_changed|listening)\S+ {2}[0-9a-f-]{36}/m);
    await listen.stop();
    await receiver.stop();
    await server.stop();
  });

  it("sample writes fixtures that validate --lifecycle=error accepts", async () => {
    const fixtures = runShell(block("sh", "sample run_failed -n 5"), cwd.dir);
    expect(await fixtures.exited, fixtures.output()).toBe(0);
    expect(fixtures.output()).toMatch(/3 files, \d+ events: \d+ valid, 0 invalid/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

async function waitForPort(port: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: "{}" });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`nothing listens on ${port}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
