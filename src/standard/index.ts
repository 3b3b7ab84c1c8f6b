/**
 * ironflow-events/standard: the events as Standard Schemas (with the Standard JSON Schema
 * extension), for the frameworks that take a validator: tRPC, Hono, TanStack Form and Router,
 * React Hook Form and others. A subpath of its own: it carries the bundled JSON Schema, which
 * bundles of the main entry do not need.
 * @example
 * ```ts
 * import { eventSchema, eventSchemaFor, eventSchemas } from "ironflow-events/standard";
 *
 * const result = await eventSchema["~standard"].validate(JSON.parse(body));
 * if (!result.issues) console.log(result.value.type);
 *
 * const older = eventSchemaFor("2.31.4"); // as engine 2.31.4 reads events
 * ```
 * @packageDocumentation
 */
export { eventSchema, eventSchemaFor, eventSchemas, eventSchemasFor } from "./schemas.js";
export type { EventInput, EventInputAt, EventSchema, EventSchemaIssue, EventSchemasAt } from "./schemas.js";
