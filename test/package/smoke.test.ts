// The package as users get it (test/support/packed-package.ts: `npm pack`, installed into a fresh
// project outside the repository), used from there by an ESM consumer, a CommonJS consumer,
// TypeScript under the node16 and bundler resolutions, a browser bundle that must run without code
// generation from strings, and the CLI through npx. Other runtimes: test/package/runtimes.test.ts.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { ENGINE_FORMATS as SOURCE_FORMATS } from "../../src/index.js";
import { mustRun, PACKAGE_VERSION as version, packedPackage, REPO, run, runAsync } from "../support/packed-package.js";

const TSC = join(REPO, "node_modules", "typescript", "bin", "tsc");

let project: string; // the consumer project, with the tarball installed

/** The engine formats, each with an entry ironflow-events/engines/<format>. */
const ENGINE_FORMATS = readdirSync(join(REPO, "generated", "engines")).sort();
let packedFiles: string[];

/** A file the build shares between entries, named by a hash: dist/chunk-XXXX.js, dist/event-XXXX.d.ts. */
const SHARED_CHUNK = /^dist\/[a-z]+-[A-Za-z0-9_-]{8}\.(js|d\.ts|d\.cts)$/;

// Events the consumers check, and what every consumer must make of them.
const EVENTS = {
  runFailed: {
    type: "run_failed",
    run_id: "6f453241-8579-4d6e-8ab2-171da6321d19",
    workflow_name: "deploy",
    cost_usd: 0.42,
    duration_ms: 6467644,
    at: "1990-06-13T04:11:34.237063Z",
  },
  logLine: {
    type: "log_line",
    run_id: "0190f5a2-1c2d-7e3f-8a4b-5c6d7e8f9a0b",
    step_id: "0190f5a2-1c2d-7e3f-8a4b-5c6d7e8f9a0c",
    step_name: "build",
    stream: "stderr",
    line: "warning: unused variable",
    at: "2026-11-25T22:24:21.123456789Z",
  },
};

// The same checks for every JavaScript consumer; `api` is the package's namespace however it was loaded.
const EXERCISE = `
const EVENTS = ${JSON.stringify(EVENTS)};
function exercise(api) {
  const { parseEvent, validateEvent, isEvent, EventValidationError, Event, ENGINE_VERSION, ENGINE_FORMATS } = api;
  const issues = (value, options) => {
    const result = validateEvent(value, options);
    return result.ok ? [] : result.issues.map((issue) => issue.path + " " + issue.code);
  };
  const thrown = (input) => {
    try {
      parseEvent(input);
      return "nothing thrown";
    } catch (error) {
      return error instanceof EventValidationError ? error.issues.map((issue) => issue.code) : "not an EventValidationError: " + error;
    }
  };
  const failed = parseEvent(JSON.stringify(EVENTS.runFailed));
  return {
    engineVersion: ENGINE_VERSION,
    types: Event.ALL,
    runFailedError: failed.error,
    parsedIsEvent: isEvent(failed),
    logLine: parseEvent(JSON.stringify(EVENTS.logLine)).line,
    negativeDuration: issues({ ...EVENTS.runFailed, duration_ms: -1 }),
    newerEngine: issues({ ...EVENTS.logLine, type: "step_paused" }),
    formats: ENGINE_FORMATS.map((format) => format.range),
    seedEngine: issues({ ...EVENTS.logLine, type: "retry_forced" }, { engine: "2.14.1" }),
    strictExtra: issues({ ...EVENTS.logLine, extra: 1 }, { strict: true }),
    truncated: thrown('{"type":"log_line",'),
  };
}
`;

const EXPECTED = {
  engineVersion: "2.52.2",
  types: [
    "run_created",
    "run_status_changed",
    "run_failed",
    "run_budget_exceeded",
    "retry_forced",
    "step_completed",
    "step_failed",
    "approval_requested",
    "approval_granted",
    "approval_rejected",
    "approval_escalated",
    "log_line",
    "user_signed_in",
    "user_signed_up",
    "user_signed_out",
    "provider_account.updated",
    "provider_account.usage_updated",
    "signal_awaited",
    "signal_received",
    "schedule_occurrences_missed",
  ],
  runFailedError: null,
  parsedIsEvent: true,
  logLine: "warning: unused variable",
  negativeDuration: ["/duration_ms range"],
  newerEngine: ["/type unknown_event_type"],
  formats: ["2.14.x–2.19.x", "2.20.x–2.40.x", "2.52.x"],
  seedEngine: ["/type unknown_event_type"],
  strictExtra: ["/extra additional_property"],
  truncated: ["json_syntax"],
};

