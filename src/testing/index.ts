/**
 * ironflow-events/testing: realistic events for tests and demos, without an engine. Events as
 * the engine writes them (makeEvent), whole runs (makeRun), webhook signatures (signWebhook)
 * and the engine's JSON text (toEngineJson); seeded, so the same seed gives the same events.
 * Property-test arbitraries (fast-check) are in `ironflow-events/testing/arbitraries`.
 *
 * Like the main entry, it imports nothing from Node and runs anywhere JavaScript does.
 * @example
 * ```ts
 * import { makeEvent, makeRun, signWebhook } from "ironflow-events/testing";
 *
 * const failed = makeEvent("run_failed", { workflow_name: "deploy" }, { seed: 1 });
 * const run = makeRun({ seed: 2, outcome: "completed" });
 * ```
 * @packageDocumentation
 */
export { makeEvent } from "./make-event.js";
export type { EventOverrides, MakeEventOptions } from "./make-event.js";
export type { KitEngineOptions } from "./kit-format.js";
export { makeRun, RUN_OUTCOMES } from "./make-run.js";
export type { MakeRunOptions, RunEvent, RunOutcome } from "./make-run.js";
export { signWebhook } from "./sign-webhook.js";
export { toEngineJson } from "./engine-json.js";
export { MAX_SEED } from "./random.js";
