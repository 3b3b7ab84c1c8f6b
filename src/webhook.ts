// verifyWebhook: checks the engine's webhook signature (X-Signature-256: sha256=<hex HMAC-SHA256
// of the raw body>) and then the event. Web Crypto only, so it runs in edge runtimes and Node 20.
import { EventValidationError } from "./errors.js";
import { jsonSyntaxIssue } from "./issues/index.js";
import type { Event } from "./event.js";
import type { ValidateOptions } from "./types.js";
import { parseEvent } from "./validate.js";

/**
 * Why a webhook's signature was refused:
 * - `missing`: no X-Signature-256 header (or an empty one);
 * - `malformed`: the header is not `sha256=` followed by 64 hex digits;
 * - `mismatch`: well formed, but not the HMAC of this body with this secret (a wrong secret, or a
 *   body changed on the way, or re-serialized before checking).
 * @example
 * if (error instanceof WebhookVerificationError && error.code === "mismatch") console.warn("wrong secret?");
 */
export type WebhookErrorCode = "missing" | "malformed" | "mismatch";

/**
 * Thrown by verifyWebhook when the signature does not prove that the body came from the
 * engine; answer such a request with 401. `code` says why.
 * @example
 * try {
 *   await verifyWebhook(body, request.headers.get("x-signature-256"), secret);
 * } catch (error) {
 *   if (error instanceof WebhookVerificationError) console.warn(error.code); // "missing" | "malformed" | "mismatch"
 * }
 */
export class WebhookVerificationError extends Error {
  override readonly name = "WebhookVerificationError";
  readonly code: WebhookErrorCode;

  constructor(code: WebhookErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * The header the engine signs its webhooks in.
 * @example
 * const signature = request.headers[SIGNATURE_HEADER.toLowerCase()];
 */
export const SIGNATURE_HEADER = "X-Signature-256";

const PREFIX = "sha256=";
/** What the value of X-Signature-256 starts with, before the hex digest. */
export { PREFIX as SIGNATURE_PREFIX };
const HEX_LENGTH = 64; // SHA-256: 32 bytes

/**
 * Checks a webhook from the engine and returns its event.
 *
 * 1. `signatureHeader` (the value of X-Signature-256; `undefined` or `null` when absent; Node's
 *    `string[]` for a repeated header is taken when it holds one value) must be `sha256=`
 *    followed by 64 hex digits. The prefix is lower case, as the engine writes it; the digits may
 *    be either case. Spaces or tabs around the value are ignored, as HTTP ignores them.
 * 2. It must equal the HMAC-SHA256 of `rawBody` with `secret`, compared in constant time.
 *    `secret` may be a list (while rotating secrets): the HMAC of any one of them is accepted.
 *    `rawBody` is the body exactly as received: bytes, or a string that is those bytes decoded
 *    as UTF-8 unchanged. Never a re-serialized `JSON.stringify(req.body)`: that changes the bytes.
 * 3. The body is then parsed with parseEvent (`options`: `strict`, `maxSize`).
 *
 * Throws WebhookVerificationError (`code`: `missing`, `malformed`, `mismatch`) for a bad
 * signature, EventValidationError for an authentic body that is not a valid event (including
 * bytes that are not UTF-8), and TypeError for an empty or missing `secret` (or an empty list, or
 * an empty secret in the list): with no secret anyone could sign, so that is a configuration
 * error, not a refused request. It also throws a TypeError where there is no Web Crypto: browsers
 * have it only in secure contexts (https: pages, or http://localhost), so on a plain http: page
 * verifyWebhook cannot run.
 * @example
 * const event = await verifyWebhook(rawBody, req.headers["x-signature-256"], process.env.WEBHOOK_SECRET!);
 * if (event.type === "run_failed") alert(event.workflow_name, event.error);
 */
export async function verifyWebhook(
  rawBody: Uint8Array | ArrayBuffer | string,
  signatureHeader: string | readonly string[] | null | undefined,
  secret: WebhookSecret,
  options?: ValidateOptions,
): Promise<Event> {
  const keys = secretList(secret);
  const body = bodyBytes(rawBody);
  const claimed = parseSignature(signatureHeader);
  // Every secret is tried, even after a match, so the time taken does not tell which one matched.
  let matched = false;
  for (const key of keys) if (equalInConstantTime(await hmacSha256(key, body), claimed)) matched = true;
  if (!matched)
    throw new WebhookVerificationError(
      "mismatch",
      `${SIGNATURE_HEADER} does not match the body: ${
        keys.length === 1 ? "the secret differs" : `none of the ${keys.length} secrets signed it`
      }, or the body was changed (or re-serialized) after signing`,
    );
  return parseEvent(typeof rawBody === "string" ? rawBody : utf8(body), options);
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

/**
 * The secret, or secrets, a webhook may be signed with: while rotating, list the new and the
 * old one, and a webhook signed with either is accepted.
 * @example
 * const secret: WebhookSecret = [process.env.WEBHOOK_SECRET!, process.env.WEBHOOK_SECRET_PREVIOUS!];
 */
export type WebhookSecret = string | Uint8Array | readonly (string | Uint8Array)[];

/** The secrets as bytes; a TypeError for none, or for any one that is empty or not a string or bytes. */
export function secretList(secret: unknown, caller = "verifyWebhook"): Uint8Array[] {
  if (!Array.isArray(secret)) return [secretBytes(secret, caller)];
  if (secret.length === 0)
    throw new TypeError(`${caller}: the list of secrets is empty; with no secret anyone could sign a webhook`);
  return secret.map((one) => secretBytes(one, caller));
}

/**
 * The HMAC-SHA256 of `body` with `key`, by Web Crypto (so it runs in edge runtimes too): the
 * signature the engine puts in X-Signature-256. `caller` names the function in the error thrown
 * where Web Crypto is missing.
 */
export async function hmacSha256(key: Uint8Array, body: Uint8Array, caller = "verifyWebhook"): Promise<Uint8Array> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) throw new TypeError(noWebCrypto(caller));
  const hmacKey = await subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await subtle.sign("HMAC", hmacKey, body));
}

