// hmac.ts: the two ways of computing the webhook's HMAC-SHA256 (the runtime's own, reached
// without an import, and Web Crypto with keys imported once) give node:crypto's digest, for
// keys shorter and longer than SHA-256's 64-byte block and bodies from empty to 1 MiB.
import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { hmacKeys, type HmacWay } from "../../src/webhook/hmac.js";
import { seededRandom } from "../support/seeded-random.js";

const random = seededRandom(22);
const bytes = (length: number) => Uint8Array.from({ length }, () => Math.floor(random() * 256));
const KEYS = [bytes(1), bytes(32), bytes(64), bytes(65), bytes(200), new TextEncoder().encode("whsec_✓")];
const BODIES = [
  bytes(0),
  bytes(1),
  bytes(55),
  bytes(64),
  bytes(300),
  bytes(1024 * 1024),
  new TextEncoder().encode('{"line":"héllo 🦀"}'),
];

afterEach(() => vi.restoreAllMocks());

describe.each<HmacWay>(["native", "web-crypto"])("hmacKeys, the %s way", (way) => {
  it("gives node:crypto's HMAC-SHA256 of each body with each key, in the order of the keys", async () => {
    const keys = hmacKeys(KEYS, "test", way);
    for (const body of BODIES) {
      const digests = await keys.digests(body);
      expect(digests.map((d) => Buffer.from(d).toString("hex"))).toEqual(
        KEYS.map((key) => createHmac("sha256", key).update(body).digest("hex")),
      );
    }
  });
});

describe("hmacKeys: which way", () => {
  it("takes the runtime's own HMAC where process.getBuiltinModule hands it out, importing no key", async () => {
    const importKey = vi.spyOn(crypto.subtle, "importKey");
    const digests = hmacKeys([KEYS[1]!], "test").digests(BODIES[4]!);
    expect(digests).toBeInstanceOf(Array); // synchronous: no job for a thread pool
    expect(importKey).not.toHaveBeenCalled();
  });

  it("takes Web Crypto where there is no process.getBuiltinModule (browsers, edge runtimes)", async () => {
    vi.spyOn(process, "getBuiltinModule").mockReturnValue(undefined as never);
    const importKey = vi.spyOn(crypto.subtle, "importKey");
    const keys = hmacKeys([KEYS[1]!, KEYS[2]!], "test");
    await keys.digests(BODIES[4]!);
    await keys.digests(BODIES[5]!);
    expect(importKey).toHaveBeenCalledTimes(2); // once per key, on first use
  });
});
