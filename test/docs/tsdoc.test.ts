// Every export of the package has TSDoc with an @example (editors show it on hover), and the
// API reference (docs/api.md) names every export, so the two cannot drift apart silently.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { moduleExports } from "../support/module-exports.js";

const ROOT = resolve(import.meta.dirname, "../..");
const ENTRY = join(ROOT, "src", "index.ts");
/** The subpath entries (ironflow-events/webhook, ...): their exports are the package's too. */
const SUBPATH_ENTRIES = ["webhook", "standard"].map((name) => join(ROOT, "src", name, "index.ts"));

const EXPORTS = [ENTRY, ...SUBPATH_ENTRIES].flatMap(moduleExports);

/** The API reference, docs/api.md, whole: every export is named somewhere in it. */
function apiReference(): string {
  return readFileSync(join(ROOT, "docs", "api.md"), "utf8");
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

  it("are each named in docs/api.md", () => {
    const section = apiReference();
    const missing = EXPORTS.map((e) => e.name).filter((name) => !new RegExp(`\\b${name}\\b`).test(section));
    expect(missing).toEqual([]);
  });
});
