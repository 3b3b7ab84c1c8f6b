// Hand-written edge cases, built on real engine-written events: every rule the validators apply
// beyond the schema's types, one input at a time.
import { describe, expect, it } from "vitest";
import { parseEvent, validateEvent } from "../../src/index.js";
import {
  EVENT_TYPES,
  type EventType,
  issueList,
  Obj,
  BASES,
  VECTORS_OPTIONS,
  raw,
  eventText,
  issuesOf,
  expectAccepted,
  expectIssue,
} from "../support/conformance.js";

describe("edge cases: the bases are accepted", () => {
  it.each(EVENT_TYPES)("%s", (type) => {
    expectAccepted(eventText(type));
    expectAccepted(eventText(type), true);
    expectAccepted(structuredClone(BASES[type]));
  });
});

describe("edge cases: lone surrogates", () => {
  const rejected: [string, Obj, string][] = [
    ["a high surrogate alone", { workflow_name: "\ud800" }, "/workflow_name"],
    ["a low surrogate alone", { workflow_name: "\udc00" }, "/workflow_name"],
    ["a high surrogate at the end", { workflow_name: "deploy \ud83d" }, "/workflow_name"],
    ["a high surrogate at the start", { workflow_name: "\udbffdeploy" }, "/workflow_name"],
    ["a low surrogate before a high one", { workflow_name: "\ude80\ud83d" }, "/workflow_name"],
    ["two high surrogates", { workflow_name: "\ud83d\ud83d\ude80" }, "/workflow_name"],
    ["a lone surrogate in the error", { error: "x\udfffy" }, "/error"],
    ["a lone surrogate in a key", { "extra\ud800": 1 }, "/extra\ud800"],
    ["a lone low surrogate in a key", { "\udc00": "x" }, "/\udc00"],
    ["a lone surrogate nested in an unknown property", { extra: { a: { b: ["ok", "x\udfff"] } } }, "/extra/a/b/1"],
    ["a lone surrogate in an array", { extra: ["\ud800"] }, "/extra/0"],
    ["a lone surrogate in a nested key", { extra: { "k\udbff": null } }, "/extra/k\udbff"],
  ];
  it.each(rejected)("%s is rejected (text)", (_name, patch, path) => {
    const text = eventText("run_failed", patch);
    expect(text).toMatch(/\\ud[89a-f][0-9a-f]{2}/); // JSON.stringify escapes lone surrogates
    expectIssue(text, path, "invalid_unicode");
    expectIssue(text, path, "invalid_unicode", true);
  });
  it.each(rejected)("%s is rejected (parsed value)", (_name, patch, path) => {
    expectIssue({ ...BASES.run_failed, ...patch }, path, "invalid_unicode");
  });
  it("a lone surrogate in a field of every event type is rejected", () => {
    for (const type of EVENT_TYPES) {
      const stringField = Object.keys(BASES[type]).find(
        (k) => k !== "type" && k !== "at" && !k.endsWith("_id") && typeof BASES[type][k] === "string",
      );
      const field = stringField ?? "extra_field";
      expectIssue(eventText(type, { [field]: "a\ud800b" }), `/${field}`, "invalid_unicode");
    }
  });
  it.each([
    ["an emoji written as UTF-8", { workflow_name: "deploy 🚀" }],
    ["an emoji written as an escaped pair", { workflow_name: raw('"deploy \\ud83d\\ude80"') }],
    ["the highest code point as an escaped pair", { workflow_name: raw('"\\udbff\\udfff"') }],
    ["an emoji pair in a key", { "🚀": raw('"\\ud83d\\ude80"') }],
    ["emoji pairs nested in an unknown property", { extra: ["🚀", { "\ud83d\ude80": "🎉" }] }],
  ] as [string, Obj][])("%s is accepted", (_name, patch) => {
    expectAccepted(eventText("run_failed", patch));
  });
});

