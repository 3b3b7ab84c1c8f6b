// Step 10: generated/engines/<format>/, per engine format: index.ts, the module behind
// ironflow-events/engines/<format>, the main entry's API for that format alone, and webhook.ts,
// behind ironflow-events/engines/<format>/webhook, the webhook receiver's. Each re-exports
// the functions of its model (the main entry, ironflow-events/webhook) with the format's version
// fixed in their types, and the format's own constants. The build (tsup.config.ts) bundles it against generated modules made for this
// format only (scripts/build/one-format.ts), so that an app which reads one engine version does
// not carry the others' tables and validators; the module checks at load that it was built so.
// The lists below are the main entry's exports (test/package/engine-entries.test.ts holds the
// two to the same names).
import type { FormatSchemas } from "./filter-format.js";
import { rangeText, type EngineVersions } from "./engine-versions.js";

/**
 * The main entry's functions whose only type parameter is the engine version: each is
 * re-exported as `typeof f<Format>` (an instantiation expression: no signature written twice).
 */
const READERS = [
  "parseEvent",
  "validateEvent",
  "isEvent",
  "verifyWebhook",
  "nextStatuses",
  "canTransition",
  "isTerminal",
  "checkTransition",
] as const;

/**
 * The main entry's functions with type parameters beside the version, as one version sees
 * them: written out here, and checked by the compiler against the function itself (the entry
 * assigns the function to its view).
 */
const VIEWS: Record<string, string> = {
  streamEvents:
    "<const T extends EventType, const X extends string = never>(source: StreamSource, options?: StreamEventsOptionsAt<T, X, Format>) => AsyncIterable<EventOf<T>>",
  matchEvent:
    "<H extends EventHandlers>(input: unknown, handlers: ExactHandlers<H, Format>, options?: OptionsAt<Format>) => MatchResult<H>",
  filterEvents:
    "<const T extends EventType>(types: readonly T[], options?: EngineOptions<ModelledEngine<Format>>) => (event: Event) => event is Extract<Event, { type: T }>",
};

/** Values of the main entry that do not depend on the format, re-exported as they are. */
const SHARED_VALUES = [
  "eventType",
  "parseLogStream",
  "BUILTIN_STEP_KINDS",
  "LOG_STREAMS",
  "DEFAULT_MAX_SIZE",
  "EventValidationError",
  "formatIssue",
  "ISSUE_CODES",
  "EventStreamError",
  "MAX_LAST_EVENT_ID_BYTES",
  "MIN_RECONNECT_DELAY_MS",
  "SseDecoder",
  "WebhookVerificationError",
  "SIGNATURE_HEADER",
] as const;

/** Types of the main entry that do not depend on the format. */
const SHARED_TYPES = [
  "ValidationIssue",
  "ValidateOptions",
  "EngineOptions",
  "IssueCode",
  "StepKind",
  "LogStream",
  "UnknownEvent",
  "MatchResult",
  "StreamSource",
  "ReconnectInfo",
  "OpenInfo",
  "RetryOptions",
  "SseMessage",
  "SseDecoderOptions",
  "WebhookErrorCode",
  "WebhookSecret",
] as const;

/** The main entry's types that take the version, as this format's: name, then definition. */
const VERSIONED_TYPES: [string, string, string][] = [
  ["Event", "", "EventAt<Format>"],
  ["EventType", "", "EventTypeAt<Format>"],
  ["EventOf", "<T extends EventType>", "EventOfAt<T, Format>"],
  ["RunStatus", "", "RunStatusAt<Format>"],
  ["ValidationResult", "", "ValidationResultAt<Format>"],
  ["EventHandlers", "", "EventHandlersAt<Format>"],
  [
    "StreamEventsOptions",
    "<T extends string = EventType, X extends string = never>",
    "StreamEventsOptionsAt<T, X, Format>",
  ],
];

/**
 * The files of each format, `engines/<format>/index.ts` and `engines/<format>/webhook.ts`, with
 * their text; and `engine-entries.ts`, what every format's entry re-exports as it is.
 * @example
 * emitEngineEntries(formats, versions)[0]!.name; // "engine-entries.ts"
 */
