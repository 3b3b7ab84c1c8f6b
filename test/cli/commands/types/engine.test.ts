// `types --engine`: that engine version's event types, in its order, each with its description.
import { beforeAll, describe, expect, test } from "vitest";
import { DESCRIPTIONS, ENGINE_FORMAT_TABLES } from "../../../../generated/constants.js";
import { ensureBuilt, runCli } from "../../../support/cli-harness.js";

beforeAll(() => ensureBuilt());

describe("types --engine", () => {
  test.each([
    ["2.14.1", 0, 12],
    ["2.31", 1, 14],
    ["2.52.2", 2, 20],
  ])("--engine %s lists the %i-th format's %i types", (engine, index, count) => {
    const result = runCli(["types", "--engine", engine]);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual([...ENGINE_FORMAT_TABLES[index]!.eventTypes]);
    expect(lines).toHaveLength(count);
    for (const line of lines)
      expect(line.endsWith(DESCRIPTIONS[line.split(/\s+/)[0] as keyof typeof DESCRIPTIONS])).toBe(true);
  });

  test("an unmodelled version: exit 2 with the resolver's message", () => {
    const result = runCli(["types", "--engine", "2.45"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      '--engine: engine "2.45" is not modelled; modelled: 2.14.x–2.19.x, 2.20.x–2.40.x, 2.52.x',
    );
  });
});
