// A browser's own EventSource reads `serve`: headless Chromium (Debian's) through playwright-core.
import { afterAll, describe, expect, it } from "vitest";
import { makeRun, toEngineJson } from "../../../../src/testing/index.js";
import { tempDir } from "../../../support/cli-harness.js";
import { startCli } from "../../../support/cli-process.js";
import { CHROMIUM, launchChromium } from "../../../support/chromium.js";
import { skipWithout } from "../../../support/system.js";

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe.skipIf(skipWithout(CHROMIUM))("serve in a browser", () => {
  it("Chromium's EventSource receives the filtered events by name, without ids", async () => {
    const run = makeRun({ seed: 21, outcome: "completed" });
    const { dir, remove } = tempDir({ "run.ndjson": `${run.map(toEngineJson).join("\n")}\n` });
    cleanups.push(remove);
    const cli = startCli(["serve", `${dir}/run.ndjson`, "--port", "0", "--rate", "200"]);
    cleanups.push(() => cli.stop());
    const url = await cli.firstLine();

    const { context, close } = await launchChromium();
    cleanups.push(close);
    const page = await context.newPage();
    await page.goto(new URL("/", url).href); // the server's origin (a 404 page)
    const wanted = run.filter((event) => event.type === "run_status_changed" || event.type === "step_completed");
    const received = await page.evaluate(
      ({ url, count }) =>
        new Promise<{ name: string; data: string; lastEventId: string }[]>((resolve, reject) => {
          const source = new EventSource(`${url}?types=run_status_changed,step_completed`);
          const got: { name: string; data: string; lastEventId: string }[] = [];
          const take = (message: MessageEvent) => {
            got.push({ name: message.type, data: message.data, lastEventId: message.lastEventId });
            if (got.length === count) {
              source.close();
              resolve(got);
            }
          };
          for (const name of ["run_status_changed", "step_completed", "message"])
            source.addEventListener(name, take as never);
          setTimeout(() => reject(new Error(`only ${got.length} events in 20 s`)), 20_000);
        }),
      { url, count: wanted.length },
    );
    expect(received.map((message) => message.name)).toEqual(wanted.map((event) => event.type));
    expect(received.map((message) => JSON.parse(message.data))).toEqual(wanted);
    expect(received.map((message) => message.data)).toEqual(wanted.map(toEngineJson));
    expect(received.every((message) => message.lastEventId === "")).toBe(true);
  });
});
