// signWebhook: the X-Signature-256 value the engine sends with a webhook, for tests that post
// signed requests to a receiver.
import { describeValue } from "../describe.js";
import { hmacSha256, SIGNATURE_PREFIX } from "../webhook.js";

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
  let bytes: Uint8Array;
  if (typeof body === "string") bytes = new TextEncoder().encode(body);
  else if (body instanceof Uint8Array) bytes = body;
  else if (body instanceof ArrayBuffer) bytes = new Uint8Array(body);
  else
    throw new TypeError(`${caller}: body must be a string, a Uint8Array or an ArrayBuffer, got ${describeValue(body)}`);
  let key: Uint8Array;
  if (typeof secret === "string") key = new TextEncoder().encode(secret);
  else if (secret instanceof Uint8Array) key = secret;
  else throw new TypeError(`${caller}: secret must be a string or a Uint8Array, got ${describeValue(secret)}`);
  if (key.byteLength === 0) throw new TypeError(`${caller}: secret is empty; the engine signs only with a secret`);
  const digest = await hmacSha256(key, bytes, caller);
  let hex = "";
  for (const byte of digest) hex += byte.toString(16).padStart(2, "0");
  return `${SIGNATURE_PREFIX}${hex}`;
}
