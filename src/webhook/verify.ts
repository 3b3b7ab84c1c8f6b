// verifyWebhook: checks the engine's webhook signature (signature.ts) and then the event.
import { EventValidationError } from "../errors.js";
import { jsonSyntaxIssue } from "../issues/index.js";
import { formatFor } from "../engine/index.js";
import type { EventAt } from "../event.js";
import type { NewestEngine, ValidateOptions } from "../types.js";
import { parseEvent, type OptionsAt } from "../validate.js";
import { bodyBytes, checkSignature, secretList, type WebhookErrorCode, type WebhookSecret } from "./signature.js";

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
 * 3. The body is then parsed with parseEvent (`options`: `engine`, `strict`, `maxSize`): as
 *    the engine version `engine` reads it, and typed as its event (the newest modelled without it).
 *
 * Throws WebhookVerificationError (`code`: `missing`, `malformed`, `mismatch`) for a bad
 * signature, EventValidationError for an authentic body that is not a valid event (including
 * bytes that are not UTF-8), and TypeError for an empty or missing `secret` (or an empty list, or
 * an empty secret in the list): with no secret anyone could sign, so that is a configuration
 * error, not a refused request; and for an `engine` the package does not model, before looking at
 * the request. It also throws a TypeError where there is no Web Crypto: browsers
 * have it only in secure contexts (https: pages, or http://localhost), so on a plain http: page
 * verifyWebhook cannot run.
 * @example
 * const event = await verifyWebhook(rawBody, req.headers["x-signature-256"], process.env.WEBHOOK_SECRET!);
 * if (event.type === "run_failed") alert(event.workflow_name, event.error);
 */
export async function verifyWebhook<const V extends string = NewestEngine>(
  rawBody: Uint8Array | ArrayBuffer | string,
  signatureHeader: string | readonly string[] | null | undefined,
  secret: WebhookSecret,
  options?: OptionsAt<V>,
): Promise<EventAt<V>> {
  const caller = "verifyWebhook";
  const keys = secretList(secret, caller);
  formatFor(options?.engine, caller); // an unmodelled version is refused before the request is looked at
  const body = bodyBytes(rawBody as unknown); // JavaScript callers may pass anything
  if (body === undefined)
    throw new TypeError(
      `${caller}: rawBody must be the body as received (a Uint8Array, Buffer, ArrayBuffer or string), got ${
        rawBody === null ? "null" : typeof rawBody
      }`,
    );
  const refusal = await checkSignature(signatureHeader, body, keys, caller);
  if (refusal !== undefined) throw new WebhookVerificationError(refusal.code, refusal.message);
  return parseEvent<V>(typeof rawBody === "string" ? rawBody : utf8(body), options);
}

/**
 * The event in a body whose signature has been checked: parseEvent of its text. Throws
 * EventValidationError, bytes that are not UTF-8 included.
 */
export function parseVerified(body: Uint8Array, options: ValidateOptions): EventAt<string> {
  return parseEvent(utf8(body), options as OptionsAt<string>);
}

// A BOM is kept, so JSON.parse refuses it as it would in a string body; the engine writes none.
// One decoder for every call: a whole decode leaves nothing behind, a failed one included. Made
// on the first body, not when the package loads.
let decoder: InstanceType<typeof TextDecoder> | undefined;

/** The body as text for parseEvent; bytes that are not UTF-8 make it an invalid event. */
function utf8(body: Uint8Array): string {
  try {
    return (decoder ??= new TextDecoder("utf-8", { fatal: true, ignoreBOM: true })).decode(body);
  } catch {
    throw new EventValidationError([jsonSyntaxIssue("the body is not UTF-8 text")]);
  }
}
