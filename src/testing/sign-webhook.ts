// signWebhook: the X-Signature-256 value the engine sends with a webhook, for tests that post
// signed requests to a receiver.
import { describeValue } from "../describe.js";
import { bodyBytes, secretBytes, signatureOf } from "../webhook/signature.js";

/**
 * The value of the `X-Signature-256` header the engine sends with `body` when the webhook's
 * secret is `secret`: `sha256=` and the lower-case hex HMAC-SHA256 of the body's bytes (a
 * string body is taken as UTF-8). Web Crypto, so it runs in Node, browsers and edge runtimes.
 * Sign the exact bytes you post: verifyWebhook checks them, not the JSON they hold.
 * @example
 * const body = JSON.stringify(makeEvent("run_failed"));
 * await fetch(url, {
 *   method: "POST",
 *   headers: { "content-type": "application/json", [SIGNATURE_HEADER]: await signWebhook(body, "s3cret") },
 *   body,
 * });
 */
export async function signWebhook(
  body: string | Uint8Array | ArrayBuffer,
  secret: string | Uint8Array,
): Promise<string> {
  const caller = "signWebhook";
  // The kinds are checked here, with this kit's words; signature.ts makes the bytes and the HMAC.
  const bytes = bodyBytes(body as unknown);
  if (bytes === undefined)
    throw new TypeError(`${caller}: body must be a string, a Uint8Array or an ArrayBuffer, got ${describeValue(body)}`);
  const key = secretBytes(secret as unknown);
  if (key === undefined)
    throw new TypeError(`${caller}: secret must be a string or a Uint8Array, got ${describeValue(secret)}`);
  if (key.byteLength === 0) throw new TypeError(`${caller}: secret is empty; the engine signs only with a secret`);
  return signatureOf(bytes, key, caller);
}