describe("edge cases: timestamps (`at`)", () => {
  const fraction = (n: number) => "123456789012".slice(0, n);
  const good = [
    "2000-02-29T00:00:00Z",
    "2024-02-29T12:34:56Z",
    "0000-02-29T00:00:00Z",
    "2400-02-29T00:00:00Z",
    "2004-02-29T23:59:59Z",
    "2024-04-30T00:00:00Z",
    "2024-12-31T23:59:59Z",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999999999Z",
    "1969-12-31T23:59:59.999Z",
    "2016-12-31T23:59:60Z",
    "2024-06-15T13:37:60Z",
    "2024-01-01T00:00:60Z",
    "2024-03-03T07:08:60.25Z",
    "2024-01-01T00:00:60+05:30",
    ...Array.from({ length: 12 }, (_, i) => `2024-01-01T00:00:00.${fraction(i + 1)}Z`),
    "2024-01-01T00:00:00.000000000Z",
    "2024-01-01T00:00:00-23:59",
    "2024-01-01T00:00:00+23:59",
    "2024-01-01T00:00:00+00:00",
    "2024-01-01T00:00:00-00:00",
    "2024-01-01T00:00:00.5+01:00",
  ];
  const bad = [
    "1900-02-29T00:00:00Z",
    "2023-02-29T00:00:00Z",
    "2100-02-29T00:00:00Z",
    "2024-02-30T00:00:00Z",
    "2024-04-31T00:00:00Z",
    "2024-06-31T00:00:00Z",
    "2024-09-31T00:00:00Z",
    "2024-11-31T00:00:00Z",
    "2024-01-32T00:00:00Z",
    "2024-00-01T00:00:00Z",
    "2024-13-01T00:00:00Z",
    "2024-01-00T00:00:00Z",
    "2024-01-01T24:00:00Z",
    "2024-01-01T00:60:00Z",
    "2024-01-01T00:00:61Z",
    "2024-01-01T00:00:00.Z",
    "2024-01-01T00:00:00,5Z",
    "2024-01-01t00:00:00Z",
    "2024-01-01T00:00:00z",
    "2024-01-01t00:00:00z",
    "2024-01-01T00:00:00+24:00",
    "2024-01-01T00:00:00+01:60",
    "2024-01-01T00:00:00-24:00",
    "10000-01-01T00:00:00Z",
    "2024-01-01T00:00:00",
    "2024-01-01T00:00Z",
    "2024-01-01T00:00:00Zjunk",
    "2024-01-01T00:00:00Z\n",
    " 2024-01-01T00:00:00Z",
    "",
    // what the engine reads but never writes: rejected on purpose
    "2024-01-01 00:00:00Z",
    "2024-01-01T00:00:00+0100",
    "+2024-01-01T00:00:00Z",
    "2024-1-01T00:00:00Z",
    "2024-01-1T00:00:00Z",
  ];
  it.each(good)("%j is accepted", (at) => {
    for (const type of ["user_signed_out", "step_completed"] as const) expectAccepted(eventText(type, { at }));
  });
  it.each(bad)("%j is rejected", (at) => {
    expectIssue(eventText("user_signed_out", { at }), "/at", "format");
  });
  it("a timestamp of the wrong JSON type is rejected", () => {
    for (const at of [0, null, ["2024-01-01T00:00:00Z"], { at: "2024-01-01T00:00:00Z" }])
      expectIssue(eventText("user_signed_out", { at }), "/at", "type");
  });
});

describe("edge cases: cost_usd", () => {
  const limit = (2n ** 96n).toString();
  const justBelow = (2n ** 96n - 2n ** 43n).toString(); // the largest double below 2^96
  it.each([
    "7.9e28",
    "-7.9e28",
    justBelow,
    `-${justBelow}`,
    "-0",
    "0",
    "-0.0",
    "1e-300",
    "-1e-300",
    "0.42",
    "1.0",
    "5.081420949649993e22",
  ])("%s is accepted", (text) => {
    for (const type of ["step_completed", "run_failed", "run_status_changed"] as const)
      expectAccepted(eventText(type, { cost_usd: raw(text) }));
  });
  it.each([limit, `-${limit}`, "7.922816251426434e28", "8e28", "-8e28", "1e29", "1e300"])("%s is rejected", (text) => {
    expectIssue(eventText("step_completed", { cost_usd: raw(text) }), "/cost_usd", "range");
  });
  it.each(["1e400", "-1e400"])("%s (not finite once read) is rejected", (text) => {
    expectIssue(eventText("step_completed", { cost_usd: raw(text) }), "/cost_usd", "range");
  });
  it.each(['"0.42"', '"1e3"', '""', "null", "true", "[]", "{}"])("%s (not a number) is rejected", (text) => {
    expectIssue(eventText("step_completed", { cost_usd: raw(text) }), "/cost_usd", "type");
  });
});

