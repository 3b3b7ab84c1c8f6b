// ironflow-events/engines/<format>, as built (dist/engines/<format>.js): each reads exactly as the
// main entry does with `engine` set to its format, on every vector file of that format (results
// and issue lists), exports the main entry's names, and its bundle carries no other format.
// The installed package's consumers (ESM, CommonJS, TypeScript) are in smoke.test.ts.
import { createHmac } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleSize, minifiedCode } from "../../bench/size.js";
import {
  engineEventLines,
  formatEventLines,
  formatVerdictRows,
  newerVerdictRows,
  verdictRows,
  VECTOR_FORMATS,
  type VectorFormat,
} from "../support/vectors.js";

const ROOT = resolve(import.meta.dirname, "../..");
const MAIN = join(ROOT, "dist", "index.js");
const entryOf = (format: string) => join(ROOT, "dist", "engines", `${format}.js`);

type Api = typeof import("../../src/index.js");
/** An entry's API as the tests read it: the main entry's names (untyped for its format), and ENGINE_FORMAT. */
type EntryApi = Api & { ENGINE_FORMAT: unknown };
let main: Api;
const entries = new Map<string, EntryApi>();

/** The formats with an entry: one per module the generator wrote to generated/engines/. */
const FORMATS = readdirSync(join(ROOT, "generated", "engines")).map((name) => name.replace(/\.ts$/, ""));

beforeAll(async () => {
  for (const path of [MAIN, ...FORMATS.map(entryOf)])
    if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` before this test`);
  main = (await import(pathToFileURL(MAIN).href)) as Api;
  for (const format of FORMATS) entries.set(format, (await import(pathToFileURL(entryOf(format)).href)) as EntryApi);
});

/** What parseEvent makes of a text: the event, or its issues (messages included). */
function outcome(read: () => unknown): unknown {
  try {
    return { event: read() };
  } catch (error) {
    const issues = (error as { issues?: unknown[] }).issues;
    if (issues === undefined) throw error;
    return { issues };
  }
}

/** What a variant's tables, fast path and words leave in a minified bundle. */
function tracesOf(type: string): string[] {
  // The tables and the words are JSON text in a string (scripts/generate/text.ts, parsedJson),
  // where a quote inside a value is escaped.
  return [`"const":"${type}"`, `==="${type}"`, `the string \\\\"${type}\\\\"`];
}

/** Every text of a format's vector files. */
function textsOf(format: VectorFormat): string[] {
  const own =
    format === "2.14"
      ? [...engineEventLines(), ...verdictRows().map((row) => row.json)]
      : [...formatEventLines(format), ...formatVerdictRows(format).map((row) => row.json)];
  return [...own, ...newerVerdictRows(format).map((row) => row.json)];
}

describe("an entry per engine format", () => {
  it("exists for every format of the version table, and for nothing else", () => {
    expect(FORMATS.sort()).toEqual(main.ENGINE_FORMATS.map((f) => f.format).sort());
    expect(FORMATS).toEqual([...VECTOR_FORMATS]);
  });

  it.each(FORMATS)("%s exports the main entry's names, and ENGINE_FORMAT", (format) => {
    // Not __webhook and __standard: what the subpaths take from an entry's file (src/internal.ts).
    const publicNames = (api: object) => Object.keys(api).filter((name) => !name.startsWith("__"));
    expect(publicNames(entries.get(format)!).sort()).toEqual([...publicNames(main), "ENGINE_FORMAT"].sort());
  });

  it.each(FORMATS)("%s reads every vector of its format as the main entry does with that engine", (format) => {
    const entry = entries.get(format)!;
    const texts = textsOf(format as VectorFormat);
    expect(texts.length).toBeGreaterThan(5000);
    let differ = 0;
    for (const text of texts)
      for (const strict of [false, true]) {
        const own = outcome(() => entry.parseEvent(text, { strict }));
        const reference = outcome(() => main.parseEvent(text, { engine: format, strict }));
        if (JSON.stringify(own) !== JSON.stringify(reference)) differ++;
      }
    expect(differ).toBe(0);
    // Every event its engine wrote is accepted.
    const events = format === "2.14" ? engineEventLines() : formatEventLines(format as VectorFormat);
    expect(events.filter((text) => "issues" in (outcome(() => entry.parseEvent(text)) as object))).toEqual([]);
  });

  it.each(FORMATS)("%s has its format's constants and lifecycle", (format) => {
    const entry = entries.get(format)!;
    const info = main.ENGINE_FORMATS.find((f) => f.format === format)!;
    expect(entry.ENGINE_FORMAT).toEqual(info);
    expect(entry.ENGINE_FORMATS).toEqual([info]);
    expect(entry.EVENT_TYPES).toEqual(info.eventTypes);
    expect(entry.Event.ALL).toEqual(info.eventTypes);
    expect(entry.RUN_STATUSES).toEqual(info.runStatuses);
    for (const from of info.runStatuses)
      expect(entry.nextStatuses(from as never), from).toEqual(main.nextStatuses(from as never, { engine: format }));
  });

  it.each(FORMATS)("%s refuses an engine version outside its format, naming its range", (format) => {
    const entry = entries.get(format)!;
    const other = main.ENGINE_FORMATS.find((f) => f.format !== format)!;
    const range = main.ENGINE_FORMATS.find((f) => f.format === format)!.range;
    expect(() => entry.parseEvent("{}", { engine: other.format } as never)).toThrow(
      new TypeError(`engine "${other.format}" is not modelled; modelled: ${range}`),
    );
    expect(() => entry.isEvent({}, { engine: `${format}.0` } as never)).not.toThrow();
  });

  it.each(FORMATS)(
    "%s's bundle carries no other format: no table of a type it lacks, and fewer bytes",
    async (format) => {
      const code = new TextDecoder().decode(await minifiedCode({ entryPoints: [entryOf(format)] }));
      const own = new Set(main.ENGINE_FORMATS.find((f) => f.format === format)!.eventTypes);
      const others = main.EVENT_TYPES.filter((type) => !own.has(type));
      // A format's weight is its variants' tables (`const:"retry_forced"`), fast paths
      // (`==="retry_forced"`) and words (`the string "retry_forced"`): none of another format's.
      // (Every type's name is there once, in what an unknown type's message says of it.)
      for (const type of others) for (const trace of tracesOf(type)) expect(code, type).not.toContain(trace);
      for (const type of own) for (const trace of tracesOf(type)) expect(code, type).toContain(trace);
      for (const other of main.ENGINE_FORMATS.filter((f) => f.format !== format))
        expect(code).not.toContain(`format:"${other.format}"`);
      expect((await bundleSize(entryOf(format))).gzipBytes).toBeLessThan((await bundleSize(MAIN)).gzipBytes);
    },
  );
});

