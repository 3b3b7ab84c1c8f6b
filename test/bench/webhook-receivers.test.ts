// The webhook benchmark's baseline (bench/webhook/receivers.ts) is a receiver, not a stub: it
// answers 204 only to a body signed with one of its secrets, refuses the rest as the package
// does, and holds the same size limit. Otherwise the ratio would flatter nothing but itself.
import { createHmac } from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bare, FOUR_SECRETS, MAX_SIZE, SECRET } from "../../bench/webhook/receivers.js";
import { listenLocally, type LocalServer } from "../support/local-server.js";
import { RUN_FAILED_TEXT } from "../support/sample-events.js";

let server: LocalServer;
let base: string;
beforeAll(async () => {
  server = await listenLocally(http.createServer(bare(FOUR_SECRETS)));
  base = server.origin;
});
afterAll(() => server.close());

const sign = (body: string, secret: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
const post = (body: string, signature?: string) =>
  fetch(`${base}/`, { method: "POST", headers: signature ? { "X-Signature-256": signature } : {}, body });

describe("the bare receiver of the webhook benchmark", () => {
  it("accepts a body signed with any of its secrets (the last one included)", async () => {
    expect((await post(RUN_FAILED_TEXT, sign(RUN_FAILED_TEXT, SECRET))).status).toBe(204);
    expect((await post(RUN_FAILED_TEXT, sign(RUN_FAILED_TEXT, FOUR_SECRETS[0]!))).status).toBe(204);
  });

  it("refuses an unsigned, a wrongly signed or an unparsable body, one over the limit, and other methods", async () => {
    expect((await post(RUN_FAILED_TEXT)).status).toBe(401);
    expect((await post(RUN_FAILED_TEXT, sign(RUN_FAILED_TEXT, "whsec_other"))).status).toBe(401);
    expect((await post("{", sign("{", SECRET))).status).toBe(400);
    const large = " ".repeat(MAX_SIZE + 1);
    expect((await post(large, sign(large, SECRET))).status).toBe(413);
    expect((await fetch(`${base}/`)).status).toBe(405);
  });
});
