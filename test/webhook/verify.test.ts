import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { engineEventLines } from "../support/vectors.js";
import { rejectionOf } from "../support/thrown.js";
import { describe, expect, it, vi } from "vitest";
import { EventValidationError, parseEvent, verifyWebhook, WebhookVerificationError } from "../../src/index.js";

const VECTOR_LINES = engineEventLines();
/** One engine event of each type, and every one with a character outside ASCII. */
const SAMPLE = VECTOR_LINES.filter(
  (line, i) => /[^\x00-\x7f]/.test(line) || VECTOR_LINES.findIndex((l) => type(l) === type(line)) === i,
);
const SECRET = "whsec_3f9a c0ffee ✓"; // spaces and a non-ASCII character: the secret is taken as UTF-8 bytes
const BODY = VECTOR_LINES.find((line) => type(line) === "run_failed")!;

function type(line: string): string {
  return (JSON.parse(line) as { type: string }).type;
}

/** The signature as the engine sends it, computed with Node's crypto module, not Web Crypto. */
function nodeSignature(body: string | Uint8Array, secret: string | Uint8Array = SECRET): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** The signature computed by the openssl command line tool, or undefined where it is not installed. */
const hasOpenssl = spawnSync("openssl", ["version"]).status === 0;
function opensslSignature(body: string, secret: string = SECRET): string {
  const result = spawnSync("openssl", ["dgst", "-sha256", "-hmac", secret], { input: Buffer.from(body, "utf8") });
  if (result.status !== 0) throw new Error(`openssl failed: ${result.stderr.toString()}`);
  const hex = /([0-9a-f]{64})\s*$/.exec(result.stdout.toString())?.[1];
  if (hex === undefined) throw new Error(`unexpected openssl output: ${result.stdout.toString()}`);
  return `sha256=${hex}`;
}

const refusal = (promise: Promise<unknown>) => rejectionOf(promise, WebhookVerificationError);

describe("verifyWebhook: authentic webhooks", () => {
  it(`accepts engine events signed by Node's crypto module (${SAMPLE.length} events) and returns them parsed`, async () => {
    expect(SAMPLE.length).toBeGreaterThan(300);
    for (const body of SAMPLE) {
      expect(await verifyWebhook(Buffer.from(body), nodeSignature(body), SECRET)).toEqual(parseEvent(body));
    }
  });

  it(`accepts signatures made by the openssl command line (${hasOpenssl ? "installed" : "not installed: Node's crypto only"})`, async () => {
    const bodies = SAMPLE.slice(0, 24);
    for (const body of bodies) {
      const signature = hasOpenssl ? opensslSignature(body) : nodeSignature(body);
      if (hasOpenssl) expect(signature).toBe(nodeSignature(body)); // the two independent computations agree
      expect(await verifyWebhook(body, signature, SECRET)).toEqual(parseEvent(body));
    }
  });

  it("takes the body as a Buffer, a Uint8Array, an ArrayBuffer or a string", async () => {
    const bytes = new TextEncoder().encode(BODY);
    const signature = nodeSignature(BODY);
    const expected = parseEvent(BODY);
    expect(await verifyWebhook(Buffer.from(BODY), signature, SECRET)).toEqual(expected);
    expect(await verifyWebhook(bytes, signature, SECRET)).toEqual(expected);
    expect(await verifyWebhook(bytes.buffer.slice(0) as ArrayBuffer, signature, SECRET)).toEqual(expected);
    expect(await verifyWebhook(BODY, signature, SECRET)).toEqual(expected);
  });

  it("takes the secret as bytes", async () => {
    const secret = Uint8Array.of(0, 1, 2, 255, 254);
    expect(await verifyWebhook(BODY, nodeSignature(BODY, secret), secret)).toEqual(parseEvent(BODY));
  });

  it("accepts upper-case hex digits, white space around the value, and Node's one-element array", async () => {
    const signature = nodeSignature(BODY);
    const upper = `sha256=${signature.slice(7).toUpperCase()}`;
    expect(await verifyWebhook(BODY, upper, SECRET)).toEqual(parseEvent(BODY));
    expect(await verifyWebhook(BODY, ` \t${signature} `, SECRET)).toEqual(parseEvent(BODY));
    expect(await verifyWebhook(BODY, [signature], SECRET)).toEqual(parseEvent(BODY));
  });

  it("passes strict to parseEvent", async () => {
    const body = BODY.replace("{", '{"extra":1,');
    expect(await verifyWebhook(body, nodeSignature(body), SECRET)).toMatchObject({ extra: 1 });
    await expect(verifyWebhook(body, nodeSignature(body), SECRET, { strict: true })).rejects.toThrow(
      EventValidationError,
    );
  });
});

