// Every export of the package has TSDoc with an @example (editors show it on hover), and the
// README's API section names every export, so the two cannot drift apart silently.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { moduleExports } from "../support/module-exports.js";

const ROOT = resolve(import.meta.dirname, "../..");
const ENTRY = join(ROOT, "src", "index.ts");

const EXPORTS = moduleExports(ENTRY);

/** The README from "## API" to the next section of the same level. */
function readmeApiSection(): string {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf("\n## API\n");
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

describe("the package's exports", () => {
  it("are the public API of DESIGN.md, and more", () => {
    const names = EXPORTS.map((e) => e.name);
    for (const name of [
      "ENGINE_VERSION",
      "Event",
      "EventType",
      "EventOf",
      "eventType",
      "RunStatus",
      "RUN_STATUSES",
      "StepKind",
      "BUILTIN_STEP_KINDS",
      "LogStream",
      "LOG_STREAMS",
      "parseLogStream",
      "isEvent",
      "validateEvent",
      "parseEvent",
      "EventValidationError",
      "ValidationResult",
      "ValidationIssue",
    ])
      expect(names).toContain(name);
  });

  it("`Event` is both the type of any event and the constants", () => {
    const event = EXPORTS.find((e) => e.name === "Event")!;
    expect(event.docs.map((d) => d.kind).sort()).toEqual(["TypeAliasDeclaration", "VariableDeclaration"]);
  });

  it.each(EXPORTS.map((e) => [e.name, e] as const))("%s has TSDoc with an @example", (_name, exported) => {
    expect(exported.docs.length).toBeGreaterThan(0);
    for (const doc of exported.docs) expect(doc).toEqual({ kind: doc.kind, text: true, example: true });
  });

  it("are each named in the README's API section", () => {
    const section = readmeApiSection();
    const missing = EXPORTS.map((e) => e.name).filter((name) => !new RegExp(`\\b${name}\\b`).test(section));
    expect(missing).toEqual([]);
  });
});
