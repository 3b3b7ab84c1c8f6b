// Step 8: an AsyncAPI 3.0 document of the engine's two ways of delivering events, the
// server-sent-events stream and the webhook, with one message per event variant whose payload
// is that variant's schema. Self-contained: every schema is copied under components.schemas.
// It describes the engine, so both operations are `send`.
import { stringify } from "yaml";
import { defName } from "./bundle.js";
import { rangeText, type EngineFormat } from "./engine-versions.js";
import type { Json, LoadedSchemas, SchemaObject } from "./load-schemas.js";

const SCHEMAS = "#/components/schemas/";

/** What goes into the YAML: JSON, plus bigints for integers too large for a double. */
type Yaml = null | boolean | number | bigint | string | Yaml[] | { [key: string]: Yaml };

/**
 * The AsyncAPI document of one engine format (`info.version` is its range of engine versions)
 * as YAML text, without the header (the output step adds it).
 * Deterministic: the same schemas always give the same text.
 * @example
 * const yaml = emitAsyncApi(bundleSchemas(loaded), loaded, versions.formats[0]); // "asyncapi: 3.0.0\ninfo: ..."
 */
export function emitAsyncApi(bundle: SchemaObject, loaded: LoadedSchemas, format: EngineFormat): string {
  const engines = rangeText(format);
  const $defs = bundle.$defs as Record<string, SchemaObject>;
  const types = loaded.variants.map(defName);
  const schemas: Record<string, Yaml> = {};
  for (const [name, def] of Object.entries($defs)) schemas[name] = toAsyncApiSchema(def);
  schemas.webhook_headers = WEBHOOK_HEADERS;

  const messages: Record<string, Yaml> = {};
  for (const file of loaded.variants) {
    const type = defName(file);
    const description = file.schema.description as string;
    messages[type] = {
      name: type,
      title: file.schema.title as string,
      summary: firstSentence(description),
      description,
      contentType: "application/json",
      headers: { $ref: `${SCHEMAS}webhook_headers` },
      payload: { $ref: `${SCHEMAS}${type}` },
      examples: (file.schema.examples as Json[]).map((payload, i) => ({
        name: `${type}_${i + 1}`,
        payload: toAsyncApiSchema(payload),
      })),
    };
  }
  const alternatives = types.map((t) => t.replaceAll(".", "\\.")).join("|"); // a dot in a wire type is a dot
  const channelMessages = () => Object.fromEntries(types.map((t) => [t, { $ref: `#/components/messages/${t}` }]));
  const operationMessages = (channel: string) => types.map((t) => ({ $ref: `#/channels/${channel}/messages/${t}` }));

  const document = {
    asyncapi: "3.0.0",
    info: {
      title: "ironflow engine events",
      version: engines,
      description: [
        `The domain events of the ironflow workflow engine as ironflow-engine ${engines} writes them (${types.length} event types).`,
        "The engine delivers each event in two ways: on the server-sent-events stream of its API (channel `events`) and to the webhooks configured in it (channel `webhook`).",
        'Every event is a flat JSON object whose `"type"` names its variant; each variant is a message here, its payload the JSON Schema of that variant.',
        "Readers ignore fields they do not know; a `type` they do not know is an event of a newer engine.",
      ].join("\n\n"),
    },
    defaultContentType: "application/json",
    servers: {
      engine: {
        host: "{host}",
        protocol: "http",
        title: "The engine's HTTP API",
        description: "Where the engine's API listens; it serves the event stream.",
        variables: { host: { default: "localhost:8080", description: "Host and port of the engine's API." } },
      },
      webhook_receiver: {
        host: "{host}",
        protocol: "http",
        title: "A webhook receiver",
        description:
          "Your service, at the URL configured as a webhook in the engine; the engine POSTs every event to it.",
        variables: { host: { description: "Host and port of your webhook endpoint." } },
      },
    },
    channels: {
      events: {
        address: "/api/v1/events",
        title: "Event stream",
        description: [
          "A `text/event-stream` response (server-sent events) that stays open. Each event is one frame: an `event:` line with the event's type (the message's `name`) and a `data:` line with the event as JSON on one line, then a blank line.",
          "A keep-alive comment (a line starting with `:`) comes every 30 seconds. Frames have no `id:`, so a client that reconnects gets only what happens after it is back.",
          "The query parameters `types` and `run_id` (in the operation's HTTP binding) filter the stream.",
        ].join("\n\n"),
        servers: [{ $ref: "#/servers/engine" }],
        messages: channelMessages(),
      },
      webhook: {
        address: null,
        title: "Webhook",
        description: [
          "Each event as one HTTP POST to a webhook URL configured in the engine (so the address is not fixed here).",
          "The body is the event's JSON, with `Content-Type: application/json`. When the webhook has a secret, the header `X-Signature-256: sha256=<hex>` carries the HMAC-SHA256 of the raw body keyed with that secret: verify it over the bytes received, before parsing them.",
        ].join("\n\n"),
        servers: [{ $ref: "#/servers/webhook_receiver" }],
        messages: channelMessages(),
      },
    },
    operations: {
      stream_events: {
        action: "send",
        channel: { $ref: "#/channels/events" },
        title: "Stream events",
        summary: "The engine streams events to a client of `GET /api/v1/events` as they happen.",
        bindings: {
          http: {
            method: "GET",
            query: {
              type: "object",
              properties: {
                types: {
                  type: "string",
                  description:
                    "Comma-separated event types: only events of these types are sent. Left out, every type is sent.",
                  pattern: `^(?:${alternatives})(?:,(?:${alternatives}))*$`,
                  examples: ["run_failed,step_failed"],
                },
                run_id: {
                  description: "Only events whose `run_id` is this run are sent.",
                  allOf: [{ $ref: `${SCHEMAS}uuid` }],
                },
              },
            },
            bindingVersion: "0.3.0",
          },
        },
        messages: operationMessages("events"),
      },
      deliver_webhook: {
        action: "send",
        channel: { $ref: "#/channels/webhook" },
        title: "Deliver to a webhook",
        summary: "The engine POSTs each event to every configured webhook.",
        bindings: { http: { method: "POST", bindingVersion: "0.3.0" } },
        messages: operationMessages("webhook"),
      },
    },
    components: { schemas, messages },
  };
  return stringify(document, {
    // YAML 1.1 quoting, so that readers of either version (js-yaml among them) read a timestamp
    // or "yes" in an example as the string it is; no folding, so a description stays one line.
    version: "1.1",
    aliasDuplicateObjects: false,
    lineWidth: 0,
    blockQuote: "literal",
  });
}