const ESM_CONSUMER = `import * as api from "ironflow-events";
import schema from "ironflow-events/schema.json" with { type: "json" };
import runCreated from "ironflow-events/schemas/run_created.json" with { type: "json" };
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
${EXERCISE}
const asyncapi = readFileSync(fileURLToPath(import.meta.resolve("ironflow-events/asyncapi.yaml")), "utf8");
console.log(JSON.stringify({
  ...exercise(api),
  entry: fileURLToPath(import.meta.resolve("ironflow-events")),
  bundleId: schema.$id,
  variantTitle: runCreated.title,
  asyncapiStart: asyncapi.split("\\n").slice(1, 2),
}));
`;

const CJS_CONSUMER = `"use strict";
const api = require("ironflow-events");
const { readFileSync } = require("node:fs");
${EXERCISE}
console.log(JSON.stringify({
  ...exercise(api),
  entry: require.resolve("ironflow-events"),
  bundleId: require("ironflow-events/schema.json").$id,
  variantTitle: require("ironflow-events/schemas/run_created.json").title,
  asyncapiStart: readFileSync(require.resolve("ironflow-events/asyncapi.yaml"), "utf8").split("\\n").slice(1, 2),
  packageVersion: require("ironflow-events/package.json").version,
}));
`;

const BROWSER_ENTRY = `import * as api from "ironflow-events";
${EXERCISE}
// Shows that the runtime forbids code generation, so that passing checks mean something.
let codeGeneration;
try {
  new Function("return 1")();
  codeGeneration = "allowed";
} catch (error) {
  codeGeneration = error.name;
}
console.log(JSON.stringify({ ...exercise(api), codeGeneration }));
`;

// The TypeScript consumer. Each @ts-expect-error must meet an error, or tsc fails: so a
// misspelled event type must stay a compile error, and narrowing on event.type must hold.
const TS_CONSUMER = `import { Event, eventType, parseEvent, validateEvent } from "ironflow-events";
import type { EventOf, EventType, IssueCode, RunFailed } from "ironflow-events";
import { eventSchemas } from "ironflow-events/standard";
import { createWebhookHandler, toNodeHandler } from "ironflow-events/webhook";

export const webhook: (request: Request) => Promise<Response> = createWebhookHandler({
  secret: ["whsec_new", "whsec_old"],
  on: { run_failed: (event) => event.error },
});
export const nodeListener = toNodeHandler(webhook);
export type Failure = NonNullable<(typeof eventSchemas.run_failed)["~standard"]["types"]>["output"];
export const sameAsRunFailed: RunFailed extends Failure ? (Failure extends RunFailed ? true : never) : never = true;

export function describeEvent(text: string): string {
  const event = parseEvent(text);
  switch (event.type) {
    case Event.RUN_FAILED: {
      const failure: EventOf<"run_failed"> = event;
      const reason: string | null = event.error;
      // @ts-expect-error a run_failed event has no line: event.type narrowed it to RunFailed
      event.line;
      return failure.workflow_name + ": " + (reason ?? "no reason given");
    }
    case "log_line": {
      const stream: "stdout" | "stderr" | "system" = event.stream;
      return "[" + stream + "] " + event.line;
    }
    // @ts-expect-error a misspelled event type is no case of event.type
    case "run_faild":
      return "unreachable";
    default:
      return eventType(event);
  }
}

export function weight(event: Event): number {
  switch (event.type) {
    case "run_created":
    case "run_status_changed":
    case "run_failed":
    case "run_budget_exceeded":
    case "retry_forced":
      return 1;
    case "step_completed":
    case "step_failed":
      return 2;
    case "approval_requested":
    case "approval_granted":
    case "approval_rejected":
    case "approval_escalated":
      return 3;
    case "log_line":
      return 4;
    case "user_signed_in":
    case "user_signed_up":
    case "user_signed_out":
      return 5;
    case "provider_account.updated":
    case "provider_account.usage_updated":
      return 6;
    case "signal_awaited":
    case "signal_received":
    case "schedule_occurrences_missed":
      return 7;
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

// @ts-expect-error a misspelled event type is not an EventType
export const misspelled: EventType = "run_faild";
// @ts-expect-error Event has no constant for a misspelled type
export const constant = Event.RUN_FAILD;

export function codes(value: unknown): IssueCode[] {
  const result = validateEvent(value, { strict: true });
  return result.ok ? [] : result.issues.map((issue) => issue.code);
}
`;

