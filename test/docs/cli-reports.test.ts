// The report examples of docs/cli.md are what the CLI prints on the two example files they name:
// the text report to the letter, the GitHub lines as the start of the real output, and the JSON
// report's every shown field (the page shortens `byType` to three of its rows).
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "../support/cli-harness.js";
import { docBlocks } from "../support/doc-blocks.js";

const FILES = ["examples/invalid/duration-negative.json", "examples/invalid/stream-with-truncated-line.ndjson"];
const BLOCKS = docBlocks("docs/cli.md");

/** The first block of `lang` whose text includes `marker`. */
function block(lang: string, marker: string): string {
  const found = BLOCKS.find((b) => b.lang === lang && b.code.includes(marker));
  if (!found) throw new Error(`docs/cli.md has no \`\`\`${lang} block with ${JSON.stringify(marker)}`);
  return found.code;
}

/** `shown` is part of `actual`: every key it names has the same value (objects compared the same way). */
function expectShownIn(actual: unknown, shown: unknown, where = "$"): void {
  if (shown !== null && typeof shown === "object" && !Array.isArray(shown)) {
    expect(actual, where).toBeTypeOf("object");
    for (const [key, value] of Object.entries(shown))
      expectShownIn((actual as Record<string, unknown>)[key], value, `${where}.${key}`);
  } else {
    expect(actual, where).toEqual(shown);
  }
}

beforeAll(() => ensureBuilt());

describe("docs/cli.md's report examples", () => {
  it("--format text prints exactly the page's text report", () => {
    const result = runCli(["validate", ...FILES]);
    expect(result.status).toBe(1);
    expect(result.stdout.trimEnd()).toBe(block("text", "error   /duration_ms").trimEnd());
  });

  it("--format github starts with the page's lines", () => {
    const result = runCli(["validate", "--format", "github", ...FILES]);
    expect(result.stdout.startsWith(block("text", "::error file=").trimEnd())).toBe(true);
  });

  it("--format json holds every field the page shows", () => {
    const result = runCli(["validate", "--format", "json", ...FILES]);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expectShownIn(report, JSON.parse(block("json", '"reportVersion"')));
  });
});
