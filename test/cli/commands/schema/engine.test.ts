// `schema --engine`: that engine version's bundle (generated/bundles.ts's: an older format's
// from generated/formats/<format>/, the newest's schema.json), a type's schema from it, its types only.
import { beforeAll, describe, expect, test } from "vitest";
import bundle214 from "../../../../generated/formats/2.14/schema.json" with { type: "json" };
import newest from "../../../../generated/schema.json" with { type: "json" };
import { ensureBuilt, runCli } from "../../../support/cli-harness.js";

beforeAll(() => ensureBuilt());

describe("schema --engine", () => {
  test("prints that version's format bundle: 2.14.1 the 2.14 one, 2.52 the newest's (schema.json)", () => {
    const result = runCli(["schema", "--engine", "2.14.1"]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(bundle214);
    expect(JSON.parse(runCli(["schema", "--engine", "2.52"]).stdout)).toEqual(newest);
  });

  test("a type's schema of that version: run_failed of 2.14 has no labels, and its own $id", () => {
    const old = JSON.parse(runCli(["schema", "--engine", "2.14", "run_failed"]).stdout) as Record<string, any>;
    expect(old.$id).toBe("https://ironflow.dev/schemas/events/bundles/engine-2.14/run_failed.json");
    expect(old.properties).not.toHaveProperty("labels");
    const newer = JSON.parse(runCli(["schema", "--engine", "2.31.4", "run_failed"]).stdout) as Record<string, any>;
    expect(newer.properties).toHaveProperty("labels");
    // Self-contained: every $ref resolves inside the document.
    for (const ref of JSON.stringify(old).match(/"\$ref":"[^"]*"/g) ?? [])
      expect(Object.keys(old.$defs)).toContain(ref.slice('"$ref":"#/$defs/'.length, -1));
  });

  test("a type that version does not have: exit 2, naming the version and its types", () => {
    const result = runCli(["schema", "--engine", "2.14", "run_budget_exceeded"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      '"run_budget_exceeded" is not an event type of engine 2.14.x–2.19.x; the types are: run_created,',
    );
    expect(runCli(["schema", "--engine", "2.31", "run_budget_exceeded"]).status).toBe(0);
  });

  test("an unmodelled version: exit 2 with the resolver's message", () => {
    const result = runCli(["schema", "--engine", "4.1.2"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      '--engine: engine "4.1.2" is not modelled; modelled: 2.14.x–2.19.x, 2.20.x–2.40.x, 2.52.x',
    );
  });
});
