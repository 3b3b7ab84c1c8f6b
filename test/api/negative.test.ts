// Negative tests for every field of every variant, derived from generated/schema.json so that
// a new variant or field is covered without touching this file: start from the variant's
// first example, break one field (leave it out, give it the wrong JSON type, give it a value
// out of range or of the wrong form), and check the one issue that comes back.
import { expect, test } from "vitest";
import schema from "../../generated/schema.json" with { type: "json" };
import { formatIssue, parseEvent, validateEvent } from "../../src/index.js";
import { refusalBy } from "../support/thrown.js";

// ---------------------------------------------------------------------------------------------
// Helpers

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type SchemaNode = { [key: string]: any };
type Issue = { path: string; code: string; message: string };

const $defs = schema.$defs as unknown as Record<string, SchemaNode>;
const VARIANTS: string[] = schema.oneOf.map((ref) => ref.$ref.replace("#/$defs/", ""));

/** Follows `$ref`s to the schema that says what a value must be. */
function resolve(node: SchemaNode): SchemaNode {
  return typeof node.$ref === "string" ? resolve($defs[node.$ref.replace("#/$defs/", "")]!) : node;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value; // string, number, boolean, object
}

/** The JSON types a property schema lets through (integer counts as number). */
function allowedJsonTypes(node: SchemaNode): Set<string> {
  const s = resolve(node);
  if ("const" in s) return new Set([jsonTypeOf(s.const)]);
  if (Array.isArray(s.enum)) return new Set(s.enum.map(jsonTypeOf));
  const branches = s.anyOf ?? s.oneOf;
  if (Array.isArray(branches)) return new Set(branches.flatMap((b: SchemaNode) => [...allowedJsonTypes(b)]));
  const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
  return new Set(types.map((t) => (t === "integer" ? "number" : t)));
}

/** One value of each JSON type, to put where another type belongs. */
const VALUE_OF_TYPE: Record<string, Json> = {
  boolean: true,
  object: {},
  array: [],
  number: 42,
  string: "wrong",
  null: null,
};

interface Breakage {
  label: string;
  value: Json;
  /** The issue codes any of which is right for it. */
  codes: string[];
}

/** Out-of-range and wrong-form values for a property, read off its schema. */
function wrongForms(node: SchemaNode): Breakage[] {
  const s = resolve(node);
  const out: Breakage[] = [];
  if (s.format === "uuid") out.push({ label: "not a UUID", value: "not-a-uuid", codes: ["format"] });
  if (s.format === "date-time") out.push({ label: "month 13", value: "2024-13-01T00:00:00Z", codes: ["format"] });
  if (Array.isArray(s.enum) && s.enum.every((v: unknown) => typeof v === "string"))
    out.push({ label: "upper case", value: "STDOUT", codes: ["enum"] });
  if (s.type === "integer") {
    out.push({ label: "negative", value: -1, codes: ["range"] });
    out.push({ label: "a fraction", value: 1.5, codes: ["range", "type"] });
    out.push({ label: "twice 2^64", value: 2 ** 64 * 2, codes: ["range", "type"] });
  }
  if (s.type === "number" && "exclusiveMaximum" in s) {
    out.push({ label: "2^96", value: 2 ** 96, codes: ["range"] });
    out.push({ label: "-2^96", value: -(2 ** 96), codes: ["range"] });
  }
  return out;
}

/** Each variant with its first example, which must itself be valid. */
function variantExample(variant: string): Record<string, Json> {
  const examples = $defs[variant]!.examples as Record<string, Json>[] | undefined;
  if (!examples || examples.length === 0) throw new Error(`schema ${variant} has no examples`);
  return examples[0]!;
}

function without(object: Record<string, Json>, field: string): Record<string, Json> {
  const { [field]: _dropped, ...rest } = object;
  return rest;
}

/** RFC 6901: "" or a sequence of "/" + reference token, with "~" only as "~0" or "~1". */
const JSON_POINTER = /^(?:\/(?:[^~/]|~[01])*)*$/;

/**
 * `value` as JSON text, with the double of u64::MAX (2^64, as JSON.parse reads the schema's
 * example) written as the engine writes the u64, 18446744073709551615: JSON.stringify writes
 * 18446744073709552000, which is past u64::MAX as text, and the text path refuses it.
 */
