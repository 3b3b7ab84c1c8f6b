// The fillers of the validators' module (scripts/generate/fillers.ts): the functions that fill
// in an event's own defaults where parseEvent(text) made the event.
import { describe, expect, it } from "vitest";
import { fillerBody, fillers, ownDefaults } from "../../scripts/generate/fillers.js";
import { loadEngineVersions } from "../../scripts/generate/engine-versions.js";
import { schemasOfFormats } from "../../scripts/generate/filter-format.js";
import { loadSchemas } from "../../scripts/generate/load-schemas.js";
import { ENGINE_FORMAT_TABLES } from "../../generated/constants.js";
import { FORMAT_VALIDATORS } from "../../generated/validators.js";

type Filler = (event: Record<string, unknown>) => void;

/** A filler made of the body the generator writes. */
const fillerOf = (fields: Parameters<typeof fillerBody>[0]) => new Function("e", fillerBody(fields)) as Filler;

describe("fillerBody", () => {
  it("fills only the absent fields, each object or array default a fresh one per call", () => {
    const fill = fillerOf({ error: null, labels: {}, groups: [], id: "x", count: 1 });
    const first: Record<string, unknown> = { error: "kept", count: 0 };
    const second: Record<string, unknown> = {};
    fill(first);
    fill(second);
    expect(first).toEqual({ error: "kept", count: 0, labels: {}, groups: [], id: "x" });
    expect(second).toEqual({ error: null, labels: {}, groups: [], id: "x", count: 1 });
    expect(first.labels).not.toBe(second.labels);
    expect(first.groups).not.toBe(second.groups);
  });
  it("writes a name that is not an identifier as a string key", () => {
    expect(fillerBody({ "a.b": 1 })).toBe('if (e["a.b"] === undefined) e["a.b"] = 1;');
    const event: Record<string, unknown> = {};
    fillerOf({ "a.b": 1 })(event);
    expect(event).toEqual({ "a.b": 1 });
  });
});

describe("fillers", () => {
  const versions = loadEngineVersions("schemas");

  it("emits each distinct body once, and gives each format its table by event type", async () => {
    const formats = schemasOfFormats(await loadSchemas("schemas"), versions);
    const { declarations, tables } = fillers(formats);
    const bodies = declarations.map((declaration) => declaration.replace(/^function fill\d+/, ""));
    expect(new Set(bodies).size).toBe(bodies.length);
    // run_failed has the same own defaults in 2.20 and 2.52: one function for both.
    expect(tables.get("2.20")).toMatch(/"run_failed": (fill\d+)/);
    const shared = /"run_failed": (fill\d+)/.exec(tables.get("2.20")!)![1];
    expect(tables.get("2.52")).toContain(`"run_failed": ${shared}`);
    expect([...tables.keys()]).toEqual(versions.formats.map((f) => f.format));
  });

  it("fills what the format's defaults table says of the event's own fields, for every format and type", async () => {
    const formats = schemasOfFormats(await loadSchemas("schemas"), versions);
    for (const format of formats) {
      const table = ENGINE_FORMAT_TABLES.find((t) => t.format === format.format)!;
      const own = ownDefaults(format);
      const fill = FORMAT_VALIDATORS[format.format as keyof typeof FORMAT_VALIDATORS].fill;
      for (const type of table.eventTypes) {
        const plan = (table.defaults as Record<string, { fields?: Record<string, unknown> } | undefined>)[type];
        expect(own[type], `${format.format} ${type}`).toEqual(plan?.fields);
        const event: Record<string, unknown> = { type };
        fill[type]?.(event);
        expect(event, `${format.format} ${type}`).toEqual({ type, ...plan?.fields });
      }
    }
  });
});
