// Events the tests of the webhook handler, the Standard Schemas and their docs send: plain data,
// importable from any runtime (the portable webhook check runs in Bun, Deno and workerd too).

/** A run_failed as the engine may send it: without `error`, which the engine reads as null. */
export const WIRE_RUN_FAILED = {
  type: "run_failed" as const,
  run_id: "6f453241-8579-4d6e-8ab2-171da6321d19",
  workflow_name: "deploy",
  cost_usd: 0.42,
  duration_ms: 6467644,
  at: "2026-11-25T22:24:21.123456789Z",
};

/** The same run_failed with its error, as JSON text. */
export const RUN_FAILED_TEXT = JSON.stringify({ ...WIRE_RUN_FAILED, error: "exit 1" });