/** The HTTP headers of a webhook delivery. */
const WEBHOOK_HEADERS: Yaml = {
  type: "object",
  description:
    "HTTP headers of a webhook delivery. An event on the stream has none of its own: its frame carries only `event:` and `data:`.",
  required: ["Content-Type"],
  properties: {
    "Content-Type": { type: "string", const: "application/json" },
    "X-Signature-256": {
      type: "string",
      description:
        "Sent when the webhook has a secret: `sha256=` and the hex HMAC-SHA256 of the raw request body, keyed with the secret.",
      pattern: "^sha256=[0-9a-fA-F]{64}$",
    },
  },
};

/**
 * A bundle definition as an AsyncAPI Schema Object (JSON Schema draft 07 and more):
 * - `$ref`s point under components.schemas;
 * - a `$ref` with a title or description beside it becomes `allOf: [{ $ref }]`, because draft 07
 *   ignores whatever stands beside a `$ref` (and the parser drops it);
 * - numbers too large for a double become bigints, which YAML writes with every digit.
 */
function toAsyncApiSchema(node: Json): Yaml {
  if (Array.isArray(node)) return node.map(toAsyncApiSchema);
  if (!node || typeof node !== "object") return node;
  if ("isLosslessNumber" in node) return BigInt((node as { value: string }).value);
  const { $ref, ...rest } = node as SchemaObject;
  const out: Record<string, Yaml> = {};
  for (const [key, value] of Object.entries(rest)) out[key] = toAsyncApiSchema(value);
  if (typeof $ref !== "string") return out;
  const ref = { $ref: $ref.replace("#/$defs/", SCHEMAS) };
  return Object.keys(out).length === 0 ? ref : { ...out, allOf: [ref] };
}

function firstSentence(text: string): string {
  const match = /^.*?[.!?](?=\s|$)/.exec(text);
  return match ? match[0] : text;
}
