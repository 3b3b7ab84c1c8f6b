// The engine's webhook signature, in one place: the header it travels in (X-Signature-256:
// sha256=<hex HMAC-SHA256 of the raw body>), the bytes of a secret and of a body, and the HMAC
// itself (by hmac.ts). verifyWebhook, the handler, the Node adapter, signWebhook and the CLI's
// delivery all sign or check through here. No node: import, so it runs in browsers and edge runtimes.
import { hmacKeys, type HmacKeys, type HmacWay } from "./hmac.js";

/**
 * The header the engine signs its webhooks in.
 * @example
 * const signature = request.headers[SIGNATURE_HEADER.toLowerCase()];
 */
export const SIGNATURE_HEADER = "X-Signature-256";

/** What the value of X-Signature-256 starts with, before the hex digest. */
const PREFIX = "sha256=";
const HEX_LENGTH = 64; // SHA-256: 32 bytes

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
 * The secret, or secrets, a webhook may be signed with: while rotating, list the new and the
 * old one, and a webhook signed with either is accepted.
 * @example
 * const secret: WebhookSecret = [process.env.WEBHOOK_SECRET!, process.env.WEBHOOK_SECRET_PREVIOUS!];
 */
export type WebhookSecret = string | Uint8Array | readonly (string | Uint8Array)[];

/**
 * A secret's bytes: a string as UTF-8, bytes as they are; undefined for any other kind, which
 * each caller refuses in its own words. An empty secret is returned as it is, for the same reason.
 */
export function secretBytes(secret: string | Uint8Array): Uint8Array;
export function secretBytes(secret: unknown): Uint8Array | undefined;
export function secretBytes(secret: unknown): Uint8Array | undefined {
  if (typeof secret === "string") return new TextEncoder().encode(secret);
  if (secret instanceof Uint8Array) return secret; // a Node Buffer is one
  return undefined;
}

/**
 * A body's bytes, as signed: a string as UTF-8, bytes as they are, an ArrayBuffer seen as bytes;
 * undefined for any other kind, which each caller refuses in its own words.
 */
export function bodyBytes(body: string | Uint8Array | ArrayBuffer): Uint8Array;
export function bodyBytes(body: unknown): Uint8Array | undefined;
export function bodyBytes(body: unknown): Uint8Array | undefined {
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return secretBytes(body);
}

/**
 * The secrets as bytes; a TypeError for none, or for any one that is unset, empty or not a
 * string or bytes. An entry of a list is named by its index (`secret[1]`): a rotation list is
 * usually made of environment variables, and the message must say which one is unset.
 */
export function secretList(secret: unknown, caller: string): Uint8Array[] {
  if (!Array.isArray(secret)) return [nonEmptySecret(secret, caller, "the secret")];
  if (secret.length === 0)
    throw new TypeError(`${caller}: the list of secrets is empty; with no secret anyone could sign a webhook`);
  return secret.map((one, index) => nonEmptySecret(one, caller, `secret[${index}]`));
}

/**
 * How to leave an unset secret out of a rotation list, for the messages below: the previous
 * secret is often unset between rotations, and a list holding `undefined` is refused.
 */
const UNSET_HINT = "leave a secret that is not set out of the list: [current, previous].filter((s) => s !== undefined)";

function nonEmptySecret(secret: unknown, caller: string, name: string): Uint8Array {
  const inList = name !== "the secret";
  if (secret === undefined || secret === null)
    throw new TypeError(
      `${caller}: ${name} is ${String(secret)} (an unset environment variable?)` + (inList ? `; ${UNSET_HINT}` : ""),
    );
  const bytes = secretBytes(secret);
  if (bytes === undefined)
    throw new TypeError(`${caller}: ${name} must be a string or a Uint8Array, got ${typeof secret}`);
  if (bytes.byteLength === 0)
    throw new TypeError(
      `${caller}: ${name} is empty; with no secret anyone could sign a webhook (check its configuration)` +
        (inList ? `; ${UNSET_HINT}` : ""),
    );
  return bytes;
}

/**
 * The value of X-Signature-256 the engine sends with `body` signed with `secret`: `sha256=` and
 * the lower-case hex HMAC-SHA256 of the body's bytes. `caller` names the function in the error
 * thrown where there is no way to compute it (no Web Crypto).
 */
export async function signatureOf(
  body: string | Uint8Array | ArrayBuffer,
  secret: string | Uint8Array,
  caller: string,
): Promise<string> {
  const [digest] = await hmacKeys([secretBytes(secret)], caller).digests(bodyBytes(body));
  let hex = "";
  for (const byte of digest!) hex += byte.toString(16).padStart(2, "0");
  return `${PREFIX}${hex}`;
}

