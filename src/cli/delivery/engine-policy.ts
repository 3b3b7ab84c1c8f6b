// How the engine delivers a webhook (notify/webhook.rs, notify/retry.rs, and reqwest's defaults),
// in numbers: the one place they are written. `send`, `serve --webhook` and `listen` deliver
// with them; `send`'s --attempts, --retry-delay and --timeout deviate from them on purpose.

/** Tries in all, the first included. */
export const ENGINE_ATTEMPTS = 3;
/** The wait before the second try; it doubles before each further one (0.5 s, then 1 s). */
export const ENGINE_FIRST_RETRY_DELAY_MS = 500;
/** How long one try may take, its redirects included (reqwest's per-request timeout). */
export const ENGINE_TIMEOUT_MS = 5_000;
/** reqwest's default redirect policy follows at most 10 redirects; the 11th is an error. */
export const ENGINE_MAX_REDIRECTS = 10;
