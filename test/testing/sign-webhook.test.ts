// signWebhook gives the header verifyWebhook accepts, and the HMAC a reference gives.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEvent, SIGNATURE_HEADER, verifyWebhook, WebhookVerificationError } from "../../src/index.js";
import { makeEvent, signWebhook, toEngineJson } from "../../src/testing/index.js";

describe("signWebhook", () => {
  it("is sha256= and the hex HMAC-SHA256 of the body's UTF-8 bytes", async () => {
    const body = toEngineJson(makeEvent("log_line", { line: "héllo 🦀" }, { seed: 1 }));
    const expected = `sha256=${createHmac("sha256", "s3cret").update(Buffer.from(body, "utf8")).digest("hex")}`;
    expect(await signWebhook(body, "s3cret")).toBe(expected);
    expect(await signWebhook(new TextEncoder().encode(body), new TextEncoder().encode("s3cret"))).toBe(expected);
    expect(await signWebhook(new TextEncoder().encode(body).buffer as ArrayBuffer, "s3cret")).toBe(expected);
  });

  it("signs what verifyWebhook accepts, and only for that secret and body", async () => {
    const event = makeEvent("run_failed", {}, { seed: 2 });
    const body = JSON.stringify(event);
    const header = await signWebhook(body, "s3cret");
    expect(SIGNATURE_HEADER).toBe("X-Signature-256");
    // The kit's event is the seed's; verifyWebhook reads it as the newest engine (its labels default to {}).
    expect(await verifyWebhook(body, header, "s3cret")).toEqual(parseEvent(body));
    await expect(verifyWebhook(body, header, "other")).rejects.toBeInstanceOf(WebhookVerificationError);
    await expect(verifyWebhook(`${body} `, header, "s3cret")).rejects.toThrow(/does not match/);
  });

  it("refuses an empty secret and bodies of other kinds", async () => {
    await expect(signWebhook("{}", "")).rejects.toThrow(/secret is empty/);
    await expect(signWebhook({} as never, "s")).rejects.toThrow(
      /body must be a string, a Uint8Array or an ArrayBuffer/,
    );
    await expect(signWebhook("{}", 5 as never)).rejects.toThrow(/secret must be a string or a Uint8Array/);
  });
});