/** Why a signature was refused, and what to say of it: verifyWebhook throws it as a WebhookVerificationError. */
export interface SignatureRefusal {
  code: WebhookErrorCode;
  message: string;
}

/**
 * Whether `header` (the value of X-Signature-256, as a request gives it) is the HMAC-SHA256 of
 * `body` with one of `secrets`: undefined when it is, otherwise why not. For one check: a
 * receiver, which checks many, keeps a SignatureKeys.
 */
export function checkSignature(
  header: unknown,
  body: Uint8Array,
  secrets: readonly Uint8Array[],
  caller: string,
): Promise<SignatureRefusal | undefined> {
  return new SignatureKeys(secrets, caller).check(header, body);
}

/** The secrets of a receiver, made into HMAC keys once (hmac.ts), and the check of a signature with them. */
export class SignatureKeys {
  readonly #keys: HmacKeys;
  readonly #count: number;

  /** `caller` names the function in the error thrown where there is no way to compute an HMAC. */
  constructor(secrets: readonly Uint8Array[], caller: string, way?: HmacWay) {
    this.#keys = hmacKeys(secrets, caller, way);
    this.#count = secrets.length;
  }

  /**
   * Whether `header` is the HMAC-SHA256 of `body` with one of the secrets: undefined when it
   * is, otherwise why not. Every secret is tried, even after a match, so the time taken does not
   * tell which one matched; the digests are compared in constant time.
   */
  async check(header: unknown, body: Uint8Array): Promise<SignatureRefusal | undefined> {
    const claimed = parseSignature(header);
    if (!(claimed instanceof Uint8Array)) return claimed;
    let matched = false;
    for (const digest of await this.#keys.digests(body)) if (equalInConstantTime(digest, claimed)) matched = true;
    if (matched) return undefined;
    return {
      code: "mismatch",
      message: `${SIGNATURE_HEADER} does not match the body: ${
        this.#count === 1 ? "the secret differs" : `none of the ${this.#count} secrets signed it`
      }, or the body was changed (or re-serialized) after signing`,
    };
  }
}

/** The 32 bytes a header claims, or why it is `missing` or `malformed`. */
function parseSignature(header: unknown): Uint8Array | SignatureRefusal {
  let value = header;
  if (Array.isArray(value)) {
    if (value.length > 1) return malformed(`${SIGNATURE_HEADER} was sent ${value.length} times; expected once`);
    value = value[0];
  }
  if (value === undefined || value === null) return missing();
  if (typeof value !== "string") return malformed(`${SIGNATURE_HEADER} must be a string, got ${typeof value}`);
  const text = trimSpaces(value);
  if (text === "") return missing();
  if (!text.startsWith(PREFIX))
    return malformed(`${SIGNATURE_HEADER} must start with "${PREFIX}" (then 64 hex digits)`);
  const hex = text.slice(PREFIX.length);
  if (hex.length !== HEX_LENGTH)
    return malformed(
      `${SIGNATURE_HEADER} must hold ${HEX_LENGTH} hex digits after "${PREFIX}" (a SHA-256 HMAC), got ${hex.length} characters`,
    );
  const bytes = new Uint8Array(HEX_LENGTH / 2);
  for (let i = 0; i < bytes.length; i++) {
    const high = hexValue(hex.charCodeAt(2 * i));
    const low = hexValue(hex.charCodeAt(2 * i + 1));
    if (high < 0 || low < 0)
      return malformed(`${SIGNATURE_HEADER} holds a character that is not a hex digit after "${PREFIX}"`);
    bytes[i] = (high << 4) | low;
  }
  return bytes;
}

// Made where it is needed: a bundler keeps a template with a substitution at the top level of
// a bundle that uses nothing of this module, for all it knows of its effects.
function missing(): SignatureRefusal {
  return {
    code: "missing",
    message: `no ${SIGNATURE_HEADER} header: the request is unsigned (is a secret set for this webhook in the engine?)`,
  };
}

function malformed(message: string): SignatureRefusal {
  return { code: "malformed", message };
}

/** `s` without the spaces and tabs around it (HTTP's optional white space); a loop, as a regex could backtrack. */
function trimSpaces(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && (s[start] === " " || s[start] === "\t")) start++;
  while (end > start && (s[end - 1] === " " || s[end - 1] === "\t")) end--;
  return s.slice(start, end);
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