export function emitEngineEntries(
  formats: readonly FormatSchemas[],
  versions: EngineVersions,
): { name: string; content: string }[] {
  return [
    { name: "engine-entries.ts", content: sharedEntry() },
    ...formats.flatMap((format, i) => [
      {
        name: `engines/${format.format}/index.ts`,
        content: engineEntry(format, rangeText(versions.formats[i]!), newestVersionOf(versions, i)),
      },
      {
        name: `engines/${format.format}/webhook.ts`,
        content: webhookEntry(format.format, rangeText(versions.formats[i]!)),
      },
    ]),
  ];
}

/** generated/engine-entries.ts: the main entry's names every format's entry re-exports as they are. */
function sharedEntry(): string {
  return [
    "// The main entry's values and types that do not depend on the engine format: what each",
    "// generated/engines/<format>/index.ts re-exports as it is (scripts/generate/emit-engine-entries.ts).",
    `export { ${SHARED_VALUES.join(", ")} } from "../src/index.js";`,
    `export type { ${SHARED_TYPES.join(", ")} } from "../src/index.js";`,
    "/**",
    " * @internal What an entry's webhook receiver takes from the entry's file (src/internal.ts): not",
    " * API; left out of the declarations.",
    " */",
    'export { __webhook } from "../src/index.js";',
    "",
  ].join("\n");
}

/** The module of ironflow-events/engines/<format>/webhook: the receiver typed and reading as the format. */
function webhookEntry(format: string, range: string): string {
  const id = JSON.stringify(format);
  return [
    "/**",
    ` * ironflow-events/engines/${format}/webhook: the webhook receiver of ironflow-events/webhook for`,
    ` * engine ${range} alone, reading that format without an \`engine\` option and typed for it; it`,
    ` * shares its code with ironflow-events/engines/${format} and carries no other format.`,
    " * @example",
    " * ```ts",
    ` * import { createWebhookHandler } from "ironflow-events/engines/${format}/webhook";`,
    " *",
    " * export const POST = createWebhookHandler({",
    " *   secret: process.env.WEBHOOK_SECRET!,",
    " *   on: { run_failed: (event) => console.error(`${event.workflow_name} failed`, event.error) },",
    " * });",
    " * ```",
    " * @packageDocumentation",
    " */",
    "import {",
    "  createWebhookHandler as createWebhookHandlerAt,",
    "  type WebhookEventHandlers as WebhookEventHandlersAt,",
    "  type WebhookHandlerOptions as WebhookHandlerOptionsAt,",
    `} from "${SRC}webhook/index.js";`,
    `import { ENGINE_FORMATS } from "${SRC}engine/index.js";`,
    "",
    `export { toNodeHandler, DEFAULT_WEBHOOK_TIMEOUT_MS } from "${SRC}webhook/index.js";`,
    `export type { NodeHandlerOptions, NodeRequest, NodeResponse } from "${SRC}webhook/index.js";`,
    "",
    "/** The engine format this entry reads. */",
    `type Format = ${id};`,
    "",
    ...builtAlone(format, `${format}/webhook`, "ENGINE_FORMATS"),
    "",
    "/** What `on` takes: a handler per event type of this format. */",
    "export type WebhookEventHandlers = WebhookEventHandlersAt<Format>;",
    "/** The options of createWebhookHandler. */",
    "export type WebhookHandlerOptions = WebhookHandlerOptionsAt<Format>;",
    "export const createWebhookHandler: typeof createWebhookHandlerAt<Format> = createWebhookHandlerAt;",
    "",
  ].join("\n");
}

/** Where a module of generated/engines/<format>/ finds src/. */
const SRC = "../../../src/";

/**
 * The check at load that the module was built against its format's generated modules alone
 * (tsup.config.ts): the newest format the functions know is this one; anything else is a build
 * that would read the wrong format. `formats` names the module's ENGINE_FORMATS.
 */
function builtAlone(format: string, entry: string, formats: string): string[] {
  const id = JSON.stringify(format);
  return [
    "// Built against this format's generated modules alone (tsup.config.ts), the newest format the",
    "// functions know is this one; anything else is a build that would read the wrong format.",
    `if (${formats}.length !== 1 || ${formats}[0]!.format !== ${id})`,
    "  throw new Error(",
    `    "ironflow-events/engines/${entry} was built with other formats' tables: build it with tsup.config.ts",`,
    "  );",
  ];
}

/**
 * ENGINE_VERSION of a format's entry: the table's engineVersion for the newest format, else the
 * last minor version of the format's range (a version the `engine` option takes, any patch).
 */
function newestVersionOf(versions: EngineVersions, index: number): string {
  return index === versions.formats.length - 1 ? versions.engineVersion : versions.formats[index]!.last;
}

