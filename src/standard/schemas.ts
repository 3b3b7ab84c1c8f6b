// eventSchema and eventSchemas: the package's validation behind the Standard Schema interface
// (tRPC, Hono, TanStack Form and Router, React Hook Form... take it as they take zod's), with the
// Standard JSON Schema extension for tools that want the schema itself (OpenAPI generators); the
// newest engine's, and through eventSchemaFor and eventSchemasFor another version's.
import type { EngineFormatOf, EngineFormats, NewestEngine } from "../../generated/types.js";
import { type Format, formatFor, NEWEST } from "../engine/index.js";
import type { Event, EventAt, EventOf, EventTypeAt } from "../event.js";
import type { EventInputMap, EventType, IssueCode, ModelledEngine, ValidationIssue } from "../types.js";
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
 * EventInput of engine version `V` (a version string such as "2.31.4"): that version's wire
 * shape of type `T` (of any of its types without `T`), the fields it reads with a default
 * optional. The input type of eventSchemaFor(V) and eventSchemasFor(V).
 * @example
 * const wire: EventInputAt<"2.31", "run_failed"> = {
 *   type: "run_failed", run_id: "0190f5a2-1c2d-7e3f-8a4b-5c6d7e8f9a0b", workflow_name: "deploy",
 *   cost_usd: 0.42, duration_ms: 1200, at: "2026-11-25T22:24:21Z", labels: { team: "infra" },
 * };
 */
export type EventInputAt<V extends string = NewestEngine, T extends EventTypeAt<V> = EventTypeAt<V>> = InputOf<
  EngineFormatOf<V>,
  T
>;

/** The wire input type of type T in format F (each format of a union of them). */
type InputOf<F, T> = F extends keyof EngineFormats
  ? T extends keyof EngineFormats[F]["input"]
    ? EngineFormats[F]["input"][T]
    : never
  : never;

/**
 * Every type's Standard Schema of engine version V, by type: what eventSchemasFor(V) returns.
 * @example
 * const schemas: EventSchemasAt<"2.14"> = eventSchemasFor("2.14"); // 12 types, no run_budget_exceeded
 */
export type EventSchemasAt<V extends string = NewestEngine> = {
  readonly [T in EventTypeAt<V>]: EventSchema<EventOf<T, V>, EventInputAt<V, T>>;
};
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

function schemaFor<Output, Input>(format: Format, type: string | undefined): EventSchema<Output, Input> {
  // The format's id is one of its versions: validateEvent resolves it to the format itself.
  const options = { engine: format.format };
  const standard = {
    version: 1 as const,
    vendor: VENDOR,
    validate(value: unknown): StandardSchemaV1.Result<Output> {
      const result = validateEvent(value, options);
      if (!result.ok) return { issues: result.issues.map((issue) => standardIssue(issue, value)) };
      if (type !== undefined && result.event.type !== type) {
        const message = `must be "${type}" (this schema takes ${type} events only), got "${result.event.type}"`;
        const issue: EventSchemaIssue = { message, path: ["type"], code: "type" };
        return { issues: [issue] };
      }
      return { value: result.event as Output };
    },
    jsonSchema: {
      input: (target: StandardJSONSchemaV1.Options) => jsonSchemaOf(format, type, "input", target),
      output: (target: StandardJSONSchemaV1.Options) => jsonSchemaOf(format, type, "output", target),
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
export const eventSchema: EventSchema<Event, EventInput> = schemaFor(NEWEST, undefined);

/**
 * One Standard Schema per event type: `eventSchemas.run_failed` accepts run_failed events only
 * (output RunFailed); its JSON Schema is the variant's with the definitions it uses.
 * @example
 * const onFailure = t.procedure.input(eventSchemas.run_failed).mutation(({ input }) => input.error);
 */
export const eventSchemas: { readonly [T in EventType]: EventSchema<EventOf<T>, EventInput<T>> } =
  schemasOf(NEWEST) as unknown as { readonly [T in EventType]: EventSchema<EventOf<T>, EventInput<T>> };

function schemasOf(format: Format): Readonly<Record<string, EventSchema<unknown, unknown>>> {
  return Object.freeze(Object.fromEntries(format.eventTypes.map((type) => [type, schemaFor(format, type)])));
}

/** Per format id, its schemas once made: one object per format, whichever version names it. */
const made = new Map<string, { any: EventSchema<unknown, unknown>; byType: Readonly<Record<string, unknown>> }>([
  [NEWEST.format, { any: eventSchema, byType: eventSchemas }],
]);

function madeFor(engine: string, caller: string) {
  const format = formatFor(engine, caller); // a TypeError naming the modelled versions
  let schemas = made.get(format.format);
  if (schemas === undefined) {
    schemas = { any: schemaFor(format, undefined), byType: schemasOf(format) };
    made.set(format.format, schemas);
  }
  return schemas;
}

/**
 * eventSchema of engine version `engine` ("2.31.4", "2.31", "v2.31.4"): validates as
 * validateEvent with that `engine` does (its types, its defaults filled in) and gives that
 * version's bundle as its JSON Schema; its types are that version's Event and wire input. The
 * same object for every version of one format; eventSchema itself for the newest. A version the
 * package does not model is a TypeError naming the ones it does (and, as a literal, a compile error).
 * @example
 * import { eventSchemaFor } from "ironflow-events/standard";
 *
 * const schema = eventSchemaFor("2.31.4");
 * const result = await schema["~standard"].validate(JSON.parse(body));
 * if (!result.issues && result.value.type === "run_failed") console.log(result.value.labels);
 */
export function eventSchemaFor<const V extends string>(
  engine: ModelledEngine<V>,
): EventSchema<EventAt<V>, EventInputAt<V>> {
  return madeFor(engine, "eventSchemaFor").any as EventSchema<EventAt<V>, EventInputAt<V>>;
}

/**
 * eventSchemas of engine version `engine`: one Standard Schema per event type of that version
 * (the types it does not have are absent), each accepting its own type only.
 * @example
 * import { eventSchemasFor } from "ironflow-events/standard";
 *
 * const { run_failed } = eventSchemasFor("2.14");
 * const result = await run_failed["~standard"].validate(JSON.parse(body)); // output: 2.14's RunFailed, no labels
 */
export function eventSchemasFor<const V extends string>(engine: ModelledEngine<V>): EventSchemasAt<V> {
  return madeFor(engine, "eventSchemasFor").byType as unknown as EventSchemasAt<V>;
}