// The stream helpers' declarations name web-standard globals (fetch's Response, ReadableStream,
// AbortSignal, URL): a consumer has them from Node's types (a service, node16 here) or from the
// DOM library (a dashboard, bundler here), as every project that can run them does.
function tsconfig(module: string, moduleResolution: string, include: string[]): string {
  const globals =
    moduleResolution === "node16"
      ? { lib: ["ES2022"], types: ["node"], typeRoots: [join(REPO, "node_modules", "@types")] }
      : { lib: ["ES2022", "DOM"], types: [] };
  return JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      module,
      moduleResolution,
      ...globals,
      strict: true,
      noEmit: true,
      skipLibCheck: false, // the package's declarations are checked too
    },
    include,
  });
}

beforeAll(async () => {
  ({ project, files: packedFiles } = await packedPackage());
  writeFileSync(join(project, "esm.mjs"), ESM_CONSUMER);
  writeFileSync(join(project, "cjs.cjs"), CJS_CONSUMER);
  writeFileSync(join(project, "browser-entry.mjs"), BROWSER_ENTRY);
  writeFileSync(join(project, "consumer.ts"), TS_CONSUMER); // a CommonJS module under node16
  writeFileSync(join(project, "consumer.mts"), TS_CONSUMER); // an ES module under node16
  writeFileSync(join(project, "tsconfig.node16.json"), tsconfig("node16", "node16", ["consumer.ts", "consumer.mts"]));
  writeFileSync(join(project, "tsconfig.bundler.json"), tsconfig("esnext", "bundler", ["consumer.ts"]));
}, 120_000);

describe("the packed package", () => {
  it("holds exactly the build, the schemas, the bundle, the AsyncAPI document and the docs", () => {
    const schemaFiles = packedFiles.filter((path) => path.startsWith("schemas/"));
    // Declarations the entries share are chunks named by a hash of their content; code is not:
    // each entry is one file, and a subpath imports the main entry's (test/build/on-main-entry.test.ts).
    const chunks = packedFiles.filter((path) => SHARED_CHUNK.test(path));
    expect(chunks.filter((path) => path.endsWith(".js"))).toEqual([]);
    expect(chunks.some((path) => path.endsWith(".d.ts"))).toBe(true);
    // Each engine format's entry (generated/engines/<format>.ts): its build and its folder stub.
    const engineFiles = ENGINE_FORMATS.flatMap((format) => [
      ...["cjs", "d.cts", "d.ts", "js"].flatMap((extension) => [
        `dist/engines/${format}.${extension}`,
        `dist/engines/${format}/webhook.${extension}`,
      ]),
      `engines/${format}/package.json`,
      `engines/${format}/webhook/package.json`,
    ]);
    expect(engineFiles).toContain("dist/engines/2.14.js");
    expect(packedFiles.filter((path) => !path.startsWith("schemas/") && !SHARED_CHUNK.test(path)).sort()).toEqual(
      [
        ...engineFiles,
        "CHANGELOG.md",
        "LICENSE",
        "README.md",
        "asyncapi.yaml",
        "dist/cli.js",
        "dist/index.cjs",
        "dist/index.d.cts",
        "dist/index.d.ts",
        "dist/index.js",
        "dist/standard.cjs",
        "dist/standard.d.cts",
        "dist/standard.d.ts",
        "dist/standard.js",
        "dist/testing/arbitraries.cjs",
        "dist/testing/arbitraries.d.cts",
        "dist/testing/arbitraries.d.ts",
        "dist/testing/arbitraries.js",
        "dist/testing/index.cjs",
        "dist/testing/index.d.cts",
        "dist/testing/index.d.ts",
        "dist/testing/index.js",
        "dist/webhook.cjs",
        "dist/webhook.d.cts",
        "dist/webhook.d.ts",
        "dist/webhook.js",
        "package.json",
        "schema.json",
        "standard/package.json",
        "webhook/package.json",
      ].sort(),
    );
    const inRepo = mustRun("git", ["ls-files", "schemas"], REPO).trim().split("\n");
    // Beside the schemas, each engine format's bundle (build output, made by tsup).
    const bundles = readdirSync(join(REPO, "generated", "formats")).map(
      (format) => `schemas/bundles/engine-${format}.json`,
    );
    expect(bundles).toContain("schemas/bundles/engine-2.14.json");
    expect(schemaFiles).toEqual([...inRepo, ...bundles].sort());
    expect(schemaFiles).toContain("schemas/defs/uuid.json");
  });

  it("ships the bundles and the AsyncAPI document as generated", () => {
    const installed = (path: string) => readFileSync(join(project, "node_modules", "ironflow-events", path), "utf8");
    for (const name of ["schema.json", "asyncapi.yaml"])
      expect(installed(name), name).toBe(readFileSync(join(REPO, "generated", name), "utf8"));
    for (const format of readdirSync(join(REPO, "generated", "formats")))
      expect(installed(`schemas/bundles/engine-${format}.json`), format).toBe(
        readFileSync(join(REPO, "generated", "formats", format, "schema.json"), "utf8"),
      );
    // Another language maps an engine version to its bundle with the version table: every
    // format it names has its bundle under that name.
    const table = JSON.parse(installed("schemas/engine-versions.json")) as { formats: { format: string }[] };
    expect(table.formats.map(({ format }) => format)).toEqual(readdirSync(join(REPO, "generated", "formats")).sort());
    for (const { format } of table.formats)
      expect(JSON.parse(installed(`schemas/bundles/engine-${format}.json`)).$id, format).toBe(
        `https://ironflow.dev/schemas/events/bundles/engine-${format}.json`,
      );
  });
});