describe("edge cases: duration_ms", () => {
  it.each(["0", "1", "9007199254740991", "9007199254740994", "18446744073709551615"])("%s is accepted", (text) => {
    for (const type of ["step_completed", "run_failed", "run_status_changed"] as const)
      expectAccepted(eventText(type, { duration_ms: raw(text) }));
  });
  it.each([
    ["-1", "range"],
    ["-9007199254740991", "range"],
    ["1.5", "type"],
    ["0.5", "type"],
    ["-0", "format"],
    ["-0.0", "format"],
    ["1e300", "range"],
    ["1e400", "range"],
    // as text the engine reads these as floats, which a u64 refuses (JSON.parse hides it)
    ["1.0", "type"],
    ["1E2", "type"],
    ["1e-400", "type"],
    ["0.0", "type"],
    // past u64::MAX, though JSON.parse rounds it to the same double as u64::MAX
    ["18446744073709551616", "range"],
    ["18446744073709552000", "range"],
    ['"5"', "type"],
    ["null", "type"],
    ["true", "type"],
  ])("%s is rejected", (text, code) => {
    expectIssue(eventText("step_completed", { duration_ms: raw(text) }), "/duration_ms", code);
  });
  it("-0 is rejected as a parsed value too", () => {
    expectIssue({ ...BASES.run_status_changed, duration_ms: -0 }, "/duration_ms", "format");
  });
});

describe("edge cases: UUIDs", () => {
  const fields: [EventType, string][] = [
    ["run_created", "run_id"],
    ["step_failed", "step_id"],
    ["user_signed_out", "user_id"],
  ];
  const good = [
    "67e55044-10b1-426f-9247-bb680e5fe0c8",
    "67E55044-10B1-426F-9247-BB680E5FE0C8",
    "67e55044-10B1-426f-9247-Bb680E5fe0C8",
    "00000000-0000-0000-0000-000000000000",
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
    "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
  ];
  const bad = [
    "67e55044-10b1-426f-9247-bb680e5fe0c", // 35 characters
    "67e55044-10b1-426f-9247-bb680e5fe0c8a", // 37 characters
    "67e55044-10b1-426f-9247-bb680e5fe0cg",
    "g7e55044-10b1-426f-9247-bb680e5fe0c8",
    "67e5504-410b1-426f-9247-bb680e5fe0c8", // hyphen one place early
    "67e550441-0b1-426f-9247-bb680e5fe0c8", // hyphen one place late
    "67e55044-10b1-426f-92470-bb680e5fe0c", // group lengths 8-4-4-5-11
    "67e55044_10b1_426f_9247_bb680e5fe0c8",
    "67e55044-10b1-426f-9247-bb680e5fe0c8\n",
    " 67e55044-10b1-426f-9247-bb680e5fe0c8",
    "",
    // what the engine reads but never writes: rejected on purpose
    "67e5504410b1426f9247bb680e5fe0c8",
    "{67e55044-10b1-426f-9247-bb680e5fe0c8}",
    "urn:uuid:67e55044-10b1-426f-9247-bb680e5fe0c8",
  ];
  it.each(good)("%s is accepted", (uuid) => {
    for (const [type, field] of fields) expectAccepted(eventText(type, { [field]: uuid }));
  });
  it.each(bad)("%j is rejected", (uuid) => {
    for (const [type, field] of fields) expectIssue(eventText(type, { [field]: uuid }), `/${field}`, "format");
  });
});

describe("edge cases: unknown properties", () => {
  it.each(EVENT_TYPES)("%s: accepted by default, additional_property in strict mode", (type) => {
    for (const extra of [1, "x", null, {}, [], { nested: [1, 2] }]) {
      const text = eventText(type, { extra_field: extra });
      expectAccepted(text);
      expectIssue(text, "/extra_field", "additional_property", true);
    }
  });
  it("a key with / and ~ is reported at its escaped pointer in strict mode", () => {
    expectIssue(eventText("run_created", { "a/b~c": 1 }), "/a~1b~0c", "additional_property", true);
  });
});

describe("edge cases: __proto__, constructor and prototype as plain data", () => {
  const keys = ["__proto__", "constructor", "prototype"];
  const withKeys = (type: EventType, drop: string[] = []) => {
    const text = eventText(type, {}, drop);
    return `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true},${text.slice(1)}`;
  };
  it.each(["run_created", "run_failed", "step_completed"] as EventType[])(
    "%s: accepted by default, nothing polluted",
    (type) => {
      // run_failed without `error`: parsing fills in the default, with these keys present
      const drop = type === "run_failed" ? ["error"] : [];
      const text = withKeys(type, drop);
      const event = parseEvent(text, VECTORS_OPTIONS) as unknown as Obj;
      expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
      expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
      expect(({} as Obj).polluted).toBeUndefined();
      for (const key of keys) expect(Object.prototype.hasOwnProperty.call(event, key)).toBe(true);
      expect(event.__proto__).toEqual({ polluted: true });
      expect(event.type).toBe(type);
      if (type === "run_failed") expect(event.error).toBeNull();

      const value = JSON.parse(text) as Obj;
      const result = validateEvent(value, VECTORS_OPTIONS);
      expect(result.ok).toBe(true);
      if (result.ok) {
        const out = result.event as unknown as Obj;
        expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
        for (const key of keys) expect(Object.prototype.hasOwnProperty.call(out, key)).toBe(true);
      }
      expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
      expect(typeof Object.prototype.constructor).toBe("function");
    },
  );
  it("strict mode reports them as additional properties", () => {
    const text = withKeys("run_created");
    for (const key of keys) expectIssue(text, `/${key}`, "additional_property", true);
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
  });
  it("as values of the event's own fields they are ordinary strings", () => {
    for (const name of keys) expectAccepted(eventText("run_created", { workflow_name: name }));
  });
});

