// The spellings the engine reads but never writes, which the package refuses on purpose: each
// one is refused, and the classifier that the agreement tests rely on names it.
import { describe, expect, it } from "vitest";
import {
  outcome,
  looseUuidClass,
  looseTimestampClass,
  enumObjectClass,
  BASES_FOR_ENUMS,
  stricterClass,
  eventText,
  accepts,
} from "../support/conformance.js";

/**
 * Spellings the engine's exact reader accepts (each asked of the oracle) and the package
 * refuses on purpose, with the class the classifier must name. The agreement tests (verdicts.test.ts)
 * fail on any refusal the classifier cannot name, so this list is what it knows.
 */
const ENGINE_READS_BUT_NEVER_WRITES: [string, Record<string, unknown>, string][] = [
  ["t separator", { at: "2024-01-01t00:00:00Z" }, "timestamp: lower-case t"],
  ["z zone", { at: "2024-01-01T00:00:00z" }, "timestamp: lower-case z"],
  ["UTC zone", { at: "2024-01-01T00:00:00UTC" }, "timestamp: UTC as the zone"],
  ["utc zone", { at: "2024-01-01T00:00:00utc" }, "timestamp: UTC as the zone"],
  [
    " UTC zone",
    { at: "2024-01-01T00:00:00 UTC" },
    "timestamp: UTC as the zone, timestamp: whitespace around or between components",
  ],
  ["space separator", { at: "2024-01-01 00:00:00Z" }, "timestamp: space instead of T"],
  [
    "two spaces",
    { at: "2024-01-01  00:00:00Z" },
    "timestamp: space instead of T, timestamp: whitespace around or between components",
  ],
  ["T and a space", { at: "2024-01-01T 00:00:00Z" }, "timestamp: whitespace around or between components"],
  ["space before Z", { at: "2024-01-01T00:00:00 Z" }, "timestamp: whitespace around or between components"],
  ["tab before Z", { at: "2024-01-01T00:00:00\tZ" }, "timestamp: whitespace around or between components"],
  ["leading space", { at: " 2024-01-01T00:00:00Z" }, "timestamp: whitespace around or between components"],
  ["trailing space", { at: "2024-01-01T00:00:00Z " }, "timestamp: whitespace around or between components"],
  ["space before offset", { at: "2024-01-01T00:00:00 +01:00" }, "timestamp: whitespace around or between components"],
  ["space in offset", { at: "2024-01-01T00:00:00+01 :00" }, "timestamp: spaces in the offset"],
  ["space before a -", { at: "2024 -01-01T00:00:00Z" }, "timestamp: whitespace around or between components"],
  ["spaces around each -", { at: "2024 - 01 - 01T00:00:00Z" }, "timestamp: whitespace around or between components"],
  ["space before a :", { at: "2024-01-01T00 :00:00Z" }, "timestamp: whitespace around or between components"],
  ["space after a :", { at: "2024-01-01T00:00: 00Z" }, "timestamp: whitespace around or between components"],
  ["one-digit fields", { at: "2024-1-1T0:0:0Z" }, "timestamp: one-digit month, day, hour, minute or second"],
  ["one-digit second", { at: "2024-01-01T01:02:3Z" }, "timestamp: one-digit month, day, hour, minute or second"],
  ["three-digit year", { at: "024-01-01T00:00:00Z" }, "timestamp: year of fewer than four digits"],
  ["one-digit year", { at: "4-01-01T00:00:00Z" }, "timestamp: year of fewer than four digits"],
  ["+ year", { at: "+2024-01-01T00:00:00Z" }, "timestamp: signed year"],
  ["- year", { at: "-2024-01-01T00:00:00Z" }, "timestamp: signed year"],
  ["offset without colon", { at: "2024-01-01T00:00:00+0100" }, "timestamp: +HHMM offset without colon"],
  ["from as an object", { from: { pending: null } }, "enum written as a one-key object"],
  ["to as an object with {}", { to: { running: {} } }, "enum written as a one-key object"],
  ["unhyphenated UUID", { run_id: "67e5504410b1426f9247bb680e5fe0c8" }, "uuid: unhyphenated"],
  ["braced UUID", { run_id: "{67e55044-10b1-426f-9247-bb680e5fe0c8}" }, "uuid: braced"],
  ["urn UUID", { run_id: "urn:uuid:67e55044-10b1-426f-9247-bb680e5fe0c8" }, "uuid: urn:uuid: prefix"],
  ["cost as a string", { cost_usd: "0.42" }, "cost_usd as a JSON string"],
];

