// The fields the engine writes after a variant's only integer field (scripts/generate/integer-tails.ts),
// which the text path reads back over to find the integer where the engine writes it.
import { describe, expect, it } from "vitest";
import { integerTail } from "../../scripts/generate/integer-tails.js";
import { loadEngineVersions } from "../../scripts/generate/engine-versions.js";
import { schemasOfFormats } from "../../scripts/generate/filter-format.js";
import { loadSchemas, type SchemaObject } from "../../scripts/generate/load-schemas.js";

const formats = schemasOfFormats(await loadSchemas("schemas"), loadEngineVersions("schemas"));
const defsOf = (format: string) =>
  formats.find((f) => f.format === format)!.bundle.$defs as Record<string, SchemaObject>;

describe("integerTail", () => {
  it("lists the fields after the integer in the engine's order, with how each is written", () => {
    const $defs = defsOf("2.52");
    expect(integerTail($defs.run_failed!, $defs)).toEqual({
      field: "duration_ms",
      after: [
        { name: "labels", kind: "record" },
        { name: "at", kind: "text" },
      ],
    });
    expect(integerTail($defs.step_completed!, $defs)).toEqual({
      field: "duration_ms",
      after: [
        { name: "cost_usd", kind: "number" },
        { name: "at", kind: "text" },
      ],
    });
    expect(integerTail($defs.schedule_occurrences_missed!, $defs)?.after.map((f) => f.name)).toEqual([
      "first",
      "last",
      "at",
    ]);
    const old = defsOf("2.14");
    expect(integerTail(old.run_failed!, old)).toEqual({ field: "duration_ms", after: [{ name: "at", kind: "text" }] });
  });

  it("gives none where the look back could not be made", () => {
    const $defs = defsOf("2.52");
    // Two integers (the approval counts) and a nested one.
    expect(integerTail($defs.approval_granted!, $defs)).toBeUndefined();
    // A free-text string (`reason`) after the integer `stage`: its escapes make its length unknown.
    expect(integerTail($defs.approval_escalated!, $defs)).toBeUndefined();
    // No integer at all.
    expect(integerTail($defs.log_line!, $defs)).toBeUndefined();
  });

  it("gives none when the integer's name is also a key at another depth", () => {
    const variant: SchemaObject = {
      type: "object",
      properties: {
        count: { type: "integer", minimum: 0, maximum: 10 },
        nested: { type: "object", properties: { count: { type: "string" } } },
      },
    };
    expect(integerTail(variant, {})).toBeUndefined();
  });

  it("reads an enum of plain values as text, and one with a character serde escapes as unknown", () => {
    const variant = (values: string[]): SchemaObject => ({
      type: "object",
      properties: { count: { type: "integer", minimum: 0, maximum: 10 }, kind: { enum: values } },
    });
    expect(integerTail(variant(["a", "b_c"]), {})?.after).toEqual([{ name: "kind", kind: "text" }]);
    expect(integerTail(variant(["a", 'quote"d']), {})).toBeUndefined();
    expect(integerTail(variant(["a", "tab\t"]), {})).toBeUndefined();
  });
});
