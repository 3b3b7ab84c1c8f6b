// serve --token: the engine's authentication of its stream (DESIGN.md): without
// `Authorization: Bearer <token>` or the `ironflow_token` cookie, 401 with a JSON error body;
// the token from the command line, a file or IRONFLOW_SERVE_TOKEN.
import { afterEach, describe, expect, it } from "vitest";
import { streamEvents } from "../../../../src/index.js";
import { tempDir } from "../../../support/cli-harness.js";
import { startCli } from "../../../support/cli-process.js";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const cli = startCli(["serve", "--generate", "--port", "0", "--rate", "200", ...args], { env });
  cleanups.push(() => cli.stop());
  return cli.firstLine();
}

async function status(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; type: string | null }> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(5000) });
  const type = response.headers.get("content-type");
  if (response.status === 200) {
    await response.body?.cancel();
    return { status: 200, body: "", type };
  }
  return { status: response.status, body: await response.text(), type };
}

describe("serve --token", () => {
  it("answers 401 with a JSON body without the token, and streams with it as a Bearer or as the cookie", async () => {
    const url = await serve(["--token", "t0k3n"]);
    const wrong: Record<string, string>[] = [
      {},
      { authorization: "Bearer wrong" },
      { authorization: "t0k3n" },
      { cookie: "ironflow_token=nope" },
    ];
    for (const headers of wrong) {
      const answer = await status(url, headers);
      expect(answer.status, JSON.stringify(headers)).toBe(401);
      expect(answer.type).toBe("application/json");
      expect(JSON.parse(answer.body)).toEqual({ error: "unauthorized" });
    }
    expect((await status(url, { authorization: "Bearer t0k3n" })).status).toBe(200);
    expect((await status(url, { cookie: "theme=dark; ironflow_token=t0k3n" })).status).toBe(200);
    const events = streamEvents(url, {
      headers: { authorization: "Bearer t0k3n" },
      signal: AbortSignal.timeout(10_000),
    });
    for await (const event of events) {
      expect(typeof event.at).toBe("string");
      break;
    }
  });

  it("is checked before the query: a bad query without the token is a 401", async () => {
    const url = await serve(["--token", "t0k3n"]);
    expect((await status(`${url}?types=nope`)).status).toBe(401);
    expect((await status(`${url}?types=nope`, { authorization: "Bearer t0k3n" })).status).toBe(400);
  });

  it("comes from IRONFLOW_SERVE_TOKEN or --token-file as well, never needing the command line", async () => {
    const fromEnv = await serve([], { IRONFLOW_SERVE_TOKEN: "env-token" });
    expect((await status(fromEnv)).status).toBe(401);
    expect((await status(fromEnv, { authorization: "Bearer env-token" })).status).toBe(200);
    const { dir, remove } = tempDir({ "token.txt": "file-token\n" });
    cleanups.push(remove);
    const fromFile = await serve(["--token-file", `${dir}/token.txt`]);
    expect((await status(fromFile, { authorization: "Bearer file-token" })).status).toBe(200);
    const open = await serve([]);
    expect((await status(open)).status).toBe(200); // no token: no authentication
  });
});
