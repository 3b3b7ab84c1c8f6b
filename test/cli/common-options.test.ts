// --engine on serve, send and listen (common-options.ts): the package's one resolver reads the
// version; an unmodelled one is exit code 2 with its message; the chosen version's event types
// are what ?types= and --types may name, and its events are what is checked and played.
import { afterEach, describe, expect, it } from "vitest";
import { makeEvent, toEngineJson } from "../../src/testing/index.js";
import { tempDir } from "../support/cli-harness.js";
import { startCli, type CliProcess } from "../support/cli-process.js";
import { startFakeEngine } from "../support/fake-engine.js";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function cli(args: string[]): CliProcess {
  const run = startCli(args);
  cleanups.push(() => run.stop());
  return run;
}

/** A run_status_changed to `paused`: a status engine 2.52 writes and 2.14 does not know. */
const PAUSED = toEngineJson({
  ...makeEvent("run_status_changed", { from: "running" }, { seed: 3 }),
  to: "paused",
} as never).replace(/}$/, ',"labels":{}}');
const MODELLED = /is not modelled; modelled: 2\.14\.x–2\.19\.x, 2\.20\.x–2\.40\.x, 2\.52\.x/;

describe("--engine", () => {
  it("refuses a version the package does not model, with the resolver's message, exit code 2", async () => {
    for (const args of [
      ["serve", "--generate", "--engine", "2.45.0"],
      ["send", "http://127.0.0.1:9/", "-", "--engine", "4.1"],
      ["listen", "http://127.0.0.1:9/api/v1/events", "--forward-to", "http://127.0.0.1:9/", "--engine", "2.45"],
    ]) {
      const run = cli(args);
      expect(await run.exited, args.join(" ")).toBe(2);
      expect(run.stderr(), args.join(" ")).toMatch(MODELLED);
    }
    const malformed = cli(["serve", "--generate", "--engine", "latest"]);
    expect(await malformed.exited).toBe(2);
    expect(malformed.stderr()).toContain('engine "latest" is not a version');
  });

  it("serve: ?types= may name the chosen version's types; --generate writes its fields", async () => {
    const old = cli(["serve", "--generate", "--port", "0", "--rate", "500", "--engine", "2.14.1"]);
    const oldUrl = await old.firstLine();
    const refused = await fetch(`${oldUrl}?types=approval_escalated`);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(
      /unknown variant `approval_escalated`, expected one of `run_created`, .*`user_signed_out`$/,
    );
    const newest = cli(["serve", "--generate", "--port", "0", "--rate", "500"]);
    const newUrl = await newest.firstLine();
    const accepted = await fetch(`${newUrl}?types=approval_escalated,run_status_changed`);
    expect(accepted.status).toBe(200);
    const text = await readUntil(accepted, /event: run_status_changed\ndata: .*\n\n/);
    expect(text).toContain('"labels":{'); // what 2.52 writes on every run_status_changed (the kit draws them)
    const oldStream = await fetch(`${oldUrl}?types=run_status_changed`);
    expect(await readUntil(oldStream, /event: run_status_changed\ndata: .*\n\n/)).not.toContain('"labels"');
  });

  it("send: checks the events as the chosen version writes them, and its --types", async () => {
    const { dir, remove } = tempDir({ "paused.ndjson": `${PAUSED}\n` });
    cleanups.push(remove);
    const old = cli(["send", "http://127.0.0.1:9/", `${dir}/paused.ndjson`, "--engine", "2.14", "--dry-run"]);
    expect(await old.exited).toBe(2);
    expect(old.stderr()).toMatch(/paused\.ndjson:1: invalid event: \/to: /);
    const newest = cli(["send", "http://127.0.0.1:9/", `${dir}/paused.ndjson`, "--dry-run"]);
    expect(await newest.exited).toBe(0);
    const types = cli(["send", "http://127.0.0.1:9/", "-", "--engine", "2.31.4", "--types", "approval_escalated"]);
    expect(await types.exited).toBe(2);
    expect(types.stderr()).toContain('"approval_escalated" is not one');
  });

  it("listen: an event the chosen version does not write is skipped, with a line", async () => {
    const fake = await startFakeEngine();
    cleanups.push(() => fake.close());
    const run = cli(["listen", fake.url, "--forward-to", "http://127.0.0.1:9/hooks", "--engine", "2.14.1"]);
    await until(() => run.stderr().includes("listening to"));
    fake.publish(PAUSED);
    await until(() => run.stderr().includes("skipped an event"));
    expect(run.stderr()).toMatch(
      /skipped an event \(run_status_changed\) that engine 2\.14\.x–2\.19\.x does not write: \/to: /,
    );
  });
});

async function readUntil(response: Response, pattern: RegExp): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + 10_000;
  while (!pattern.test(text) && Date.now() < deadline)
    text += decoder.decode((await reader.read()).value, { stream: true });
  await reader.cancel();
  return text;
}

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
