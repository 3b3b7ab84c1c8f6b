// `ironflow-events types`, the built CLI as a child process.
import { beforeAll, describe, expect, test } from "vitest";
import { DESCRIPTIONS, EVENT_TYPES } from "../../../../generated/constants.js";
import { ensureBuilt, runCli } from "../../../support/cli-harness.js";

beforeAll(() => ensureBuilt());

describe("types", () => {
  test("types lists every event type, in the engine's order, with its one-line description", () => {
    const result = runCli(["types"]);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual([...EVENT_TYPES]);
    expect(lines[0]).toMatch(/^run_created {2,}A workflow run has just been created\.$/);
    for (const [i, type] of EVENT_TYPES.entries()) expect(lines[i]!.endsWith(DESCRIPTIONS[type])).toBe(true);
  });
});