describe("edge cases: type", () => {
  it.each([
    " run_created",
    "run_created ",
    "run_created\n",
    "RUN_CREATED",
    "Run_Created",
    "RunCreated",
    "runCreated",
    "run-created",
    "run_created\u0000",
    "",
    "workflow_paused",
  ])("%j is unknown_event_type", (type) => {
    const text = eventText("run_created", { type });
    expectIssue(text, "/type", "unknown_event_type");
    expectIssue(text, "/type", "unknown_event_type", true);
  });
  it.each([[1], [null], [true], [["run_created"]], [{ run_created: true }]])(
    "%j (not a string) is a type issue",
    (type) => {
      expectIssue(eventText("run_created", { type }), "/type", "type");
    },
  );
  it("a missing type is a required issue", () => {
    expectIssue(eventText("run_created", {}, ["type"]), "/type", "required");
  });
});

describe("edge cases: nesting depth (serde_json's limit, root object included)", () => {
  const arrays = (n: number) => "[".repeat(n) + "]".repeat(n);
  const objects = (n: number) => '{"a":'.repeat(n - 1) + "{}" + "}".repeat(n - 1);
  const mixed = (n: number) => {
    let s = "[]";
    for (let i = 1; i < n; i++) s = i % 2 === 1 ? `{"k":${s}}` : `[1,${s}]`;
    return s;
  };
  // The root object is level 1, so an unknown property may hold 126 nested containers.
  it.each([
    ["arrays", arrays],
    ["objects", objects],
    ["objects and arrays", mixed],
  ] as const)("127 levels of %s are accepted, 128 are too_deep", (_name, nest) => {
    expectAccepted(eventText("user_signed_out", { extra_field: raw(nest(126)) }));
    const text = eventText("user_signed_out", { extra_field: raw(nest(127)) });
    const issues = issuesOf(text);
    expect(
      issues.some((i) => i.code === "too_deep"),
      issueList(issues),
    ).toBe(true);
    const parsed = issuesOf(JSON.parse(text));
    expect(
      parsed.some((i) => i.code === "too_deep"),
      issueList(parsed),
    ).toBe(true);
  });
  it("far deeper nesting is rejected without a crash", () => {
    const issues = issuesOf(eventText("user_signed_out", { extra_field: raw(arrays(5000)) }));
    expect(
      issues.some((i) => i.code === "too_deep"),
      issueList(issues),
    ).toBe(true);
  });
});

describe("edge cases: numbers out of double range", () => {
  it.each([
    ["1e400", "1e400"],
    ["-1e400", "-1e400"],
    ["a 401-digit integer", "1" + "0".repeat(400)],
  ])("%s in an unknown property is rejected", (shown, text) => {
    const issues = issuesOf(eventText("run_created", { extra_field: raw(text) }));
    expect(
      issues.some((i) => i.path === "/extra_field" && i.code === "range"),
      `${shown}: ${issueList(issues)}`,
    ).toBe(true);
  });
  it("1e400 nested deep inside an unknown property is rejected", () => {
    expectIssue(eventText("run_created", { extra: { a: [1, raw("1e400")] } }), "/extra/a/1", "range");
  });
  it("1e308 in an unknown property is accepted", () => {
    expectAccepted(eventText("run_created", { extra_field: raw("1e308") }));
  });
});

describe("edge cases: not an object", () => {
  it.each(["[]", '["run_created"]', '"x"', "1", "0", "null", "true", "false"])(
    "%s gives a type issue at the root",
    (text) => {
      expectIssue(text, "", "type");
      expectIssue(text, "", "type", true);
      // parseEvent reads any string as JSON text, so a parsed string goes through validateEvent
      const result = validateEvent(JSON.parse(text), VECTORS_OPTIONS);
      expect(!result.ok && result.issues.some((i) => i.path === "" && i.code === "type")).toBe(true);
    },
  );
  it("an array of a real event's values (which the engine reads) is rejected on purpose", () => {
    expectIssue(JSON.stringify(Object.values(BASES.run_created)), "", "type");
  });
});