describe("verifyWebhook: mismatch", () => {
  const signature = nodeSignature(BODY);

  it.each([
    ["one character changed", BODY.replace('"run_failed"', '"run_faileD"')],
    ["a field's value changed", BODY.replace(/"duration_ms":\d+/, '"duration_ms":0')],
    ["a space added", BODY.replace("{", "{ ")],
    ["a trailing newline", `${BODY}\n`],
    ["re-serialized with indentation", JSON.stringify(JSON.parse(BODY), null, 2)],
    ["truncated", BODY.slice(0, -1)],
    ["empty", ""],
  ])("refuses a body %s after signing", async (_name, tampered) => {
    expect(tampered).not.toBe(BODY);
    const error = await refusal(verifyWebhook(tampered, signature, SECRET));
    expect(error.code).toBe("mismatch");
    expect(error.message).toMatch(/does not match the body/);
  });

  it("refuses a signature made with another secret", async () => {
    for (const secret of ["whsec_other", SECRET.slice(0, -1), `${SECRET} `])
      expect((await refusal(verifyWebhook(BODY, nodeSignature(BODY, secret), SECRET))).code).toBe("mismatch");
  });

  it("refuses a signature with any one hex digit changed", async () => {
    const hex = signature.slice(7);
    for (let i = 0; i < hex.length; i++) {
      const digit = hex[i] === "0" ? "1" : "0";
      const changed = `sha256=${hex.slice(0, i)}${digit}${hex.slice(i + 1)}`;
      expect((await refusal(verifyWebhook(BODY, changed, SECRET))).code).toBe("mismatch");
    }
  });

  it("refuses the signature of another event", async () => {
    const other = VECTOR_LINES[0]!;
    expect((await refusal(verifyWebhook(BODY, nodeSignature(other), SECRET))).code).toBe("mismatch");
  });
});

describe("verifyWebhook: malformed and missing headers", () => {
  const hex = nodeSignature(BODY).slice(7);

  it.each([
    ["no prefix", hex, /must start with "sha256="/],
    ["another algorithm", `sha1=${hex.slice(0, 40)}`, /must start with "sha256="/],
    ["an upper-case prefix", `SHA256=${hex}`, /must start with "sha256="/],
    ["a colon for the equals sign", `sha256:${hex}`, /must start with "sha256="/],
    ["an odd number of digits", `sha256=${hex.slice(0, 63)}`, /64 hex digits .* got 63 characters/],
    ["too many digits", `sha256=${hex}00`, /got 66 characters/],
    ["nothing after the prefix", "sha256=", /got 0 characters/],
    ["a non-hex character", `sha256=${hex.slice(0, 63)}g`, /not a hex digit/],
    [
      "base64 instead of hex",
      `sha256=${Buffer.from(hex, "hex").toString("base64").padEnd(64, "=")}`,
      /not a hex digit/,
    ],
    ["a space inside", `sha256= ${hex.slice(1)}`, /not a hex digit/],
    ["two signatures in one value", `sha256=${hex}, sha256=${hex}`, /got 137 characters/],
  ])("refuses %s as malformed", async (_name, header, message) => {
    const error = await refusal(verifyWebhook(BODY, header, SECRET));
    expect(error.code).toBe("malformed");
    expect(error.message).toMatch(message);
  });

  it("refuses a header sent twice as malformed", async () => {
    const signature = `sha256=${hex}`;
    const error = await refusal(verifyWebhook(BODY, [signature, signature], SECRET));
    expect(error.code).toBe("malformed");
    expect(error.message).toMatch(/sent 2 times/);
  });

  it.each([
    ["undefined", undefined],
    ["null", null],
    ["an empty string", ""],
    ["only spaces", "  "],
    ["an empty array", []],
  ])("reports a missing signature for %s", async (_name, header) => {
    const error = await refusal(verifyWebhook(BODY, header as string | undefined, SECRET));
    expect(error.code).toBe("missing");
    expect(error.message).toMatch(/no X-Signature-256 header/);
    expect(error.name).toBe("WebhookVerificationError");
  });
});

