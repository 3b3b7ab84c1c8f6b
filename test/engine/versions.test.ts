// Which format an `engine` option reads with (src/engine/versions.ts, version-table.ts): every spelling of a
// modelled version, and the TypeError, naming the modelled ranges, for anything else.
import { describe, expect, it } from "vitest";
import { ENGINE_FORMAT_TABLES, ENGINE_RANGES } from "../../generated/constants.js";
import { FORMATS, formatIndex, formatRange, formatTable, resolveFormat } from "../../src/engine/index.js";
import { parseEvent, validateEvent } from "../../src/index.js";

const MODELLED = "modelled: 2.14.x–2.19.x, 2.20.x–2.40.x, 2.52.x";

describe("resolveFormat", () => {
  it.each([
    ["2.14.0", "2.14"],
    ["2.14.1", "2.14"],
    ["2.19.99", "2.14"],
    ["2.20.0", "2.20"],
    ["2.31.4", "2.20"],
    ["2.31", "2.20"],
    ["v2.31.4", "2.20"],
    ["2.40.7", "2.20"],
    ["2.52", "2.52"],
    ["2.52.2", "2.52"],
    ["2.52.1000", "2.52"],
  ])("reads engine %s with format %s", (engine, format) => {
    expect(resolveFormat(engine).format).toBe(format);
    // The version table alone (what filterEvents reads) says the same.
    expect(formatTable(engine).format).toBe(format);
    expect(FORMATS[formatIndex(engine)]).toBe(resolveFormat(engine));
    expect(formatRange(engine).format).toBe(format);
  });

  it("reads the ranges (what formatIndex reads) as the version table has them, in its order", () => {
    expect(ENGINE_RANGES).toEqual(
      ENGINE_FORMAT_TABLES.map(({ format, first, last, range }) => ({ format, first, last, range })),
    );
  });

  it("reads with the newest format when no version is given", () => {
    expect(resolveFormat(undefined).format).toBe("2.52");
    expect(formatTable(undefined).format).toBe("2.52");
  });

  it.each(["2.13.9", "2.41.0", "2.45", "2.51.3", "2.53.0", "3.0.0", "4.1.2", "1.52.0"])(
    "refuses %s, a version it does not model, naming the modelled ranges",
    (engine) => {
      expect(() => resolveFormat(engine)).toThrow(new TypeError(`engine "${engine}" is not modelled; ${MODELLED}`));
      expect(() => formatTable(engine)).toThrow(new TypeError(`engine "${engine}" is not modelled; ${MODELLED}`));
      expect(() => formatRange(engine)).toThrow(new TypeError(`engine "${engine}" is not modelled; ${MODELLED}`));
    },
  );

  it.each(["", "2", "latest", "2.31.04", "02.31", "2.31.4-rc.1", " 2.31.4", "V2.31", "2.31.x"])(
    "refuses %j, which is not a version",
    (engine) => {
      expect(() => resolveFormat(engine)).toThrow(
        new TypeError(
          `engine ${JSON.stringify(engine)} is not a version: write MAJOR.MINOR or MAJOR.MINOR.PATCH, such as "2.52.0"; ${MODELLED}`,
        ),
      );
    },
  );

  it.each([[2.31], [null], [{ engine: "2.31" }]])("refuses %j, which is not a string", (engine) => {
    expect(() => resolveFormat(engine)).toThrow(TypeError);
    expect(() => resolveFormat(engine)).toThrow(MODELLED);
    expect(() => formatTable(engine)).toThrow(MODELLED);
  });

  it("answers a version from its cache the same, and refuses an unmodelled one every time", () => {
    const first = resolveFormat("2.31.4");
    expect(resolveFormat("2.14.1")).not.toBe(first); // another string in between
    expect(resolveFormat("2.31.4")).toBe(first);
    for (let i = 0; i < 3; i++) expect(() => resolveFormat("2.45")).toThrow(TypeError);
  });
});

describe("the engine option of the readers", () => {
  it("throws the TypeError before reading the input, even input that is not JSON", () => {
    expect(() => parseEvent("{not json", { engine: "2.45" as string })).toThrow(TypeError);
    expect(() => validateEvent(undefined, { engine: "9" as string })).toThrow(TypeError);
  });
});
