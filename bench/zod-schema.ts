// The comparison with zod 4: the 12 events as a discriminatedUnion on "type", written by hand
// to the rules of schemas/ as a zod user would write them (`z.guid()`, the timestamp pattern as a
// regex, number bounds, loose objects because the default mode keeps unknown fields).
// What zod has no natural way to say is left out, so zod does a little less work than this
// package: the x-engine-json rules (no lone surrogate in any string at any depth, keys and
// unknown fields included; finite numbers and at most 127 levels inside unknown fields).
import { z } from "zod";
import { TIMESTAMP_PATTERN, UUID_PATTERN } from "../src/rules/index.js";

/** zod's own `z.guid()`: the 8-4-4-4-12 hex shape of either case, the package's UUID pattern exactly. */
const uuid = z.guid();
if (!sameLanguage(uuid, UUID_PATTERN))
  throw new Error("zod-schema: z.guid() no longer reads as the package's UUID pattern");
const timestamp = z.string().regex(new RegExp(TIMESTAMP_PATTERN));
/** 2^96 - 2^42 as a double: the exclusive bound of schemas/defs/usd-cost.json. */
const COST_BOUND = 79228162514264333195497439232;
const cost = z.number().gt(-COST_BOUND).lt(COST_BOUND);
/** A u64: zod's .int() stops at 2^53, so the integer check is a refinement (and -0 is refused). */
const duration = z
  .number()
  .min(0)
  .max(18446744073709551615)
  .refine((n) => Number.isInteger(n) && !Object.is(n, -0), "must be a u64");
const runStatus = z.enum(["pending", "running", "completed", "failed", "retrying", "cancelled", "awaiting_approval"]);
const logStream = z.enum(["stdout", "stderr", "system"]);
/** Any string: one of the built-in kinds or the name of a custom operation. */
const stepKind = z.string();
/** run_failed and run_status_changed: a string or null, and absent reads as null. */
const optionalError = z.string().nullable().default(null);

/**
 * Every event, in the default mode (unknown fields accepted and kept).
 * @example
 * const result = zodEvent.safeParse(JSON.parse(line)); // result.success
 */
export const zodEvent = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("run_created"), run_id: uuid, workflow_name: z.string(), at: timestamp }),
  z.looseObject({
    type: z.literal("run_status_changed"),
    run_id: uuid,
    workflow_name: z.string(),
    from: runStatus,
    to: runStatus,
    error: optionalError,
    cost_usd: cost,
    duration_ms: duration,
    at: timestamp,
  }),
  z.looseObject({
    type: z.literal("run_failed"),
    run_id: uuid,
    workflow_name: z.string(),
    error: optionalError,
    cost_usd: cost,
    duration_ms: duration,
    at: timestamp,
  }),
  z.looseObject({
    type: z.literal("step_completed"),
    run_id: uuid,
    step_id: uuid,
    step_name: z.string(),
    kind: stepKind,
    duration_ms: duration,
    cost_usd: cost,
    at: timestamp,
  }),
  z.looseObject({
    type: z.literal("step_failed"),
    run_id: uuid,
    step_id: uuid,
    step_name: z.string(),
    kind: stepKind,
    error: z.string(),
    at: timestamp,
  }),
  z.looseObject({
    type: z.literal("approval_requested"),
    run_id: uuid,
    step_id: uuid,
    message: z.string(),
    at: timestamp,
  }),
  z.looseObject({ type: z.literal("approval_granted"), run_id: uuid, approved_by: z.string(), at: timestamp }),
  z.looseObject({ type: z.literal("approval_rejected"), run_id: uuid, rejected_by: z.string(), at: timestamp }),
  z.looseObject({
    type: z.literal("log_line"),
    run_id: uuid,
    step_id: uuid,
    step_name: z.string(),
    stream: logStream,
    line: z.string(),
    at: timestamp,
  }),
  z.looseObject({ type: z.literal("user_signed_in"), user_id: uuid, username: z.string(), at: timestamp }),
  z.looseObject({ type: z.literal("user_signed_up"), user_id: uuid, username: z.string(), at: timestamp }),
  z.looseObject({ type: z.literal("user_signed_out"), user_id: uuid, at: timestamp }),
]);

/**
 * The same schema compiled by zod 4's z.compile (code made with `new Function` when called).
 * `strict: true` throws if zod could not compile some part of it, so the bench never measures
 * zod's runtime parser under this name.
 * @example
 * zodCompiled.safeParse(JSON.parse(line)).success;
 */
export const zodCompiled = z.compile(zodEvent, { strict: true });

/**
 * True when `schema` (a zod string schema with one pattern) accepts the same strings as
 * `pattern`: compared on its pattern's text, after the grouping z.guid() wraps it in.
 */
function sameLanguage(schema: z.ZodType, pattern: string): boolean {
  const own = (schema as unknown as { _zod: { pattern?: RegExp } })._zod.pattern;
  const normal = (source: string) => source.replace(/^\^\((.*)\)\$$/, "^$1$").replace(/a-fA-F/g, "A-Fa-f");
  return own !== undefined && normal(own.source) === normal(pattern);
}
