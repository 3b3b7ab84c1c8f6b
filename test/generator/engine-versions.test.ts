// Adding an engine version takes a row in schemas/engine-versions.json, the version marks of
// what it adds, and `npm run generate` (CONTRIBUTING, "Adding an engine version"): shown here
// in a temporary copy, with a made-up format 2.60 that adds a RunStatus value (and its moves), a defaulted
// field and a variant. Everything per format follows: validators, types, constants, bundles,
// AsyncAPI, and the older formats' output does not change.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parse, stringify } from "lossless-json";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, GENERATOR_TIMEOUT, readTree, REPO, scratchSchemas } from "../support/generator.js";
import { diagnosticMessages, STRICT_ESM_CONSUMER } from "../support/typescript.js";

type Json = Record<string, any>;

// Lossless: the schemas' examples hold u64::MAX, which a double would round.
const readJson = (path: string): Json => parse(readFileSync(path, "utf8")) as Json;
const writeJson = (path: string, value: unknown) => writeFileSync(path, `${stringify(value, null, 2)}\n`);

const workflowResumed = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://ironflow.dev/schemas/events/workflow_resumed.json",
  title: "WorkflowResumed",
  description: "An operator resumed a paused run (a made-up variant of a made-up engine 2.60).",
  "x-order": 21,
  "x-since": "2.60",
  "x-engine-json": true,
  type: "object",
  required: ["type", "run_id", "at"],
  properties: {
    type: { title: "Event type", description: "Names this variant on the wire.", const: "workflow_resumed" },
    run_id: { $ref: "defs/uuid.json", title: "Run ID", description: "The resumed run." },
    at: { $ref: "defs/timestamp.json", title: "Resumed at", description: "When the run was resumed." },
  },
  examples: [
    { type: "workflow_resumed", run_id: "0190a6b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b", at: "2026-11-25T22:24:21.123Z" },
  ],
};

const runFailed = {
  type: "run_failed",
  run_id: "0190a6b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b",
  workflow_name: "deploy",
  error: null,
  cost_usd: 0.42,
  duration_ms: 1200,
  labels: {},
  at: "2026-11-25T22:24:21.123Z",
};

