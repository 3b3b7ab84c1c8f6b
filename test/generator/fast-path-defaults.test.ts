// The generated fast path fills in an event's defaults when it is given the text (a value
// parseEvent made, its own to change): what it answers, and what it leaves the value as, must be
// what src/defaults.ts would make of it, for every format and every type with defaults. Without
// the text it changes nothing (validateEvent and isEvent read the caller's values).
import { describe, expect, it } from "vitest";
import { nestedDefaults } from "../../scripts/generate/fillers.js";
import { loadEngineVersions } from "../../scripts/generate/engine-versions.js";
import { schemasOfFormats } from "../../scripts/generate/filter-format.js";
import { loadSchemas } from "../../scripts/generate/load-schemas.js";
import { withDefaults } from "../../src/defaults.js";
import { FORMATS } from "../../src/engine/index.js";
import { DEFAULTS_LEFT } from "../../src/rules/index.js";
import { engineEventLines, formatEventLines, VECTOR_FORMATS, type VectorFormat } from "../support/vectors.js";

/**
 * Up to 30 of the engine's events of each type of a format, and 30 of the seed's (which leave
 * out every newer field, so that the newer formats' defaults are filled in).
 */
function eventsOf(format: VectorFormat): Map<string, string[]> {
  const byType = new Map<string, string[]>();
  const sources = format === "2.14" ? [engineEventLines()] : [formatEventLines(format), engineEventLines()];
  for (const lines of sources) {
    const taken = new Map<string, number>();
    for (const line of lines) {
      const type = (JSON.parse(line) as { type: string }).type;
      if ((taken.get(type) ?? 0) >= 30) continue;
      taken.set(type, (taken.get(type) ?? 0) + 1);
      byType.set(type, [...(byType.get(type) ?? []), line]);
    }
  }
  return byType;
}

describe("the fast path's defaults, given the text", () => {
  it.each(VECTOR_FORMATS)(
    "%s: fills in what withDefaults would, or answers DEFAULTS_LEFT; nothing without text",
    async (id) => {
      const format = FORMATS.find((f) => f.format === id)!;
      const schemas = schemasOfFormats(await loadSchemas("schemas"), loadEngineVersions("schemas")).find(
        (f) => f.format === id,
      )!;
      const holders = nestedDefaults(schemas);
      const answers = new Map<string, Set<unknown>>();
      for (const [type, lines] of eventsOf(id)) {
        if (!format.eventTypes.includes(type)) continue;
        for (const line of lines) {
          // Without the text: a truthy answer, and the value as it was.
          const borrowed = JSON.parse(line) as object;
          expect(format.fast(borrowed), line).toBeTruthy();
          expect(borrowed, line).toEqual(JSON.parse(line));
          // With it: true and every default filled in as withDefaults fills it, or DEFAULTS_LEFT.
          const owned = JSON.parse(line) as object;
          const verdict = format.fast(owned, line);
          const expected = withDefaults(JSON.parse(line) as object, format, "borrowed");
          if (verdict === true) expect(owned, line).toEqual(expected);
          else expect(verdict, line).toBe(DEFAULTS_LEFT);
          answers.set(type, (answers.get(type) ?? new Set()).add(verdict));
        }
      }
      // DEFAULTS_LEFT only for a type with defaults inside a field, and then only when that field holds a value.
      for (const [type, seen] of answers) if (!holders.has(type)) expect([...seen], `${id} ${type}`).toEqual([true]);
      if (id === "2.52") {
        expect([...answers.get("approval_granted")!].sort()).toEqual([2, true].sort());
        expect(answers.get("provider_account.usage_updated")).toEqual(new Set([DEFAULTS_LEFT]));
      }
    },
  );

  it("a 2.52 approval without its requirement: filled in on the spot, the requirement null", () => {
    const format = FORMATS.find((f) => f.format === "2.52")!;
    const text = JSON.stringify({
      type: "approval_granted",
      run_id: "0190a6b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b",
      approved_by: "alice",
      at: "2026-11-25T22:24:21.123Z",
    });
    const owned = JSON.parse(text) as Record<string, unknown>;
    expect(format.fast(owned, text)).toBe(true);
    expect(owned).toEqual({
      ...JSON.parse(text),
      step_id: null,
      approvals_received: 1,
      approvals_required: 1,
      requirement: null,
    });
    const withRequirement = { ...(JSON.parse(text) as object), requirement: { required_approvers: 2 } };
    expect(format.fast(withRequirement, JSON.stringify(withRequirement))).toBe(DEFAULTS_LEFT);
  });
});
