// The benchmark's floor (bench/format-floor.ts) stands for "the exact format checks of an
// event, nothing else". It is only a floor if it checks every UUID and timestamp field the
// schema has, and checks them for real.
import { describe, expect, it } from "vitest";
import { engineLines } from "../../bench/corpus.js";
import { assertFloorFields, formatFields, formatsOnly } from "../../bench/format-floor.js";

type Fields = Parameters<typeof formatsOnly>[0];

describe("formatFields", () => {
  it("reads the UUID and timestamp fields of every variant from the bundled schema", () => {
    const fields = formatFields();
    expect(fields.size).toBe(12);
    expect(fields.get("log_line")).toEqual({ uuid: ["run_id", "step_id"], timestamp: ["at"] });
    expect(fields.get("user_signed_out")).toEqual({ uuid: ["user_id"], timestamp: ["at"] });
  });
});

describe("assertFloorFields", () => {
  it("passes on the schema as it is", () => {
    expect(() => assertFloorFields(formatFields())).not.toThrow();
  });

  it("throws when the schema has a UUID field that formatsOnly does not read", () => {
    const fields = formatFields();
    fields.set("approval_granted", { uuid: ["run_id", "approver_id"], timestamp: ["at"] });
    expect(() => assertFloorFields(fields)).toThrow(/approver_id/);
  });

  it("throws when a variant has a second timestamp", () => {
    const fields = formatFields();
    fields.set("run_created", { uuid: ["run_id"], timestamp: ["at", "at"] });
    expect(() => assertFloorFields(fields)).toThrow(/run_created has 2 timestamp fields/);
  });
});

describe("formatsOnly", () => {
  const events = engineLines().map((line) => JSON.parse(line) as Fields);

  it("accepts every event the engine wrote", () => {
    expect(events.filter((event) => !formatsOnly(event))).toEqual([]);
  });

  it("rejects an event when any one of its UUIDs or its timestamp is broken", () => {
    const event = events.find((e) => e.step_id !== undefined)!;
    for (const key of ["run_id", "step_id", "at"] as const)
      expect(formatsOnly({ ...event, [key]: `{${event[key]}}` }), key).toBe(false);
    const user = events.find((e) => e.user_id !== undefined)!;
    expect(formatsOnly({ ...user, user_id: user.user_id!.replace(/-/g, "") })).toBe(false);
  });
});
