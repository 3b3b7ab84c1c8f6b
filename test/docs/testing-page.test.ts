// docs/testing.md: every TypeScript example type-checks against the built package and runs to
// the end (each asserts what it shows with node:assert).
import { afterAll, describe, expect, it } from "vitest";
import { codeBlocks, removeDocsProject, runModule, typecheck } from "../support/doc-project.js";

const blocks = codeBlocks("testing.md").filter((block) => block.lang === "ts");

describe("docs/testing.md", () => {
  afterAll(removeDocsProject);
  const { files, errors } = typecheck(
    "testing",
    blocks.map((block) => block.code),
  );

  it("has an example for each part of the kit, and they type-check", () => {
    const all = blocks.map((block) => block.code).join("\n");
    for (const name of [
      "makeEvent(",
      "makeRun(",
      "signWebhook(",
      "toEngineJson(",
      "arbitraryEvent(",
      "arbitraryNearMiss(",
    ])
      expect(all).toContain(name);
    expect(errors).toBe("");
  });

  for (const [i, file] of files.entries())
    it(`example ${i + 1} runs`, async () => {
      const run = runModule(file);
      const code = await run.exited;
      expect(run.output()).not.toMatch(/Error/);
      expect(code).toBe(0);
    });
});
