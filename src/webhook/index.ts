/**
 * ironflow-events/webhook: a webhook receiver for the engine's signed webhooks, as a
 * web-standard `(Request) => Promise<Response>` (Hono, Next.js route handlers, Bun.serve,
 * Deno.serve, Cloudflare Workers), and an adapter for node:http, Express and Fastify. A subpath
 * of its own, so browser bundles of the main entry do not carry it.
 * @example
 * ```ts
 * import { createWebhookHandler } from "ironflow-events/webhook";
 *
 * export const POST = createWebhookHandler({
 *   secret: process.env.WEBHOOK_SECRET!,
 *   on: { run_failed: (event) => console.error(`${event.workflow_name} failed`, event.error) },
 * });
 * ```
 * @packageDocumentation
 */
export { createWebhookHandler, DEFAULT_WEBHOOK_TIMEOUT_MS } from "./handler.js";
export type { WebhookEventHandlers, WebhookHandlerOptions } from "./handler.js";
export { toNodeHandler } from "./node-adapter.js";
export type { NodeHandlerOptions, NodeRequest, NodeResponse } from "./node-adapter.js";
