// docs/standard-schema.md and docs/types.md: every complete example typechecks as a consumer's
// strict project, and the Standard Schema examples run.
import { describe, expect, it } from "vitest";
import { docExamples, typeErrors } from "../support/doc-examples.js";
import { WIRE_RUN_FAILED } from "../support/sample-events.js";

const RUN_FAILED = WIRE_RUN_FAILED;

describe("docs/standard-schema.md", () => {
  const examples = docExamples("standard-schema.md");
  const runnable = (file: string) => examples.find((e) => e.file === file)!.runnable;

  it("has four examples, which typecheck as a strict consumer project", () => {
    expect(examples.map((e) => e.file)).toEqual(["older-engine.ts", "hono-validator.ts", "trpc.ts", "validate.ts"]);
    expect(typeErrors(examples)).toEqual([]);
  }, 60_000);

  it("another engine version: 2.31.4 fills in labels, 2.14's run_failed schema has none", async () => {
    const { labelsOf, seedSchema } = await import(runnable("older-engine.ts"));
    expect(labelsOf(RUN_FAILED)).toEqual({});
    expect(labelsOf({ ...RUN_FAILED, labels: { team: "infra" } })).toEqual({ team: "infra" });
    expect(labelsOf({ ...RUN_FAILED, type: "signal_received" })).toBeUndefined(); // a 2.52 type: unknown at 2.31
    expect(Object.keys(seedSchema.properties)).not.toContain("labels");
    expect(seedSchema.required).toContain("error");
  });

  it("Hono: a valid event reaches the route, an invalid one gets 400 with the issues", async () => {
    const app = (await import(runnable("hono-validator.ts"))).default;
    const post = (body: unknown) =>
      app.request("/events", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    const ok = await post(RUN_FAILED);
    expect(await ok.json()).toEqual({ received: "run_failed" });
    const bad = await post({ ...RUN_FAILED, at: "yesterday" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toEqual([
      { path: ["at"], code: "format", message: expect.stringContaining("yesterday") },
    ]);
  });

  it("tRPC: the procedure gets the parsed RunFailed", async () => {
    const { caller } = await import(runnable("trpc.ts"));
    expect(await caller.reportFailure(RUN_FAILED)).toBe("deploy failed: no reason given");
  });

  it("any consumer: check() returns the event or throws the issues; the draft-07 schema is there", async () => {
    const { check, schemaForOpenApi } = await import(runnable("validate.ts"));
    expect(check(RUN_FAILED)).toEqual({ ...RUN_FAILED, error: null, labels: {} }); // the newest engine reads both as defaults
    expect(() => check({ ...RUN_FAILED, duration_ms: -1 })).toThrow(/^duration_ms: must be an integer/);
    expect(schemaForOpenApi.$schema).toBe("http://json-schema.org/draft-07/schema#");
  });
});

describe("docs/types.md", () => {
  it("its OpenAPI aliases typecheck", () => {
    const examples = docExamples("types.md");
    expect(examples.map((e) => e.file)).toEqual(["openapi-names.ts"]);
    expect(typeErrors(examples)).toEqual([]);
  }, 60_000);
});