describe("deliberately stricter: every class the engine reads and never writes", () => {
  it.each(ENGINE_READS_BUT_NEVER_WRITES)("%s is refused and named", (_name, change, named) => {
    const json = JSON.stringify({ ...BASES_FOR_ENUMS.run_status_changed, ...change });
    const result = outcome(json);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(stricterClass({ json, engine: "accepts", case: "stricter" }, result.issues)).toBe(named);
  });
  it("names the stream field's object spelling too", () => {
    const json = JSON.stringify({ ...BASES_FOR_ENUMS.log_line, stream: { stdout: null } });
    const result = outcome(json);
    expect(!result.ok && stricterClass({ json, engine: "accepts", case: "stricter" }, result.issues)).toBe(
      "enum written as a one-key object",
    );
  });
});

describe("sanity of the stricter-class classifiers", () => {
  it("recognise the documented spellings and nothing else", () => {
    expect(looseUuidClass("67e5504410b1426f9247bb680e5fe0c8")).toBe("uuid: unhyphenated");
    expect(looseUuidClass("{67e55044-10b1-426f-9247-bb680e5fe0c8}")).toBe("uuid: braced");
    expect(looseUuidClass("urn:uuid:67e55044-10b1-426f-9247-bb680e5fe0c8")).toBe("uuid: urn:uuid: prefix");
    expect(looseUuidClass(" 67e55044-10b1-426f-9247-bb680e5fe0c8")).toBeNull();
    expect(looseUuidClass("67e55044-10b1-426f-9247-bb680e5fe0c8\n")).toBeNull();
    expect(looseTimestampClass("2024-01-01 00:00:00Z")).toBe("timestamp: space instead of T");
    expect(looseTimestampClass("2024-01-01T00:00:00+0100")).toBe("timestamp: +HHMM offset without colon");
    expect(looseTimestampClass("+2024-01-01T00:00:00Z")).toBe("timestamp: signed year");
    expect(looseTimestampClass("2024-1-01T00:00:00Z")).toBe("timestamp: one-digit month, day, hour, minute or second");
    expect(looseTimestampClass("2024-01-01t00:00:00z")).toBe("timestamp: lower-case t, timestamp: lower-case z");
    expect(looseTimestampClass("2024-01-01t00:00:00Z")).toBe("timestamp: lower-case t");
    expect(looseTimestampClass("2024-01-01x00:00:00Z")).toBeNull();
    expect(looseTimestampClass("2024-02-30 00:00:00Z")).toBeNull();
    expect(looseTimestampClass("2024-01-01T00:00:00+2400")).toBeNull();
    expect(looseTimestampClass("2024-01-01T00:00:00Z")).toBeNull();
    expect(looseTimestampClass("2024-01-01 T00:00:00Z")).toBeNull(); // the engine refuses it too
    expect(looseTimestampClass("2024-01-01T00:00:00 .5Z")).toBeNull(); // and whitespace around the fraction's dot
    expect(looseTimestampClass("2024-01-01T00:00:00. 5Z")).toBeNull();
    expect(looseTimestampClass("2024-01-01T00:00:00+ 01:00")).toBeNull();
    expect(looseTimestampClass("2024-01-01T00:00:00GMT")).toBeNull();
    expect(enumObjectClass({ pending: null }, "from")).toBe("enum written as a one-key object");
    expect(enumObjectClass({ stdout: {} }, "stream")).toBe("enum written as a one-key object");
    expect(enumObjectClass({ pending: 1 }, "from")).toBeNull();
    expect(enumObjectClass({ pending: null, running: null }, "to")).toBeNull();
    expect(enumObjectClass({ Pending: null }, "from")).toBeNull();
    expect(accepts(eventText("run_created"))).toBe(true);
  });
});
