/**
 * ironflow-events/standard: the events as Standard Schemas (with the Standard JSON Schema
 * extension), for the frameworks that take a validator: tRPC, Hono, TanStack Form and Router,
 * React Hook Form and others. A subpath of its own: it carries the bundled JSON Schema, which
 * bundles of the main entry do not need.
 * @example
 * ```ts
 * import { eventSchema, eventSchemas } from "ironflow-events/standard";
 *
 * const result = await eventSchema["~standard"].validate(JSON.parse(body));
 * if (!result.issues) console.log(result.value.type);
 * ```
 * @packageDocumentation
 */
export { eventSchema, eventSchemas } from "./schemas.js";
export type { EventInput, EventSchema, EventSchemaIssue } from "./schemas.js";
