// What each subpath entry (ironflow-events/webhook, /standard) takes from the modules the main
// entry carries, as an object the main entry exports, left out of its types. A subpath's build
// imports its object from the main entry's file (scripts/build/on-main-entry.ts reads the names
// below): one copy of each module in a process that loads both. An object per subpath, and each
// a literal marked pure, so that a bundle leaves out what it does not use, with whatever only
// that uses. Not API: a name here may change in any release.
import { MAX_TIMEOUT_MS } from "./abortable-sleep.js";
import { ENGINE_FORMATS, formatFor, NEWEST } from "./engine/index.js";
import { EventValidationError } from "./errors.js";
import { unknownEventIn } from "./match.js";
import { DEFAULT_MAX_SIZE, validateEvent } from "./validate.js";
import { bodyBytes, secretList, SIGNATURE_HEADER, SignatureKeys } from "./webhook/signature.js";
import { parseVerified } from "./webhook/verify.js";

/**
 * What ironflow-events/webhook takes from the main entry, and each
 * ironflow-events/engines/<format>/webhook from its format's entry (ENGINE_FORMATS: its check
 * that it was built for its format).
 */
export const __webhook = /* @__PURE__ */ Object.freeze({
  bodyBytes,
  DEFAULT_MAX_SIZE,
  ENGINE_FORMATS,
  EventValidationError,
  formatFor,
  MAX_TIMEOUT_MS,
  parseVerified,
  secretList,
  SIGNATURE_HEADER,
  SignatureKeys,
  unknownEventIn,
});

/** What ironflow-events/standard takes from the main entry. */
export const __standard = /* @__PURE__ */ Object.freeze({ formatFor, NEWEST, validateEvent });