function engineText(value: unknown): string | undefined {
  return JSON.stringify(value)?.replace(/(?<=:)18446744073709552000(?=[,}\]])/g, "18446744073709551615");
}

/** Issues for `value`, checked for shape, and the same whether given as a value or as JSON text. */
function issuesOf(value: unknown): Issue[] {
  const result = validateEvent(value);
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(value)}`);
  for (const issue of result.issues) expectWellFormed(issue);
  const text = engineText(value);
  if (text !== undefined) expect(refusalBy(() => parseEvent(text)).issues).toStrictEqual(result.issues);
  return result.issues;
}

function expectWellFormed(issue: Issue): void {
  expect(issue.path).toMatch(JSON_POINTER);
  expect(typeof issue.code).toBe("string");
  expect(typeof issue.message).toBe("string");
  expect(issue.message.length).toBeGreaterThan(0);
  expect(issue.message).not.toContain("undefined");
}

// ---------------------------------------------------------------------------------------------
// Cases, derived from the schema

interface FieldCase {
  variant: string;
  field: string;
  example: Record<string, Json>;
  required: boolean;
  property: SchemaNode;
}

const FIELDS: FieldCase[] = VARIANTS.flatMap((variant) => {
  const def = $defs[variant]!;
  return Object.entries(def.properties as Record<string, SchemaNode>).map(([field, property]) => ({
    variant,
    field,
    example: variantExample(variant),
    required: (def.required as string[]).includes(field),
    property,
  }));
});

const WRONG_TYPES = FIELDS.flatMap((c) => {
  const allowed = allowedJsonTypes(c.property);
  return Object.entries(VALUE_OF_TYPE)
    .filter(([type]) => !allowed.has(type))
    .map(([type, value]) => ({ ...c, type, value }));
});

const WRONG_FORMS = FIELDS.flatMap((c) => wrongForms(c.property).map((breakage) => ({ ...c, ...breakage })));

// ---------------------------------------------------------------------------------------------
// Tests

test("the schema has the newest engine's 20 variants, each with a valid example that names it", () => {
  expect(VARIANTS).toHaveLength(20);
  for (const variant of VARIANTS) {
    const example = variantExample(variant);
    expect(example.type).toBe(variant);
    expect(validateEvent(example).ok).toBe(true);
  }
});

test("the derived cases cover the kinds of breakage the schema allows", () => {
  const codes = new Set(WRONG_FORMS.flatMap((c) => c.codes));
  expect([...codes].sort()).toStrictEqual(["enum", "format", "range", "type"]);
  expect(WRONG_TYPES.length).toBeGreaterThan(FIELDS.length * 3);
});

test.each(FIELDS.filter((c) => c.required).map((c) => [c.variant, c.field, c] as const))(
  "%s without %s: required",
  (_variant, field, c) => {
    const issues = issuesOf(without(c.example, field));
    expect(issues).toStrictEqual([{ path: `/${field}`, code: "required", message: expect.any(String) }]);
  },
);

test.each(FIELDS.filter((c) => !c.required).map((c) => [c.variant, c.field, c] as const))(
  "%s without %s: accepted, and reads as its default",
  (_variant, field, c) => {
    const input = without(c.example, field);
    const fromValue = validateEvent(input);
    expect(fromValue.ok).toBe(true);
    const event = parseEvent(engineText(input)!) as unknown as Record<string, unknown>;
    if ("default" in c.property) expect(event[field]).toStrictEqual(c.property.default);
    else expect(field in event).toBe(false);
  },
);

test("an absent error reads as null in run_failed and run_status_changed", () => {
  for (const variant of ["run_failed", "run_status_changed"]) {
    const event = parseEvent(engineText(without(variantExample(variant), "error"))!);
    expect((event as { error?: unknown }).error).toBeNull();
  }
});

test.each(WRONG_TYPES.map((c) => [c.variant, c.field, c.type, c] as const))(
  "%s with %s of type %s: type",
  (_variant, field, _type, c) => {
    const issues = issuesOf({ ...c.example, [field]: c.value });
    expect(issues).toStrictEqual([{ path: `/${field}`, code: "type", message: expect.any(String) }]);
  },
);

test.each(WRONG_FORMS.map((c) => [c.variant, c.field, c.label, c] as const))(
  "%s with %s %s",
  (_variant, field, _label, c) => {
    const issues = issuesOf({ ...c.example, [field]: c.value });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe(`/${field}`);
    expect(c.codes).toContain(issues[0]!.code);
  },
);

const RUN_FAILED = variantExample("run_failed");
const LOG_LINE = variantExample("log_line");

test.each([
  [
    "duration_ms -1",
    { ...RUN_FAILED, duration_ms: -1 },
    {
      path: "/duration_ms",
      code: "range",
      message: "must be an integer from 0 to 18446744073709551615, got -1",
    },
  ],
  [
    "cost_usd 2^96",
    { ...RUN_FAILED, cost_usd: 2 ** 96 },
    {
      path: "/cost_usd",
      code: "range",
      message: "must be a finite number of magnitude below 2^96, got 7.922816251426434e+28",
    },
  ],
  [
    "stream STDOUT",
    { ...LOG_LINE, stream: "STDOUT" },
    { path: "/stream", code: "enum", message: 'must be one of "stdout", "stderr", "system", got "STDOUT"' },
  ],
  [
    "workflow_name missing",
    without(RUN_FAILED, "workflow_name"),
    { path: "/workflow_name", code: "required", message: "is required: a string" },
  ],
  [
    "error a number",
    { ...RUN_FAILED, error: 42 },
    { path: "/error", code: "type", message: "must be a string or null, got 42" },
  ],
  [
    "type a boolean",
    { ...RUN_FAILED, type: true },
    { path: "/type", code: "type", message: "must be a string naming the event type, got true" },
  ],
])("message for %s", (_label, input, expected) => {
  expect(issuesOf(input)).toStrictEqual([expected]);
});

test("messages for a bad UUID and a bad timestamp say what was expected and what was found", () => {
  const [uuid] = issuesOf({ ...RUN_FAILED, run_id: "not-a-uuid" });
  expect(uuid!.message).toMatch(/^must be a hyphenated UUID\b.*, got "not-a-uuid"$/);
  const [at] = issuesOf({ ...RUN_FAILED, at: "2024-13-01T00:00:00Z" });
  expect(at!.message).toMatch(/^must be an RFC 3339 timestamp\b.*, got "2024-13-01T00:00:00Z"$/);
});

test("all issues are reported at once", () => {
  const input = {
    ...without(RUN_FAILED, "workflow_name"),
    run_id: 5,
    cost_usd: "0.42",
    duration_ms: -1,
    at: false,
  };
  const issues = issuesOf(input);
  expect(issues.map((i) => [i.path, i.code]).sort()).toStrictEqual(
    [
      ["/at", "type"],
      ["/cost_usd", "type"],
      ["/duration_ms", "range"],
      ["/run_id", "type"],
      ["/workflow_name", "required"],
    ].sort(),
  );
});

test("EventValidationError lists every issue and its message starts with the first", () => {
  const error = refusalBy(() => parseEvent({ ...RUN_FAILED, duration_ms: -1, run_id: "x" }));
  expect(error.issues).toHaveLength(2);
  expect(error.name).toBe("EventValidationError");
  expect(error).toBeInstanceOf(Error);
  const first = error.issues[0]!;
  expect(error.message).toContain(formatIssue(first));
  expect(error.message).toContain(first.path);
  expect(error.message).toContain(first.message);
});

test("paths escape / and ~ in property names (RFC 6901)", () => {
  const result = validateEvent({ ...RUN_FAILED, "a/b~c": 1 }, { strict: true });
  expect(result).toStrictEqual({
    ok: false,
    issues: [{ path: "/a~1b~0c", code: "additional_property", message: expect.any(String) }],
  });
});

test.each(["cost_usd", "duration_ms"])("%s too large for a double (1e400) gives one issue", (field) => {
  const text = engineText(RUN_FAILED)!.replace(new RegExp(`"${field}":[^,}]*`), `"${field}":1e400`);
  const issues = refusalBy(() => parseEvent(text)).issues;
  for (const issue of issues) expectWellFormed(issue);
  // One offending value, one issue (src/issues/from-errors.ts: "one per offending value").
  expect(issues).toStrictEqual([{ path: `/${field}`, code: "range", message: expect.any(String) }]);
});