describe("verifyWebhook: other failures", () => {
  it("refuses an empty secret with a TypeError, before looking at the request", async () => {
    for (const secret of ["", new Uint8Array(0)]) {
      await expect(verifyWebhook(BODY, nodeSignature(BODY, "x"), secret)).rejects.toThrow(
        new TypeError(
          "verifyWebhook: the secret is empty; with no secret anyone could sign a webhook (check its configuration)",
        ),
      );
      await expect(verifyWebhook(BODY, undefined, secret)).rejects.toThrow(TypeError);
    }
    await expect(verifyWebhook(BODY, nodeSignature(BODY), undefined as never)).rejects.toThrow(
      "verifyWebhook: the secret is undefined (an unset environment variable?)",
    );
    await expect(verifyWebhook(BODY, nodeSignature(BODY), 42 as never)).rejects.toThrow(
      /must be a string or a Uint8Array, got number/,
    );
  });

  it("refuses a body of the wrong kind with a TypeError", async () => {
    await expect(verifyWebhook({ type: "run_failed" } as never, nodeSignature(BODY), SECRET)).rejects.toThrow(
      /rawBody must be the body as received/,
    );
  });

  it("says, with a TypeError, that it needs Web Crypto where there is none", async () => {
    // Chromium on a plain http: page (test/package/runtimes.test.ts loads one) has crypto without
    // subtle, and no process.getBuiltinModule to reach a native HMAC with.
    vi.spyOn(process, "getBuiltinModule").mockReturnValue(undefined as never);
    vi.stubGlobal("crypto", {});
    vi.stubGlobal("isSecureContext", false);
    vi.stubGlobal("location", { origin: "http://dashboard.internal" });
    try {
      await expect(verifyWebhook(BODY, nodeSignature(BODY), SECRET)).rejects.toThrow(
        new TypeError(
          "verifyWebhook needs Web Crypto (crypto.subtle), which browsers give only to secure contexts " +
            "(https:, or http://localhost), and http://dashboard.internal is not one",
        ),
      );
      vi.stubGlobal("isSecureContext", undefined); // not a browser
      await expect(verifyWebhook(BODY, nodeSignature(BODY), SECRET)).rejects.toThrow(
        new TypeError("verifyWebhook needs Web Crypto (globalThis.crypto.subtle), which this runtime does not provide"),
      );
    } finally {
      vi.unstubAllGlobals();
      vi.restoreAllMocks();
    }
    await expect(verifyWebhook(BODY, nodeSignature(BODY), SECRET)).resolves.toMatchObject({ type: "run_failed" });
  });

  it("throws EventValidationError for an authentic body that is not a valid event", async () => {
    const cases: [string, string][] = [
      ['{"type":"run_failed"}', "required"],
      ['{"type":"run_paused","run_id":"x"}', "unknown_event_type"],
      ["not json", "json_syntax"],
    ];
    for (const [body, code] of cases) {
      const error = await verifyWebhook(body, nodeSignature(body), SECRET).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventValidationError);
      expect((error as EventValidationError).issues.map((i) => i.code)).toContain(code);
    }
  });

  it("throws EventValidationError for an authentic body that is not UTF-8", async () => {
    const body = Buffer.concat([Buffer.from('{"type":"log_line","line":"'), Buffer.of(0xff), Buffer.from('"}')]);
    const error = await verifyWebhook(body, nodeSignature(body), SECRET).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventValidationError);
    expect((error as EventValidationError).issues).toEqual([
      { path: "", code: "json_syntax", message: "is not valid JSON: the body is not UTF-8 text" },
    ]);
  });

  it("checks the signature before the body: a forged invalid body is a signature failure", async () => {
    const error = await refusal(verifyWebhook("not json", nodeSignature(BODY), SECRET));
    expect(error.code).toBe("mismatch");
  });
});

