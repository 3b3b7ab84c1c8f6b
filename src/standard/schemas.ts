// eventSchema and eventSchemas: the package's validation behind the Standard Schema interface
// (tRPC, Hono, TanStack Form and Router, React Hook Form... take it as they take zod's), with the
// Standard JSON Schema extension for tools that want the schema itself (OpenAPI generators).
import { EVENT_TYPES } from "../../generated/constants.js";
import type { Event, EventOf } from "../event.js";
import type { EventInputMap, EventType, IssueCode, ValidationIssue } from "../types.js";
import { validateEvent } from "../validate.js";
import { jsonSchemaOf } from "./json-schema.js";
import { pointerToPath } from "./path.js";
import type { StandardJSONSchemaV1, StandardSchemaV1 } from "./spec.js";

/**
 * An event as it may arrive on the wire: like EventOf<T>, except that the fields the engine
 * reads with a default when absent (`error` and `labels` of run_failed, a log line's `id`, an
 * approval's counts and requirement, at any depth) may be left out. The input type of
 * eventSchema and eventSchemas; generated from the schemas (EventInputMap).
 * @example
 * const wire: EventInput<"run_failed"> = {
 *   type: "run_failed", run_id: "0190f5a2-1c2d-7e3f-8a4b-5c6d7e8f9a0b", workflow_name: "deploy",
 *   cost_usd: 0.42, duration_ms: 1200, at: "2026-11-25T22:24:21Z", // no error, no labels: read as null and {}
 * };
 */
export type EventInput<T extends EventType = EventType> = EventInputMap[T];

/**
 * A Standard Schema issue as eventSchema reports it: the Standard `message` and `path` (keys,
 * array indexes as numbers), and our stable `code`.
 * @example
 * const issue: EventSchemaIssue = { message: "is required: a UUID", path: ["run_id"], code: "required" };
 */
export interface EventSchemaIssue extends StandardSchemaV1.Issue {
  readonly path: readonly PropertyKey[];
  readonly code: IssueCode;
}

/**
 * A Standard Schema (and Standard JSON Schema) of events: input the wire shape, output the
 * parsed event.
 * @example
 * const schema: EventSchema<RunFailed, EventInput<"run_failed">> = eventSchemas.run_failed;
 */
export interface EventSchema<Output, Input>
  extends StandardSchemaV1<Input, Output>, StandardJSONSchemaV1<Input, Output> {
  readonly "~standard": StandardSchemaV1.Props<Input, Output> & StandardJSONSchemaV1.Props<Input, Output>;
}

const VENDOR = "ironflow-events";

function schemaFor<Output, Input>(type: EventType | undefined): EventSchema<Output, Input> {
  const standard = {
    version: 1 as const,
    vendor: VENDOR,
    validate(value: unknown): StandardSchemaV1.Result<Output> {
      const result = validateEvent(value);
      if (!result.ok) return { issues: result.issues.map((issue) => standardIssue(issue, value)) };
      if (type !== undefined && result.event.type !== type) {
        const message = `must be "${type}" (this schema takes ${type} events only), got "${result.event.type}"`;
        const issue: EventSchemaIssue = { message, path: ["type"], code: "type" };
        return { issues: [issue] };
      }
      return { value: result.event as Output };
    },
    jsonSchema: {
      input: (options: StandardJSONSchemaV1.Options) => jsonSchemaOf(type, "input", options),
      output: (options: StandardJSONSchemaV1.Options) => jsonSchemaOf(type, "output", options),
    },
  };
  return Object.freeze({ "~standard": Object.freeze(standard) });
}

function standardIssue(issue: ValidationIssue, input: unknown): EventSchemaIssue {
  return { message: issue.message, path: pointerToPath(issue.path, input), code: issue.code };
}

/**
 * Any event, as a Standard Schema: `~standard.validate` checks a parsed value as validateEvent
 * does (the output is the Event, `error: null` filled in; the issues keep our `code`), and
 * `~standard.jsonSchema.input/output({ target })` gives the bundled JSON Schema
 * (`"draft-2020-12"`, or `"draft-07"`; any other target throws).
 * @example
 * import { sValidator } from "@hono/standard-validator";
 * app.post("/events", sValidator("json", eventSchema), (c) => {
 *   const event = c.req.valid("json"); // Event
 *   return c.text(event.type);
 * });
 */
export const eventSchema: EventSchema<Event, EventInput> = schemaFor(undefined);

/**
 * One Standard Schema per event type: `eventSchemas.run_failed` accepts run_failed events only
 * (output RunFailed); its JSON Schema is the variant's with the definitions it uses.
 * @example
 * const onFailure = t.procedure.input(eventSchemas.run_failed).mutation(({ input }) => input.error);
 */
export const eventSchemas: { readonly [T in EventType]: EventSchema<EventOf<T>, EventInput<T>> } = Object.freeze(
  Object.fromEntries(EVENT_TYPES.map((type) => [type, schemaFor(type)])) as unknown as {
    [T in EventType]: EventSchema<EventOf<T>, EventInput<T>>;
  },
);
