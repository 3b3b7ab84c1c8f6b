// `ironflow-events` itself, the built CLI as a child process: its version.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { ensureBuilt, ROOT, runCli } from "../support/cli-harness.js";

beforeAll(() => ensureBuilt());

describe("ironflow-events", () => {
  test("--version shows the package and engine versions", () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    const result = runCli(["--version"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`ironflow-events ${version} (engine 2.52.2)\n`);
  });
});
