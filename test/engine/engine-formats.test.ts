// ENGINE_FORMATS and ENGINE_VERSION (src/engine/engine-formats.ts): what the package says it
// models, which is what the version table (schemas/engine-versions.json) says.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ENGINE_FORMATS, ENGINE_VERSION, Event, RUN_STATUSES } from "../../src/index.js";
import { resolveFormat } from "../../src/engine/index.js";

const TABLE = JSON.parse(readFileSync(new URL("../../schemas/engine-versions.json", import.meta.url), "utf8")) as {
  engineVersion: string;
  formats: { format: string; first: string; last: string }[];
};

describe("ENGINE_FORMATS", () => {
  it("lists the version table's formats, oldest first, with their ranges", () => {
    expect(ENGINE_FORMATS.map(({ format, first, last }) => ({ format, first, last }))).toEqual(
      TABLE.formats.map(({ format, first, last }) => ({ format, first, last })),
    );
    expect(ENGINE_FORMATS.map((f) => f.range)).toEqual(["2.14.x–2.19.x", "2.20.x–2.40.x", "2.52.x"]);
  });

  it("gives each format's event types and run statuses; the newest's are the default constants", () => {
    expect(ENGINE_FORMATS.map((f) => f.eventTypes.length)).toEqual([12, 14, 20]);
    expect(ENGINE_FORMATS[0]!.runStatuses).not.toContain("paused");
    expect(ENGINE_FORMATS.at(-1)!.eventTypes).toEqual(Event.ALL);
    expect(ENGINE_FORMATS.at(-1)!.runStatuses).toEqual(RUN_STATUSES);
    // A newer format keeps every type of the one before (the engine only added types).
    for (let i = 1; i < ENGINE_FORMATS.length; i++)
      expect(ENGINE_FORMATS[i]!.eventTypes).toEqual(expect.arrayContaining([...ENGINE_FORMATS[i - 1]!.eventTypes]));
  });

  it("has each format's id read as that format", () => {
    for (const { format } of ENGINE_FORMATS) expect(resolveFormat(format).format).toBe(format);
  });

  it("is frozen, each entry and its lists too", () => {
    expect(Object.isFrozen(ENGINE_FORMATS)).toBe(true);
    for (const entry of ENGINE_FORMATS) {
      expect(Object.isFrozen(entry)).toBe(true);
      expect(Object.isFrozen(entry.eventTypes)).toBe(true);
      expect(Object.isFrozen(entry.runStatuses)).toBe(true);
    }
  });
});

describe("ENGINE_VERSION", () => {
  it("is the version table's engine version, in the newest format's range", () => {
    expect(ENGINE_VERSION).toBe(TABLE.engineVersion);
    expect(ENGINE_VERSION).toBe("2.52.2");
    expect(resolveFormat(ENGINE_VERSION)).toBe(resolveFormat(undefined));
  });
});
