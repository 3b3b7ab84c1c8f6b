// The package as users get it: `npm pack`, installed into a fresh project outside the repository,
// then used from there by an ESM consumer, a CommonJS consumer, TypeScript under the node16 and
// bundler resolutions, a browser bundle that must run without code generation from strings,
// and the CLI through npx. Needs `npm run build` first (CI builds before testing); needs no
// network: the package has no dependencies, and npm runs --offline.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REPO = resolve(import.meta.dirname, "../..");
const TSC = join(REPO, "node_modules", "typescript", "bin", "tsc");
const { version } = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string };

let work: string; // temporary directory: the tarball and the consumer project
let project: string; // the consumer project, with the tarball installed
let packedFiles: string[];

/** The child's environment: without npm's variables of the `npm test` that runs vitest (npm_config_prefix
 * and the like would point a child npm at the repository) and without loaders of the parent. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== "NODE_OPTIONS" && key !== "INIT_CWD") env[key] = value;
  }
  return { ...env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" };
}

/** Runs a command; returns its exit code and output instead of throwing, so assertions can show it. */
function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: "utf8", timeout: 60_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: result.stdout + result.stderr };
}

function mustRun(command: string, args: string[], cwd: string): string {
  const result = run(command, args, cwd);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status}:\n${result.output}`);
  return result.stdout;
}

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
  const { parseEvent, validateEvent, isEvent, EventValidationError, Event, ENGINE_VERSION } = api;
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
    strictExtra: issues({ ...EVENTS.logLine, extra: 1 }, { strict: true }),
    truncated: thrown('{"type":"log_line",'),
  };
}
`;

const EXPECTED = {
  engineVersion: "2.14.1",
  types: [
    "run_created",
    "run_status_changed",
    "run_failed",
    "step_completed",
    "step_failed",
    "approval_requested",
    "approval_granted",
    "approval_rejected",
    "log_line",
    "user_signed_in",
    "user_signed_up",
    "user_signed_out",
  ],
  runFailedError: null,
  parsedIsEvent: true,
  logLine: "warning: unused variable",
  negativeDuration: ["/duration_ms range"],
  newerEngine: ["/type unknown_event_type"],
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
import type { EventOf, EventType, IssueCode } from "ironflow-events";

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
      return 1;
    case "step_completed":
    case "step_failed":
      return 2;
    case "approval_requested":
    case "approval_granted":
    case "approval_rejected":
      return 3;
    case "log_line":
      return 4;
    case "user_signed_in":
    case "user_signed_up":
    case "user_signed_out":
      return 5;
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

beforeAll(() => {
  for (const path of [
    "dist/index.js",
    "dist/index.cjs",
    "dist/index.d.ts",
    "dist/index.d.cts",
    "dist/cli.js",
    "schema.json",
  ]) {
    if (!existsSync(join(REPO, path))) throw new Error(`${path} is missing: run \`npm run build\` before this test`);
  }
  work = mkdtempSync(join(tmpdir(), "ironflow-events-smoke-"));
  const [packed] = JSON.parse(
    mustRun("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], REPO),
  ) as { filename: string; files: { path: string }[] }[];
  packedFiles = packed!.files.map((file) => file.path).sort();

  project = join(work, "consumer");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "smoke-consumer", private: true }));
  mustRun(
    "npm",
    ["install", join(work, packed!.filename), "--offline", "--no-audit", "--no-fund", "--no-package-lock"],
    project,
  );
  writeFileSync(join(project, "esm.mjs"), ESM_CONSUMER);
  writeFileSync(join(project, "cjs.cjs"), CJS_CONSUMER);
  writeFileSync(join(project, "browser-entry.mjs"), BROWSER_ENTRY);
  writeFileSync(join(project, "consumer.ts"), TS_CONSUMER); // a CommonJS module under node16
  writeFileSync(join(project, "consumer.mts"), TS_CONSUMER); // an ES module under node16
  writeFileSync(join(project, "tsconfig.node16.json"), tsconfig("node16", "node16", ["consumer.ts", "consumer.mts"]));
  writeFileSync(join(project, "tsconfig.bundler.json"), tsconfig("esnext", "bundler", ["consumer.ts"]));
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the packed package", () => {
  it("holds exactly the build, the schemas, the bundle, the AsyncAPI document and the docs", () => {
    const schemaFiles = packedFiles.filter((path) => path.startsWith("schemas/"));
    expect(packedFiles.filter((path) => !path.startsWith("schemas/"))).toEqual([
      "CHANGELOG.md",
      "LICENSE",
      "README.md",
      "asyncapi.yaml",
      "dist/cli.js",
      "dist/index.cjs",
      "dist/index.d.cts",
      "dist/index.d.ts",
      "dist/index.js",
      "package.json",
      "schema.json",
    ]);
    const inRepo = mustRun("git", ["ls-files", "schemas"], REPO).trim().split("\n").sort();
    expect(schemaFiles).toEqual(inRepo);
    expect(schemaFiles).toContain("schemas/defs/uuid.json");
  });

  it("ships the bundle and the AsyncAPI document as generated", () => {
    for (const name of ["schema.json", "asyncapi.yaml"]) {
      const installed = readFileSync(join(project, "node_modules", "ironflow-events", name), "utf8");
      expect(installed, name).toBe(readFileSync(join(REPO, "generated", name), "utf8"));
    }
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
    { resolution: "node16", declarations: ["dist/index.d.cts", "dist/index.d.ts"] },
    { resolution: "bundler", declarations: ["dist/index.d.ts"] },
  ])("TypeScript compiles against it under moduleResolution $resolution", ({ resolution, declarations }) => {
    const result = run(process.execPath, [TSC, "-p", `tsconfig.${resolution}.json`, "--listFiles"], project);
    expect(result.output).not.toMatch(/error TS\d+/);
    expect(result.status).toBe(0);
    const fromPackage = result.stdout
      .split("\n")
      .filter((line) => line.includes("/node_modules/ironflow-events/"))
      .map((line) =>
        line.slice(line.indexOf("/node_modules/ironflow-events/") + "/node_modules/ironflow-events/".length),
      );
    expect(fromPackage.sort()).toEqual(declarations);
  });

  it("TypeScript fails when a misspelled type is corrected (the @ts-expect-error lines are live)", () => {
    // The control: with the misspelling fixed, its @ts-expect-error has nothing left to expect.
    const control = join(project, "control");
    mkdirSync(control, { recursive: true });
    writeFileSync(
      join(control, "consumer.ts"),
      TS_CONSUMER.replace('EventType = "run_faild"', 'EventType = "run_failed"'),
    );
    writeFileSync(join(control, "tsconfig.json"), tsconfig("esnext", "bundler", ["consumer.ts"]));
    const result = run(process.execPath, [TSC, "-p", "tsconfig.json"], control);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/consumer\.ts\(\d+,\d+\): error TS2578: Unused '@ts-expect-error' directive/);
    expect(result.output.match(/error TS/g)).toHaveLength(1);
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
    // Only the package's ESM build goes in: nothing from Node, no other package.
    expect(Object.keys(metafile.inputs).sort()).toEqual([
      "browser-entry.mjs",
      "node_modules/ironflow-events/dist/index.js",
    ]);
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