describe("an entry's webhook receiver per engine format (ironflow-events/engines/<format>/webhook)", () => {
  type WebhookApi = typeof import("../../src/webhook/index.js");
  const SECRET = "whsec_engine_entries";
  const sign = (body: string) => `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;

  /** What a receiver makes of each body: the status, and the event a handler was given (or the unknown one). */
  async function received(api: WebhookApi, format: string, bodies: string[], engine?: string): Promise<unknown[]> {
    const seen: unknown[] = [];
    const types = main.ENGINE_FORMATS.find((f) => f.format === format)!.eventTypes;
    const handler = api.createWebhookHandler({
      secret: SECRET,
      on: Object.fromEntries(types.map((type) => [type, (event: unknown) => void seen.push(event)])),
      unknown: (event: unknown) => void seen.push({ unknown: event }),
      ...(engine === undefined ? {} : { engine }),
    } as never);
    const out: unknown[] = [];
    for (const body of bodies) {
      seen.length = 0;
      const request = new Request("http://127.0.0.1/webhook", {
        method: "POST",
        body,
        headers: { "x-signature-256": sign(body) },
      });
      const response = await handler(request);
      out.push({ status: response.status, events: [...seen] });
    }
    return out;
  }

  it.each(FORMATS)("%s receives as ironflow-events/webhook does with that engine", async (format) => {
    const own = (await import(pathToFileURL(join(ROOT, "dist", "engines", format, "webhook.js")).href)) as WebhookApi;
    const reference = (await import(pathToFileURL(join(ROOT, "dist", "webhook.js")).href)) as WebhookApi;
    const bodies = textsOf(format as VectorFormat).filter((_, i) => i % 25 === 0);
    expect(bodies.length).toBeGreaterThan(200);
    const got = await received(own, format, bodies);
    expect(got).toEqual(await received(reference, format, bodies, format));
    // Some were accepted, some refused, some of a type this format does not know.
    const statuses = new Set(got.map((outcome) => (outcome as { status: number }).status));
    expect([...statuses].sort()).toEqual(expect.arrayContaining([204, 400]));
  });

  it.each(FORMATS)("%s's receiver bundle carries no table of another format's type", async (format) => {
    const code = new TextDecoder().decode(
      await minifiedCode({ entryPoints: [join(ROOT, "dist", "engines", format, "webhook.js")] }),
    );
    const own = new Set(main.ENGINE_FORMATS.find((f) => f.format === format)!.eventTypes);
    for (const type of main.EVENT_TYPES.filter((t) => !own.has(t)))
      for (const trace of tracesOf(type)) expect(code, type).not.toContain(trace);
  });
});

describe("an entry's module, not built for its format", () => {
  it("refuses to load: it would read the newest format under another's name", async () => {
    await expect(import("../../generated/engines/2.14/index.js")).rejects.toThrow(
      "ironflow-events/engines/2.14 was built with other formats' tables: build it with tsup.config.ts",
    );
    await expect(import("../../generated/engines/2.14/webhook.js")).rejects.toThrow(
      "ironflow-events/engines/2.14/webhook was built with other formats' tables: build it with tsup.config.ts",
    );
  });
});
