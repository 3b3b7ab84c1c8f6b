// docs/dev-server.md: every example runs. Ports are the only change: 8787 and 3000 become free
// ports, so that the examples do not collide with anything else on the machine, and serve
// --generate plays faster than 5 events a second so that the test need not wait.
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
/** The one block of `lang` that contains `text`. */
function block(lang: string, text: string): string {
  const found = blocks.filter((b) => b.lang === lang && b.code.includes(text));
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

describe("docs/dev-server.md", () => {
  it("its TypeScript examples type-check", () => {
    const { errors } = typecheck(
      "dev-server",
      blocks.filter((b) => b.lang === "ts").map((b) => b.code),
    );
    expect(errors).toBe("");
  });

  it("serve --generate, read by the streamEvents example and by curl", async () => {
    const server = start(runShell(localize(block("sh", "serve --generate\n")), cwd.dir));
    await server.waitFor(new RegExp(`^http://127\\.0\\.0\\.1:${streamPort}/api/v1/events\\n`));
    const [file] = typecheck("dev-server-reader", [localize(block("ts", "streamEvents("))]).files;
    const reader = start(runModule(file!));
    const lines = (await reader.waitFor(/(?:.*\n){5}/)).split("\n").slice(0, 5);
    for (const line of lines)
      expect(line).toMatch(/^(?:run [0-9a-f-]{36}: [a-z_]+ -> [a-z_]+|[a-z-]+ \[(?:stdout|stderr|system)\] .+)$/);
    await reader.stop();
    const curl = start(runShell(localize(block("sh", "curl ")), cwd.dir));
    await curl.waitFor(/^event: run_created\ndata: \{"type":"run_created","run_id":"[0-9a-f-]{36}",/m);
    expect(curl.output()).not.toMatch(/^event: (?!run_created|run_failed)/m);
    await curl.stop();
    await server.stop();
  });

  it("the receiver example verifies what send and serve --webhook post", async () => {
    const [file] = typecheck("dev-server-receiver", [localize(block("ts", "createServer("))]).files;
    const receiver = start(runModule(file!));
    await waitForPort(hooksPort);
    const send = runShell(localize(block("sh", "npx ironflow-events send ")), cwd.dir);
    expect(await send.exited, send.output()).toBe(0);
    expect(send.output()).toMatch(/^run\.ndjson:1 {2}run_created {2}204 No Content\n/m);
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

  it("sample writes fixtures that validate --lifecycle=error accepts", async () => {
    const fixtures = runShell(block("sh", "sample run_failed -n 5"), cwd.dir);
    expect(await fixtures.exited, fixtures.output()).toBe(0);
    expect(fixtures.output()).toMatch(/2 files, \d+ events: \d+ valid, 0 invalid/);
  });
});

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