describe("a new engine version takes a row of the version table, version marks and `npm run generate`", () => {
  const scratch = scratchSchemas("new-engine-version");
  let files: Record<string, string>;
  let generatorOutput: Awaited<ReturnType<typeof generate>>;
  const committed = readTree(join(REPO, "generated"));

  beforeAll(async () => {
    const table = readJson(join(scratch.schemas, "engine-versions.json"));
    table.formats.push({
      format: "2.60",
      first: "2.60",
      last: "2.61",
      confirmed: "Made up for this test, field by field.",
    });
    table.engineVersion = "2.60.3";
    writeJson(join(scratch.schemas, "engine-versions.json"), table);
    const status = readJson(join(scratch.schemas, "defs/run-status.json"));
    status.enum.push("stopped");
    status["x-enum-since"].stopped = "2.60";
    // Its moves: running may stop it, and it is terminal (a move to itself the store's no-op).
    status["x-transitions"].running.push("stopped");
    status["x-transitions-since"].running.stopped = "2.60";
    status["x-transitions"].stopped = ["stopped"];
    status["x-terminal"].push("stopped");
    status["x-terminal-since"] = { ...status["x-terminal-since"], stopped: "2.60" };
    writeJson(join(scratch.schemas, "defs/run-status.json"), status);
    const failed = readJson(join(scratch.schemas, "run_failed.json"));
    failed.properties.attempt = {
      $ref: "defs/u32.json",
      default: 1,
      "x-since": "2.60",
      title: "Attempt",
      description: "Which attempt of the run failed (made up).",
    };
    writeJson(join(scratch.schemas, "run_failed.json"), failed);
    writeJson(join(scratch.schemas, "workflow_resumed.json"), workflowResumed);
    generatorOutput = await generate(["--schemas", scratch.schemas, "--out", scratch.out]);
    files = readTree(scratch.out);
  }, GENERATOR_TIMEOUT);
  afterAll(() => scratch.remove());

  it("the generator succeeds and adds the new format's bundle and AsyncAPI document", () => {
    expect({ status: generatorOutput.status, stderr: generatorOutput.stderr }).toEqual({ status: 0, stderr: "" });
    expect(generatorOutput.stdout).toContain("in 4 engine formats");
    expect(Object.keys(files).sort()).toEqual(
      [
        ...Object.keys(committed),
        "formats/2.60/asyncapi.yaml",
        "formats/2.60/schema.json",
        "engines/2.60/index.ts",
        "engines/2.60/webhook.ts",
      ].sort(),
    );
    const bundle = JSON.parse(files["formats/2.60/schema.json"]!);
    expect(bundle.oneOf.at(-1)).toEqual({ $ref: "#/$defs/workflow_resumed" });
    expect(bundle.$defs["run-status"].enum.at(-1)).toBe("stopped");
    expect(files["formats/2.60/asyncapi.yaml"]).toMatch(/^ {2}version: 2\.60\.x–2\.61\.x$/m);
  });

  it("bundles.ts: the new format's bundle is the newest (schema.json), the one before it under formats/", () => {
    // Each format's bundle is its file's JSON text: the $id says which file (the newest's is event.json).
    const idOf = (module: string, format: string) =>
      /"\$id":"([^"]+)"/.exec(module.slice(module.indexOf(`"${format}": () =>`)))?.[1];
    const bundles = files["bundles.ts"]!;
    expect(bundles).toContain('export type BundleFormat = "2.14" | "2.20" | "2.52" | "2.60";');
    expect(idOf(bundles, "2.60")).toBe("https://ironflow.dev/schemas/events/event.json");
    expect(idOf(bundles, "2.52")).toBe("https://ironflow.dev/schemas/events/bundles/engine-2.52.json");
    expect(idOf(committed["bundles.ts"]!, "2.52")).toBe("https://ironflow.dev/schemas/events/event.json");
  });

  it("engines/2.60/: the modules of ironflow-events/engines/2.60 and its /webhook, typed for it; the older formats' as they were", () => {
    const entry = files["engines/2.60/index.ts"]!;
    expect(entry).toContain('type Format = "2.60";');
    expect(entry).toContain('export type WorkflowResumed = EventOf<"workflow_resumed">;');
    expect(entry).toContain('export const ENGINE_VERSION = "2.60.3";');
    // The one before it is no longer the newest: its ENGINE_VERSION is the last of its range.
    expect(files["engines/2.52/index.ts"]).toContain('export const ENGINE_VERSION = "2.52";');
    expect(committed["engines/2.52/index.ts"]).toContain('export const ENGINE_VERSION = "2.52.2";');
    expect(files["engines/2.60/webhook.ts"]).toContain('type Format = "2.60";');
    for (const format of ["2.14", "2.20"])
      for (const name of ["index.ts", "webhook.ts"])
        expect(files[`engines/${format}/${name}`], format).toBe(committed[`engines/${format}/${name}`]);
    expect(files["engines/2.52/webhook.ts"]).toBe(committed["engines/2.52/webhook.ts"]);
  });

  it("leaves every older format's bundle and AsyncAPI document as they were", () => {
    for (const name of Object.keys(committed).filter((n) => n.startsWith("formats/")))
      expect(files[name], name).toBe(committed[name]);
  });

  it("validators.js: the new format's validators, the plain names now its own, the older ones unchanged", async () => {
    const validators = await import(pathToFileURL(join(scratch.out, "validators.js")).href);
    const resumed = workflowResumed.examples[0];
    const stopped = { ...runStatusChanged(), to: "stopped" };
    for (const name of ["validateEvent_2_60", "validateEvent"]) {
      expect(validators[name](resumed), name).toBe(true);
      expect(validators[name](stopped), name).toBe(true);
      expect(validators[name]({ ...runFailed, attempt: 1.5 }), name).toBe(false);
    }
    expect(validators.validateEvent_2_52(resumed)).toBe(false);
    expect(validators.validateEvent_2_52(stopped)).toBe(false);
    expect(validators.validateEvent_2_52({ ...runFailed, attempt: 1.5 })).toBe(true); // an unknown field there
    expect(validators.validateEventStrict_2_52({ ...runFailed, attempt: 1 })).toBe(false);
    expect(validators.validateEventStrict_2_60({ ...runFailed, attempt: 1 })).toBe(true);
    // An unchanged variant has one definition for every format: the new format costs only what it changes.
    // The tables are the generated module's TABLES: its declaration run with a schemaTables that makes them at once.
    const code = files["validators.js"]!;
    const declaration = code.slice(
      code.indexOf("const TABLES = "),
      code.indexOf("\nexport const", code.indexOf("const TABLES = ")),
    );
    const { formats } = new Function("schemaTables", `${declaration}\nreturn TABLES;`)((make: () => unknown) =>
      make(),
    ) as {
      formats: Record<string, { names: Record<string, number> }>;
    };
    const definition = (format: string, variant: string) => formats[format.replace("_", ".")]!.names[variant];
    expect(definition("2_60", "run_created")).toBe(definition("2_52", "run_created"));
    expect(definition("2_60", "run_created")).toBe(definition("2_14", "run_created"));
    expect(definition("2_60", "run_failed")).not.toBe(definition("2_52", "run_failed"));
  });

  it("constants.ts: ENGINE_VERSION, and the new format's table with its statuses, defaults and number fields", () => {
    const constants = files["constants.ts"]!;
    expect(constants).toContain('export const ENGINE_VERSION = "2.60.3" as const;');
    // Compared without quotes and line breaks: prettier decides those.
    const flat = (text: string) => text.replaceAll('"', "").replace(/\s+/g, " ");
    const table = flat(/^const FORMAT_2_60: [^=]*= \{([\s\S]*?)^\};/m.exec(constants)![1]!);
    expect(table).toContain("range: 2.60.x–2.61.x");
    expect(table).toContain("runStatuses: RUN_STATUSES,");
    expect(
      flat(/^export const RUN_STATUSES = \/\* @__PURE__ \*\/ Object\.freeze\(\[([^\]]*)\]/m.exec(constants)![1]!),
    ).toMatch(/stopped,? $/);
    expect(table).toContain("run_failed: { fields: { error: null, labels: {}, attempt: 1 } }");
    // The number fields are in the part of the table made on first use (details_<format>), JSON text.
    const details = (format: string) =>
      flat(new RegExp(`^const details_${format} = ([\\s\\S]*?)^\\);`, "m").exec(constants)![1]!);
    expect(details("2_60")).toContain("attempt:{integer:4294967295}");
    const older = /^const FORMAT_2_52: [^=]*= \{([\s\S]*?)^\};/m.exec(constants)![1]!;
    expect(older + details("2_52")).not.toMatch(/stopped|attempt/);
  });

  it("constants.ts: the new format's run lifecycle with the new status's moves, the older ones without", () => {
    const constants = files["constants.ts"]!;
    const flat = (text: string) => text.replaceAll('"', "").replace(/\s+/g, " ");
    const lifecycle = (format: string) =>
      flat(new RegExp(`^const LIFECYCLE_${format}: [^=]*= \\{([\\s\\S]*?)^\\};`, "m").exec(constants)![1]!);
    expect(lifecycle("2_60")).toMatch(/running: \[[^\]]*paused, stopped,? ?\]/);
    expect(lifecycle("2_60")).toContain("stopped: [],");
    expect(lifecycle("2_60")).toMatch(/terminal: \[completed, failed, cancelled, warning, stopped,? ?\]/);
    expect(lifecycle("2_60")).toMatch(/idempotent: \[completed, failed, cancelled, warning, stopped,? ?\]/);
    expect(lifecycle("2_52")).not.toContain("stopped");
    expect(constants).toMatch(
      /^export const ENGINE_LIFECYCLES = [^;]*LIFECYCLE_2_52,\s*LIFECYCLE_2_60,?\s*\] as const\);/m,
    );
  });

  it("types.ts: the new format's types by the plain names, the previous newest in a namespace, the version types extended", () => {
    const entry = join(scratch.dir, "consumer.ts");
    writeFileSync(
      entry,
      [
        'import type { RunFailed, RunStatus, Engine2_52, EngineFormatOf, EngineFormats, WorkflowResumed } from "./generated/types.js";',
        "const attempt: RunFailed['attempt'] = 2;",
        'const stopped: RunStatus = "stopped";',
        'const resumed: EngineFormats["2.60"]["map"]["workflow_resumed"] = {} as WorkflowResumed;',
        'const format: EngineFormatOf<"2.61.7"> = "2.60";',
        'const older: EngineFormatOf<"v2.52.2"> = "2.52";',
        'const none: [EngineFormatOf<"2.62">] extends [never] ? true : false = true;',
        "// @ts-expect-error no attempt in 2.52",
        "const noAttempt: Engine2_52.RunFailed['attempt'] = 2;",
        "// @ts-expect-error no stopped in 2.52",
        'const notStopped: Engine2_52.RunStatus = "stopped";',
        "export { attempt, stopped, resumed, format, older, none, noAttempt, notStopped };",
      ].join("\n"),
    );
    const program = ts.createProgram([entry], { ...STRICT_ESM_CONSUMER, lib: ["lib.es2022.d.ts"] });
    expect(diagnosticMessages(program, entry)).toEqual([]);
  });
});

function runStatusChanged() {
  return {
    type: "run_status_changed",
    run_id: "0190a6b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b",
    workflow_name: "deploy",
    from: "running",
    to: "completed",
    error: null,
    cost_usd: 0.42,
    duration_ms: 1200,
    at: "2026-11-25T22:24:21.123Z",
  };
}