describe("the testing kit of the installed package", () => {
  // The consumer project has no fast-check: makeEvent must not need it, the arbitraries must.
  const KIT = (load: (name: string) => string) => `
const { makeEvent, makeRun, signWebhook } = ${load("ironflow-events/testing")};
const { parseEvent } = ${load("ironflow-events")};
const event = makeEvent("run_failed", { workflow_name: "deploy" }, { seed: 1 });
signWebhook("{}", "s").then(async (signature) => {
  let arbitraries;
  try {
    await ${load("ironflow-events/testing/arbitraries")};
    arbitraries = "loaded";
  } catch (error) {
    arbitraries = String(error.message).includes("fast-check") ? "needs fast-check" : String(error);
  }
  console.log(JSON.stringify({
    parsed: parseEvent(JSON.stringify(event)).workflow_name,
    sameSeed: JSON.stringify(makeEvent("run_failed", { workflow_name: "deploy" }, { seed: 1 })) === JSON.stringify(event),
    runEnds: makeRun({ seed: 2, outcome: "completed" }).at(-1).to,
    signature: /^sha256=[0-9a-f]{64}$/.test(signature),
    arbitraries,
  }));
});`;
  const EXPECTED_KIT = {
    parsed: "deploy",
    sameSeed: true,
    runEnds: "completed",
    signature: true,
    arbitraries: "needs fast-check",
  };

  it("an ES module imports ironflow-events/testing without fast-check; the arbitraries need it", () => {
    writeFileSync(
      join(project, "kit.mjs"),
      KIT((name) => `await import(${JSON.stringify(name)})`),
    );
    expect(JSON.parse(mustRun(process.execPath, ["kit.mjs"], project))).toEqual(EXPECTED_KIT);
  });

  it("a CommonJS module requires ironflow-events/testing the same way", () => {
    writeFileSync(
      join(project, "kit.cjs"),
      KIT((name) => `require(${JSON.stringify(name)})`).replace("await require", "require"),
    );
    expect(JSON.parse(mustRun(process.execPath, ["kit.cjs"], project))).toEqual(EXPECTED_KIT);
  });
});

