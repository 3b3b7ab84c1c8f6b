// serve against the fake engine (test/support/fake-engine.ts, written from DESIGN.md alone):
// the same requests get the same answers, status, body and frames. Two implementations of the
// engine's transport that agree are a check on both.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEvent, makeRun, toEngineJson } from "../../../../src/testing/index.js";
import { tempDir } from "../../../support/cli-harness.js";
import { startCli, type CliProcess } from "../../../support/cli-process.js";
import { startFakeEngine, type FakeEngine } from "../../../support/fake-engine.js";

const TOKEN = "t0k3n";
const AUTH = { authorization: `Bearer ${TOKEN}` };
const RUN_A = makeRun({ seed: 31, outcome: "failed" });
const RUN_B = makeRun({ seed: 32, outcome: "completed" });
const A = RUN_A[0]!.run_id;
const B = RUN_B[0]!.run_id;
const START = Date.parse("2026-11-25T22:24:21Z");
/** What both play: two runs interleaved and user events, 5 ms apart. */
const PLAYED = [
  makeEvent("user_signed_in", {}, { seed: 1 }),
  ...RUN_A.flatMap((event, i) => (RUN_B[i] ? [event, RUN_B[i]!] : [event])),
  ...RUN_B.slice(RUN_A.length),
  makeEvent("user_signed_out", {}, { seed: 2 }),
].map((event, i) => ({ ...event, at: new Date(START + 2000 + 5 * i).toISOString() }));
/** serve's first event, 2 s before the rest: the streams all connect while serve waits to play them. */
const OPENING = makeEvent("user_signed_out", { at: new Date(START).toISOString() }, { seed: 99 });

const STREAM_QUERIES = [
  "",
  "types=run_failed,%20step_failed",
  "types=log_line,,run_status_changed+",
  "types=",
  `types=log_line&run_id=${encodeURIComponent(`{${A.toUpperCase()}}`)}`,
  `run_id=urn:uuid:${B}`,
  `run_id=${B.replace(/-/g, "")}&types=user_signed_in,user_signed_out`,
  "other=1&types=user_signed_in",
];
const REFUSED_QUERIES = [
  "types=nope",
  "types=run_failed,RUN_FAILED",
  "types=run_failed&types=log_line",
  "run_id=123",
  "run_id=",
  `run_id=${A}0`,
  `run_id={${A}`,
  "run_id=x&types=nope",
  "types=nope&run_id=x",
  `run_id=${A}&run_id=${A}`,
  "types=%EF%BB%BFlog_line",
];

let cli: CliProcess;
let serveUrl: string;
let engine: FakeEngine;
let cleanup: () => void;

beforeAll(async () => {
  const files = tempDir({ "played.ndjson": `${[OPENING, ...PLAYED].map(toEngineJson).join("\n")}\n` });
  cleanup = files.remove;
  cli = startCli(["serve", `${files.dir}/played.ndjson`, "--port", "0", "--realtime", "--token", TOKEN]);
  serveUrl = await cli.firstLine();
  engine = await startFakeEngine({ token: TOKEN });
});
afterAll(async () => {
  await cli?.stop();
  await engine?.close();
  cleanup?.();
});

async function answer(url: string, headers: Record<string, string> = AUTH) {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(5000) });
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    body: await response.text(),
  };
}

/** The frames a stream writes until `done` resolves, keep-alives left out. */
async function frames(url: string, headers: Record<string, string>, done: Promise<unknown>): Promise<string> {
  const response = await fetch(url, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/event-stream");
  expect(response.headers.get("cache-control")).toBe("no-cache");
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let finished = false;
  void done.then(() => {
    finished = true;
    void reader.cancel();
  });
  while (!finished) {
    const next = await reader.read().catch(() => ({ done: true, value: undefined }));
    if (next.done) break;
    text += decoder.decode(next.value, { stream: true });
  }
  return text.replace(/^:\n\n/gm, "");
}

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("serve and the fake engine", () => {
  it("answer the same to requests they refuse: 401 without the token, 400 with axum's words", async () => {
    const wrong: Record<string, string>[] = [
      {},
      { authorization: "Bearer nope" },
      { cookie: `ironflow_token=${TOKEN}x` },
    ];
    for (const headers of wrong) {
      const [ours, theirs] = await Promise.all([answer(serveUrl, headers), answer(engine.url, headers)]);
      expect(ours, JSON.stringify(headers)).toEqual(theirs);
      expect(ours.status).toBe(401);
    }
    for (const query of REFUSED_QUERIES) {
      const [ours, theirs] = await Promise.all([answer(`${serveUrl}?${query}`), answer(`${engine.url}?${query}`)]);
      expect(ours, query).toEqual(theirs);
      expect(ours.status, query).toBe(400);
      expect(ours.type).toBe("text/plain; charset=utf-8");
    }
  });

  it("stream the same frames for the same query, the cookie as good as the Bearer", async () => {
    const played = new Promise<void>(
      (resolve) =>
        void until(() => cli.stderr().includes("every event has been played")).then(() => setTimeout(resolve, 300)),
    );
    const credentials = (i: number) => (i % 2 === 0 ? AUTH : { cookie: `theme=dark; ironflow_token=${TOKEN}` });
    const ours = Promise.all(STREAM_QUERIES.map((query, i) => frames(`${serveUrl}?${query}`, credentials(i), played)));
    await until(() => engine.subscribers() === 0);
    const published = (async () => {
      await engine.waitForSubscribers(STREAM_QUERIES.length);
      for (const event of PLAYED) engine.publish(toEngineJson(event));
      await new Promise((resolve) => setTimeout(resolve, 300));
    })();
    const theirs = Promise.all(
      STREAM_QUERIES.map((query, i) => frames(`${engine.url}?${query}`, credentials(i), published)),
    );
    const [mine, engines] = await Promise.all([ours, theirs]);
    const opening = `event: user_signed_out\ndata: ${toEngineJson(OPENING)}\n\n`;
    for (const [i, query] of STREAM_QUERIES.entries()) expect(mine[i]!.replace(opening, ""), query).toBe(engines[i]);
    expect(engines[0]!.split("\n\n").length - 1).toBe(PLAYED.length);
    expect(engines[3]).toBe(""); // types=: keep-alives only
    expect(engines[6]).toBe(""); // events without a run never pass a run filter
  });
});
