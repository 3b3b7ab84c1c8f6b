// The signature module on its own: what it signs is what it accepts, for the bytes of a body
// given as a string, bytes or an ArrayBuffer, and for any one of several secrets; what it
// refuses, it refuses with the code verifyWebhook throws. (Through verifyWebhook, the
// handler and signWebhook, the same module is tested against Node's crypto and openssl.)
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bodyBytes, checkSignature, secretBytes, secretList, signatureOf } from "../../src/webhook/signature.js";

const BODY = '{"type":"log_line","line":"héllo 🦀"}';
const SECRET = "whsec_✓";

describe("signatureOf", () => {
  it("is sha256= and the lower-case hex HMAC-SHA256 of the body's UTF-8 bytes", async () => {
    const expected = `sha256=${createHmac("sha256", SECRET).update(Buffer.from(BODY, "utf8")).digest("hex")}`;
    const bytes = new TextEncoder().encode(BODY);
    expect(await signatureOf(BODY, SECRET, "test")).toBe(expected);
    expect(await signatureOf(bytes, new TextEncoder().encode(SECRET), "test")).toBe(expected);
    expect(await signatureOf(bytes.buffer as ArrayBuffer, SECRET, "test")).toBe(expected);
  });
});

describe("checkSignature", () => {
  it("accepts what signatureOf signs, with any one of the keys, and refuses another body", async () => {
    const header = await signatureOf(BODY, SECRET, "test");
    const keys = secretList(["whsec_other", SECRET], "test");
    expect(await checkSignature(header, bodyBytes(BODY), keys, "test")).toBeUndefined();
    expect(await checkSignature(header, bodyBytes(`${BODY} `), keys, "test")).toMatchObject({ code: "mismatch" });
  });

  it.each([
    [undefined, "missing"],
    ["  ", "missing"],
    ["sha1=00", "malformed"],
    [["a", "b"], "malformed"],
  ])("refuses %j as %s", async (header, code) => {
    expect(await checkSignature(header, bodyBytes(BODY), [secretBytes(SECRET)], "test")).toMatchObject({ code });
  });
});

describe("bodyBytes and secretBytes", () => {
  it("take strings as UTF-8 and bytes as they are; other kinds are left to the caller to refuse", () => {
    expect(bodyBytes("é")).toEqual(new Uint8Array([0xc3, 0xa9]));
    expect(secretBytes(new Uint8Array([1]))).toEqual(new Uint8Array([1]));
    expect(bodyBytes(42 as unknown)).toBeUndefined();
    expect(secretBytes(new ArrayBuffer(1) as unknown)).toBeUndefined();
  });
});