describe("consumers of the installed package", () => {
  it("an ES module imports it, with the schemas and the AsyncAPI document", () => {
    const report = JSON.parse(mustRun(process.execPath, ["esm.mjs"], project));
    expect(report).toEqual({
      ...EXPECTED,
      entry: join(project, "node_modules", "ironflow-events", "dist", "index.js"),
      bundleId: "https://ironflow.dev/schemas/events/event.json",
      variantTitle: "RunCreated",
      asyncapiStart: ["asyncapi: 3.0.0"],
    });
  });

  it("a CommonJS module requires it, with the schemas and the AsyncAPI document", () => {
    const report = JSON.parse(mustRun(process.execPath, ["cjs.cjs"], project));
    expect(report).toEqual({
      ...EXPECTED,
      entry: join(project, "node_modules", "ironflow-events", "dist", "index.cjs"),
      bundleId: "https://ironflow.dev/schemas/events/event.json",
      variantTitle: "RunCreated",
      asyncapiStart: ["asyncapi: 3.0.0"],
      packageVersion: version,
    });
  });

  it.each([
    // node16: consumer.ts is CommonJS (require condition), consumer.mts an ES module (import condition).
    {
      resolution: "node16",
      declarations: ["index.d.cts", "index.d.ts", "standard.d.cts", "standard.d.ts", "webhook.d.cts", "webhook.d.ts"],
    },
    { resolution: "bundler", declarations: ["index.d.ts", "standard.d.ts", "webhook.d.ts"] },
  ])("TypeScript compiles against it under moduleResolution $resolution", async ({ resolution, declarations }) => {
    const result = await runAsync(process.execPath, [TSC, "-p", `tsconfig.${resolution}.json`, "--listFiles"], project);
    expect(result.output).not.toMatch(/error TS\d+/);
    expect(result.status).toBe(0);
    const fromPackage = result.stdout
      .split("\n")
      .filter((line) => line.includes("/node_modules/ironflow-events/"))
      .map((line) =>
        line.slice(line.indexOf("/node_modules/ironflow-events/") + "/node_modules/ironflow-events/".length),
      );
    const entries = fromPackage.filter((path) => !SHARED_CHUNK.test(path));
    expect(entries.sort()).toEqual(declarations.map((name) => `dist/${name}`));
  });

  it("TypeScript fails when a misspelled type is corrected (the @ts-expect-error lines are live)", async () => {
    // The control: with the misspelling fixed, its @ts-expect-error has nothing left to expect.
    const control = join(project, "control");
    mkdirSync(control, { recursive: true });
    writeFileSync(
      join(control, "consumer.ts"),
      TS_CONSUMER.replace('EventType = "run_faild"', 'EventType = "run_failed"'),
    );
    writeFileSync(join(control, "tsconfig.json"), tsconfig("esnext", "bundler", ["consumer.ts"]));
    const result = await runAsync(process.execPath, [TSC, "-p", "tsconfig.json"], control);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/consumer\.ts\(\d+,\d+\): error TS2578: Unused '@ts-expect-error' directive/);
    expect(result.output.match(/error TS/g)).toHaveLength(1);
  });

  it("compiler messages and hovers name the union Event, as declared (not a bundler's Event$2)", async () => {
    const dir = join(project, "type-names");
    mkdirSync(dir, { recursive: true });
    const source = `import { parseEvent, type RunFailed } from "ironflow-events";
const event = parseEvent("{}");
export const failure: RunFailed = event; // deliberate: any event is not a RunFailed
`;
    writeFileSync(join(dir, "consumer.ts"), source);
    writeFileSync(join(dir, "tsconfig.json"), tsconfig("esnext", "bundler", ["consumer.ts"]));
    const result = await runAsync(process.execPath, [TSC, "-p", "tsconfig.json"], dir);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("error TS2322: Type 'Event' is not assignable to type 'RunFailed'.");
    expect(result.output).not.toMatch(/Event\$\d/);
    // The hover, as an editor asks for it: the language service's quick info on `event`.
    const files = new Map([[join(dir, "consumer.ts"), source]]);
    const service = ts.createLanguageService({
      getCompilationSettings: () => ({
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        strict: true,
        noEmit: true,
      }),
      getScriptFileNames: () => [...files.keys()],
      getScriptVersion: () => "1",
      getScriptSnapshot: (name) => {
        const text = files.get(name) ?? (existsSync(name) ? readFileSync(name, "utf8") : undefined);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => dir,
      getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
      fileExists: (name) => files.has(name) || existsSync(name),
      readFile: (name) => files.get(name) ?? (existsSync(name) ? readFileSync(name, "utf8") : undefined),
    });
    const hover = service.getQuickInfoAtPosition(join(dir, "consumer.ts"), source.indexOf("event ="));
    expect(ts.displayPartsToString(hover?.displayParts)).toBe("const event: Event");
  });

  it("the subpaths load from ES modules and from CommonJS", () => {
    const script = (load: string) => `${load}
const event = { type: "user_signed_out", user_id: "460a7a4d-ab36-70a1-98a2-709815e295fd", at: "2054-04-07T21:24:08.379Z" };
const result = standard.eventSchemas.user_signed_out["~standard"].validate(event);
const handler = webhook.createWebhookHandler({ secret: "s", on: {} });
handler(new Request("http://127.0.0.1/", { method: "GET" })).then((response) =>
  console.log(JSON.stringify({ value: result.value, status: response.status, node: typeof webhook.toNodeHandler })),
);
`;
    writeFileSync(
      join(project, "subpaths.mjs"),
      script(
        `import * as standard from "ironflow-events/standard";\nimport * as webhook from "ironflow-events/webhook";`,
      ),
    );
    writeFileSync(
      join(project, "subpaths.cjs"),
      script(
        `const standard = require("ironflow-events/standard");\nconst webhook = require("ironflow-events/webhook");`,
      ),
    );
    for (const file of ["subpaths.mjs", "subpaths.cjs"]) {
      expect(JSON.parse(mustRun(process.execPath, [file], project)), file).toEqual({
        value: {
          type: "user_signed_out",
          user_id: "460a7a4d-ab36-70a1-98a2-709815e295fd",
          at: "2054-04-07T21:24:08.379Z",
        },
        status: 405,
        node: "function",
      });
    }
  });

  it("a browser bundle (esbuild) validates events with code generation from strings disallowed", async () => {
    const outfile = join(project, "browser-bundle.js");
    const { metafile } = await build({
      absWorkingDir: project,
      entryPoints: ["browser-entry.mjs"],
      bundle: true,
      platform: "browser",
      format: "iife",
      target: "es2022",
      outfile,
      metafile: true,
      logLevel: "silent",
    });
    // Only the package's ESM build goes in (its entry and the chunks it shares with the
    // subpaths, but not the subpaths): nothing from Node, no other package.
    const inputs = Object.keys(metafile.inputs).sort();
    expect(inputs.filter((path) => !SHARED_CHUNK.test(path.replace("node_modules/ironflow-events/", "")))).toEqual([
      "browser-entry.mjs",
      "node_modules/ironflow-events/dist/index.js",
    ]);
    expect(
      inputs.every((path) => path === "browser-entry.mjs" || path.startsWith("node_modules/ironflow-events/dist/")),
    ).toBe(true);
    const report = JSON.parse(mustRun(process.execPath, ["--disallow-code-generation-from-strings", outfile], project));
    expect(report).toEqual({ ...EXPECTED, codeGeneration: "EvalError" });
  });

  it("the CLI runs through npx from the local install", () => {
    writeFileSync(
      join(project, "valid.ndjson"),
      `${JSON.stringify(EVENTS.runFailed)}\n${JSON.stringify(EVENTS.logLine)}\n`,
    );
    writeFileSync(join(project, "invalid.json"), JSON.stringify({ ...EVENTS.runFailed, duration_ms: -1 }));
    const npx = (...args: string[]) => run("npx", ["--offline", "--no", "--", "ironflow-events", ...args], project);

    const valid = npx("validate", "valid.ndjson");
    expect(valid.status, valid.output).toBe(0);
    expect(valid.stdout).toMatch(/\b2 valid\b/);

    const invalid = npx("validate", "invalid.json");
    expect(invalid.status, invalid.output).toBe(1);
    expect(invalid.stdout).toContain("/duration_ms");

    const versions = npx("--version");
    expect(versions.status, versions.output).toBe(0);
    expect(versions.stdout).toContain(version);
  });
});

