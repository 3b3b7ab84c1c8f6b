// The times and IDs serve plays: --generate writes `at` as the current time, never going back,
// across the runs it makes; --loop makes every pass after the first new: fresh IDs (consistent
// within the pass) and its times moved to now, the gaps kept.
import { afterEach, describe, expect, it } from "vitest";
import { parseEvent, streamEvents, type Event } from "../../../../src/index.js";
import { makeEvent, makeRun, toEngineJson } from "../../../../src/testing/index.js";
import { tempDir } from "../../../support/cli-harness.js";
import { startCli } from "../../../support/cli-process.js";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function play(args: string[], count: number): Promise<{ events: Event[]; received: number[] }> {
  const cli = startCli(["serve", "--port", "0", ...args]);
  cleanups.push(() => cli.stop());
  const url = await cli.firstLine();
  const events: Event[] = [];
  const received: number[] = [];
  for await (const event of streamEvents(url, { signal: AbortSignal.timeout(20_000) })) {
    received.push(Date.now());
    if (events.push(event) === count) break;
  }
  return { events, received };
}

const atOf = (event: Event) => Date.parse(event.at);

describe("serve's times", () => {
  it("--generate: each event's at is the time it is played, never earlier than the one before, across runs", async () => {
    const { events, received } = await play(["--generate", "--rate", "300"], 120);
    expect(events.filter((event) => event.type === "run_created").length).toBeGreaterThan(1); // more than one run
    for (const [i, event] of events.entries()) {
      expect(Math.abs(atOf(event) - received[i]!), `${i}: ${event.at}`).toBeLessThan(1000);
      if (i > 0) expect(event.at > events[i - 1]!.at || atOf(event) > atOf(events[i - 1]!), `${i}`).toBe(true);
      expect(parseEvent(toEngineJson(event))).toEqual(event);
    }
  });

  it("--loop: each pass after the first has fresh IDs, the same within the pass, and the times it is played at", async () => {
    const start = Date.parse("2026-01-02T03:04:05.123456Z");
    const run = makeRun({ seed: 5, outcome: "completed", start });
    const user = makeEvent("user_signed_in", { at: new Date(start + 1).toISOString() }, { seed: 9 });
    const file = [...run, user];
    const { dir, remove } = tempDir({ "run.ndjson": `${file.map(toEngineJson).join("\n")}\n` });
    cleanups.push(remove);
    const { events } = await play([`${dir}/run.ndjson`, "--loop", "--rate", "500"], file.length * 3);
    const passes = [0, 1, 2].map((k) => events.slice(k * file.length, (k + 1) * file.length));
    // The first pass as written (read as the newest engine reads it: with its defaults filled in).
    expect(passes[0]).toEqual(file.map((event) => parseEvent(toEngineJson(event))));
    const runIds = passes.map((pass) => (pass[0] as { run_id: string }).run_id);
    expect(new Set(runIds).size).toBe(3);
    for (const [k, pass] of passes.entries()) {
      expect(pass.map((event) => event.type)).toEqual(file.map((event) => event.type));
      for (const event of pass) if ("run_id" in event) expect(event.run_id).toBe(runIds[k]); // one run, one fresh ID
      if (k === 0) continue;
      for (const [i, event] of pass.entries()) {
        expect(Math.abs(atOf(event) - Date.now()), `${k}:${i}`).toBeLessThan(10_000); // now, not the file's time
        const before = i === 0 ? passes[k - 1]!.at(-1)! : pass[i - 1]!;
        expect(event.at > before.at, `${k}:${i} ${before.at} ${event.at}`).toBe(true); // never back
      }
      expect(pass.at(-1)).not.toEqual(user); // the user's ID is new too
    }
  });
});