describe("the consumer helpers run outside Node", () => {
  it("import nothing from node: (they use fetch, streams, TextDecoder and Web Crypto)", () => {
    const files = [
      "webhook/verify.ts",
      "webhook/signature.ts",
      "webhook/hmac.ts", // reaches node:crypto only through process.getBuiltinModule, where the runtime has it
      "webhook/handler.ts",
      "webhook/receive.ts",
      "webhook/deadline.ts",
      "webhook/read-body.ts",
      "webhook/responses.ts",
      "match.ts",
      "filter.ts",
      "stream/stream-events.ts",
      "stream/sse-decoder.ts",
      "stream/backoff.ts",
      "stream/request.ts",
      "abortable-sleep.ts",
    ];
    for (const file of files) {
      const source = readFileSync(new URL(`../../src/${file}`, import.meta.url), "utf8");
      expect(source, file).not.toMatch(/from\s+["']node:|require\(/);
    }
  });
});

describe("verifyWebhook: several secrets (rotation)", () => {
  const OLD = "whsec_old";
  const NEW = new TextEncoder().encode("whsec_new");

  it("accepts a body signed with any one of the secrets, and only those", async () => {
    for (const signer of [OLD, NEW]) {
      expect(await verifyWebhook(BODY, nodeSignature(BODY, signer), [OLD, NEW])).toEqual(parseEvent(BODY));
    }
    const refused = await refusal(verifyWebhook(BODY, nodeSignature(BODY, "whsec_other"), [OLD, NEW]));
    expect(refused.code).toBe("mismatch");
    expect(refused.message).toContain("none of the 2 secrets");
    expect(await verifyWebhook(BODY, nodeSignature(BODY, OLD), [OLD])).toEqual(parseEvent(BODY));
  });

  it("refuses an empty list, or one holding an empty or odd secret, as a configuration error", async () => {
    const signature = nodeSignature(BODY, OLD);
    for (const secrets of [[], [OLD, ""], [OLD, new Uint8Array()], [OLD, 42]]) {
      const error = await verifyWebhook(BODY, signature, secrets as string[]).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, JSON.stringify(secrets)).toBeInstanceOf(TypeError);
    }
  });
});

describe("verifyWebhook: the engine option", () => {
  const SEED_STATUS = JSON.stringify({
    type: "run_status_changed",
    run_id: "6f453241-8579-4d6e-8ab2-171da6321d19",
    workflow_name: "deploy",
    from: "running",
    to: "completed",
    error: null,
    cost_usd: 1.5,
    duration_ms: 60000,
    at: "2026-11-25T22:25:00Z",
  });

  it("reads the event as that version does, and types it so", async () => {
    const seed = await verifyWebhook(SEED_STATUS, nodeSignature(SEED_STATUS), SECRET, { engine: "2.14.1" });
    expect(seed).toEqual(JSON.parse(SEED_STATUS));
    if (seed.type === "run_status_changed") {
      // @ts-expect-error: 2.14's run_status_changed has no labels
      void seed.labels;
    }
    expect(await verifyWebhook(SEED_STATUS, nodeSignature(SEED_STATUS), SECRET)).toMatchObject({ labels: {} });
  });

  it("refuses a version the package does not model before looking at the request", async () => {
    const error = await rejectionOf(
      // @ts-expect-error: not a modelled engine version
      verifyWebhook(SEED_STATUS, "not even a signature", SECRET, { engine: "4.0.0" }),
      TypeError,
    );
    expect(error.message).toMatch(/^verifyWebhook: engine "4\.0\.0" is not modelled; modelled: /);
  });
});