describe("an engine version's own entry, installed (ironflow-events/engines/<format>)", () => {
  const READ = (load: (name: string) => string) => `
const seed = ${load("ironflow-events/engines/2.14")};
const newest = ${load("ironflow-events/engines/2.52")};
const seedWebhook = ${load("ironflow-events/engines/2.14/webhook")};
const main = ${load("ironflow-events")};
const text = ${JSON.stringify(JSON.stringify(EVENTS.runFailed))};
const refused = (read) => {
  try {
    read();
    return "nothing thrown";
  } catch (error) {
    return error.name + ": " + error.message;
  }
};
console.log(JSON.stringify({
  seedLabels: "labels" in seed.parseEvent(text),
  newestLabels: newest.parseEvent(text).labels,
  seedTypes: seed.Event.ALL.length,
  seedFormat: seed.ENGINE_FORMAT.range,
  seedRetry: seed.validateEvent({ ...JSON.parse(text), type: "retry_forced" }).issues[0].code,
  otherVersion: refused(() => seed.parseEvent(text, { engine: "2.52.2" })),
  sameAsMain: JSON.stringify(seed.parseEvent(text)) === JSON.stringify(main.parseEvent(text, { engine: "2.14.1" })),
  seedWebhook: refused(() => seedWebhook.createWebhookHandler({ secret: "s", on: { retry_forced: () => null } })),
}));`;
  const EXPECTED_READ = {
    seedLabels: false,
    newestLabels: {},
    seedTypes: 12,
    seedFormat: "2.14.x–2.19.x",
    seedRetry: "unknown_event_type",
    otherVersion: 'TypeError: engine "2.52.2" is not modelled; modelled: 2.14.x–2.19.x',
    sameAsMain: true,
    seedWebhook: `TypeError: createWebhookHandler: on.retry_forced names no event type of engine 2.14.x–2.19.x (known: ${SOURCE_FORMATS[0]!.eventTypes.join(", ")})`,
  };

  it("an ES module imports it and reads that version alone", () => {
    writeFileSync(
      join(project, "engines.mjs"),
      READ((name) => `await import(${JSON.stringify(name)})`),
    );
    expect(JSON.parse(mustRun(process.execPath, ["engines.mjs"], project))).toEqual(EXPECTED_READ);
  });

  it("a CommonJS module requires it the same way", () => {
    writeFileSync(
      join(project, "engines.cjs"),
      READ((name) => `require(${JSON.stringify(name)})`),
    );
    expect(JSON.parse(mustRun(process.execPath, ["engines.cjs"], project))).toEqual(EXPECTED_READ);
  });

  // Each @ts-expect-error must meet an error, or tsc fails: the entry's types are its version's.
  const TS_ENGINE_CONSUMER = `import { Event, parseEvent, type EventType, type RunFailed } from "ironflow-events/engines/2.14";
import { createWebhookHandler } from "ironflow-events/engines/2.14/webhook";

export const POST = createWebhookHandler({
  secret: "s",
  on: {
    run_failed: (event) => event.error,
    // @ts-expect-error retry_forced is no event type of 2.14
    retry_forced: () => null,
  },
});

export function seedFailure(text: string): string | null {
  const event = parseEvent(text);
  if (event.type === Event.RUN_FAILED) {
    const failure: RunFailed = event;
    // @ts-expect-error a 2.14 run_failed has no labels
    void failure.labels;
    return failure.error;
  }
  // @ts-expect-error retry_forced is no event type of 2.14
  if (event.type === "retry_forced") return null;
  return null;
}
// @ts-expect-error 2.14's Event has no constant for a type of 2.20
export const retry = Event.RETRY_FORCED;
export const types: EventType[] = [Event.LOG_LINE];
`;

  it.each(["node16", "bundler"])("TypeScript compiles against it under moduleResolution %s", async (resolution) => {
    const dir = join(project, `engines-${resolution}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "consumer.ts"), TS_ENGINE_CONSUMER);
    writeFileSync(join(dir, "consumer.mts"), TS_ENGINE_CONSUMER);
    const module = resolution === "node16" ? "node16" : "esnext";
    const files = resolution === "node16" ? ["consumer.ts", "consumer.mts"] : ["consumer.ts"];
    writeFileSync(join(dir, "tsconfig.json"), tsconfig(module, resolution, files));
    const result = await runAsync(process.execPath, [TSC, "-p", "tsconfig.json", "--listFiles"], dir);
    expect(result.output).not.toMatch(/error TS\d+/);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`/node_modules/ironflow-events/dist/engines/2.14.d.ts`);
  });
});