function secretBytes(secret: unknown, caller: string): Uint8Array {
  if (typeof secret === "string") {
    if (secret.length > 0) return new TextEncoder().encode(secret);
  } else if (secret instanceof Uint8Array) {
    if (secret.byteLength > 0) return secret;
  } else {
    throw new TypeError(
      `${caller}: the secret must be a string or a Uint8Array, got ${secret === null ? "null" : typeof secret}`,
    );
  }
  throw new TypeError(
    `${caller}: the secret is empty; with no secret anyone could sign a webhook (check its configuration)`,
  );
}

function bodyBytes(rawBody: unknown): Uint8Array {
  if (typeof rawBody === "string") return new TextEncoder().encode(rawBody);
  if (rawBody instanceof Uint8Array) return rawBody; // a Node Buffer is one
  if (rawBody instanceof ArrayBuffer) return new Uint8Array(rawBody);
  throw new TypeError(
    `verifyWebhook: rawBody must be the body as received (a Uint8Array, Buffer, ArrayBuffer or string), got ${
      rawBody === null ? "null" : typeof rawBody
    }`,
  );
}

/** The 32 bytes a header claims; throws `missing` or `malformed`. */
function parseSignature(header: unknown): Uint8Array {
  let value = header;
  if (Array.isArray(value)) {
    if (value.length > 1)
      throw new WebhookVerificationError(
        "malformed",
        `${SIGNATURE_HEADER} was sent ${value.length} times; expected once`,
      );
    value = value[0];
  }
  if (value === undefined || value === null) throw missing();
  if (typeof value !== "string")
    throw new WebhookVerificationError("malformed", `${SIGNATURE_HEADER} must be a string, got ${typeof value}`);
  const text = trimSpaces(value);
  if (text === "") throw missing();
  if (!text.startsWith(PREFIX))
    throw new WebhookVerificationError(
      "malformed",
      `${SIGNATURE_HEADER} must start with "${PREFIX}" (then 64 hex digits)`,
    );
  const hex = text.slice(PREFIX.length);
  if (hex.length !== HEX_LENGTH)
    throw new WebhookVerificationError(
      "malformed",
      `${SIGNATURE_HEADER} must hold ${HEX_LENGTH} hex digits after "${PREFIX}" (a SHA-256 HMAC), got ${hex.length} characters`,
    );
  const bytes = new Uint8Array(HEX_LENGTH / 2);
  for (let i = 0; i < bytes.length; i++) {
    const high = hexValue(hex.charCodeAt(2 * i));
    const low = hexValue(hex.charCodeAt(2 * i + 1));
    if (high < 0 || low < 0)
      throw new WebhookVerificationError(
        "malformed",
        `${SIGNATURE_HEADER} holds a character that is not a hex digit after "${PREFIX}"`,
      );
    bytes[i] = (high << 4) | low;
  }
  return bytes;
}

/** `s` without the spaces and tabs around it (HTTP's optional white space); a loop, as a regex could backtrack. */
function trimSpaces(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && (s[start] === " " || s[start] === "\t")) start++;
  while (end > start && (s[end - 1] === " " || s[end - 1] === "\t")) end--;
  return s.slice(start, end);
}

function missing(): WebhookVerificationError {
  return new WebhookVerificationError(
    "missing",
    `no ${SIGNATURE_HEADER} header: the request is unsigned (is a secret set for this webhook in the engine?)`,
  );
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 97 && c <= 102) return c - 87; // a-f
  if (c >= 65 && c <= 70) return c - 55; // A-F
  return -1;
}

/**
 * Compares two digests touching every byte whatever they hold, so the time taken tells an
 * attacker nothing about how much of a forged signature was right. Both are 32 bytes here.
 */
function equalInConstantTime(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false; // lengths are public: both are SHA-256 digests
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

/** The body as text for parseEvent; bytes that are not UTF-8 make it an invalid event. */
function utf8(body: Uint8Array): string {
  try {
    // A BOM is kept, so JSON.parse refuses it as it would in a string body; the engine writes none.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    throw new EventValidationError([jsonSyntaxIssue("the body is not UTF-8 text")]);
  }
}
