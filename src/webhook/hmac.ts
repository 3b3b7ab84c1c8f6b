// HMAC-SHA256 with a fixed list of keys, made once: the computation under the engine's
// webhook signature. Two ways, one result:
// - the runtime's own synchronous HMAC, where the runtime offers one without an import
//   (`process.getBuiltinModule("node:crypto")`: Node 20.16 and later, Bun, Deno, workerd with
//   nodejs_compat). In Node, Web Crypto's HMAC costs some 10 µs a call on an idle machine and
//   several times that under load (each call is a job for the thread pool), which held a
//   receiver to under half a bare node:http one; createHmac costs 2 to 3 µs.
// - Web Crypto everywhere else (browsers, edge runtimes), with each key imported once, on first
//   use, and kept: importing costs more than the HMAC of an event.
// No `node:` import either way, so the module loads in any runtime.

/** The HMAC-SHA256 of a body with each key, in the order of the secrets. */
export interface HmacKeys {
  digests(body: Uint8Array): Uint8Array[] | Promise<Uint8Array[]>;
}

/** Which way the keys are used: tests pass "web-crypto" to check that way where Node has the other. */
export type HmacWay = "native" | "web-crypto";

/**
 * The keys of `secrets`, used the fastest way the runtime has (`way` forces one). `caller`
 * names the function in the error thrown, at the first digest, where there is no Web Crypto.
 */
export function hmacKeys(secrets: readonly Uint8Array[], caller: string, way?: HmacWay): HmacKeys {
  const createHmac = way === "web-crypto" ? undefined : nativeCreateHmac();
  if (createHmac !== undefined)
    return { digests: (body) => secrets.map((key) => createHmac("sha256", key).update(body).digest()) };
  return new WebCryptoKeys(secrets, caller);
}

/** The part of node:crypto used here. */
interface NativeCrypto {
  createHmac(algorithm: "sha256", key: Uint8Array): { update(data: Uint8Array): { digest(): Uint8Array } };
}

/** node:crypto's createHmac, where the runtime hands it out without an import; otherwise undefined. */
function nativeCreateHmac(): NativeCrypto["createHmac"] | undefined {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof runtime?.getBuiltinModule !== "function") return undefined;
  try {
    const crypto = runtime.getBuiltinModule("node:crypto") as Partial<NativeCrypto> | undefined;
    return typeof crypto?.createHmac === "function" ? crypto.createHmac : undefined;
  } catch {
    return undefined; // a runtime that lists the function but refuses the module
  }
}

/** Web Crypto's SubtleCrypto and its keys, named from the global (the library's types include no DOM). */
type Subtle = typeof globalThis.crypto.subtle;
type HmacKey = Awaited<ReturnType<Subtle["importKey"]>>;

class WebCryptoKeys implements HmacKeys {
  readonly #secrets: readonly Uint8Array[];
  readonly #caller: string;
  #keys: Promise<HmacKey[]> | undefined;

  constructor(secrets: readonly Uint8Array[], caller: string) {
    this.#secrets = secrets;
    this.#caller = caller;
  }

  async digests(body: Uint8Array): Promise<Uint8Array[]> {
    const subtle = webCrypto(this.#caller);
    this.#keys ??= Promise.all(this.#secrets.map((secret) => importHmacKey(subtle, secret))).catch((error: unknown) => {
      this.#keys = undefined; // not kept: the next call tries again
      throw error;
    });
    const keys = await this.#keys;
    const digests = await Promise.all(keys.map((key) => subtle.sign("HMAC", key, body)));
    return digests.map((digest) => new Uint8Array(digest));
  }
}

function importHmacKey(subtle: Subtle, secret: Uint8Array): Promise<HmacKey> {
  return subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

function webCrypto(caller: string): Subtle {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) throw new TypeError(noWebCrypto(caller));
  return subtle;
}

/**
 * Why Web Crypto is missing. Browsers give `crypto.subtle` to secure contexts only (https:, or
 * http: on localhost): on a plain http: page `crypto` is there and `crypto.subtle` is not, which
 * is the common case, so the message names it.
 */
function noWebCrypto(caller: string): string {
  const where = globalThis as { isSecureContext?: boolean; location?: { origin?: string } };
  if (where.isSecureContext === false)
    return (
      `${caller} needs Web Crypto (crypto.subtle), which browsers give only to secure contexts ` +
      `(https:, or http://localhost), and ${where.location?.origin ?? "this page"} is not one`
    );
  return `${caller} needs Web Crypto (globalThis.crypto.subtle), which this runtime does not provide`;
}
