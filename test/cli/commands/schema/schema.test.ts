// `ironflow-events schema`, the built CLI as a child process: the bundle, one variant
// self-contained, and an unknown type.
import { beforeAll, describe, expect, test } from "vitest";
import bundle from "../../../../generated/schema.json" with { type: "json" };
import { ensureBuilt, runCli } from "../../../support/cli-harness.js";

beforeAll(() => ensureBuilt());

describe("schema", () => {
  test("schema prints the bundled schema", () => {
    const result = runCli(["schema"]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(bundle);
  });

  test("schema <type> prints that variant alone, with the definitions it refers to", () => {
    const schema = JSON.parse(runCli(["schema", "run_status_changed"]).stdout) as Record<string, unknown>;
    const defs = (bundle as { $defs: Record<string, unknown> }).$defs;
    expect(schema).toMatchObject({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "https://ironflow.dev/schemas/events/run_status_changed.json",
      title: "RunStatusChanged",
      properties: (defs.run_status_changed as { properties: unknown }).properties,
    });
    expect(Object.keys(schema.$defs as object).sort()).toEqual([
      "duration-ms",
      "labels",
      "run-status",
      "timestamp",
      "usd-cost",
      "uuid",
    ]);
    // Self-contained: every $ref resolves inside the document.
    const refs = JSON.stringify(schema).match(/"\$ref":"[^"]*"/g) ?? [];
    for (const ref of refs)
      expect(Object.keys(schema.$defs as object)).toContain(ref.slice('"$ref":"#/$defs/'.length, -1));
  });

  test("a variant that refers to a definition which refers to another gets both", () => {
    const schema = JSON.parse(runCli(["schema", "step_failed"]).stdout) as { $defs: Record<string, unknown> };
    expect(Object.keys(schema.$defs)).toEqual(expect.arrayContaining(["step-kind", "builtin-step-kind"]));
  });

  test("schema of an unknown type: exit code 2, naming the known ones", () => {
    const result = runCli(["schema", "run_paused"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      '"run_paused" is not an event type; the types are: run_created, run_status_changed',
    );
  });
});