function engineEntry({ format, loaded }: FormatSchemas, range: string, newestVersion: string): string {
  const id = JSON.stringify(format);
  const variants = loaded.variants.map((file) => ({
    title: file.schema.title as string,
    type: (file.schema.properties as Record<string, { const: string }>).type!.const,
  }));
  const asAt = (name: string) => `${name} as ${name}At`;
  return [
    "/**",
    ` * ironflow-events/engines/${format}: the package's API for engine ${range} alone. The same`,
    " * functions as the main entry's, reading this format without an `engine` option and typed for",
    " * it (an `engine` outside its range is a TypeError); a bundle of it carries no other format.",
    " * @example",
    " * ```ts",
    ` * import { parseEvent } from "ironflow-events/engines/${format}";`,
    ` * const event = parseEvent(text); // an event of engine ${range}`,
    " * ```",
    " * @packageDocumentation",
    " */",
    "import {",
    `  ${[...READERS, ...Object.keys(VIEWS)].map(asAt).join(",\n  ")},`,
    "  ENGINE_FORMATS as ENGINE_FORMATS_ALL,",
    "  EVENT_TYPES as EVENT_TYPES_NEWEST,",
    "  RUN_STATUSES as RUN_STATUSES_NEWEST,",
    "  TERMINAL_STATUSES as TERMINAL_STATUSES_NEWEST,",
    "  Event as EventConstants,",
    "  type EngineFormatInfo,",
    "  type EngineOptions,",
    "  type ModelledEngine,",
    "  type MatchResult,",
    "  type StreamSource,",
    "  type EventAt,",
    "  type EventTypeAt,",
    "  type RunStatusAt,",
    `  ${VERSIONED_TYPES.filter(([name]) => !["Event", "EventType", "RunStatus"].includes(name))
      .map(([name]) => `type ${asAt(name)}`)
      .join(",\n  ")},`,
    `} from "${SRC}index.js";`,
    `import type { ExactHandlers } from "${SRC}match.js";`,
    `import type { OptionsAt } from "${SRC}validate.js";`,
    "",
    'export * from "../../engine-entries.js";',
    "",
    "/** The engine format this entry reads. */",
    `type Format = ${id};`,
    "",
    ...builtAlone(format, format, "ENGINE_FORMATS_ALL"),
    "",
    ...VERSIONED_TYPES.map(([name, parameters, definition]) => `export type ${name}${parameters} = ${definition};`),
    `/** Each of the ${variants.length} variants of engine ${range}. */`,
    ...variants.map(({ title, type }) => `export type ${title} = EventOf<${JSON.stringify(type)}>;`),
    "",
    ...READERS.map((name) => `export const ${name}: typeof ${name}At<Format> = ${name}At;`),
    ...Object.entries(VIEWS).map(([name, view]) => `export const ${name}: ${view} = ${name}At;`),
    "",
    "/** This entry's format, as ENGINE_FORMATS lists it in the main entry. */",
    "export const ENGINE_FORMAT = ENGINE_FORMATS_ALL[0] as EngineFormatInfo<Format>;",
    "/** Every format this entry reads: this one. */",
    "export const ENGINE_FORMATS = ENGINE_FORMATS_ALL as readonly EngineFormatInfo<Format>[];",
    `/** The newest engine version this entry reads (its format's last${newestVersion.split(".").length === 2 ? ", any patch" : ""}). */`,
    `export const ENGINE_VERSION = ${JSON.stringify(newestVersion)};`,
    "/** Its event types, in the engine's order. */",
    "export const EVENT_TYPES = EVENT_TYPES_NEWEST as readonly EventType[];",
    "/** Its run statuses. */",
    "export const RUN_STATUSES = RUN_STATUSES_NEWEST as readonly RunStatus[];",
    "/** The statuses a run never leaves. */",
    "export const TERMINAL_STATUSES = TERMINAL_STATUSES_NEWEST as readonly RunStatus[];",
    "/** Its event types by constant name (`Event.RUN_FAILED`), and all of them (`Event.ALL`). */",
    "export const Event = EventConstants as unknown as {",
    `  readonly [K in keyof typeof EventConstants as K extends "ALL" ? K : (typeof EventConstants)[K] extends EventType ? K : never]: K extends "ALL" ? readonly EventType[] : (typeof EventConstants)[K];`,
    "};",
    "",
  ].join("\n");
}
