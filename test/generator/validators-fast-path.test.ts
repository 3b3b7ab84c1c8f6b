// The validators of the full path are tables of the schemas read by src/rules/schema-validator.ts,
// and strict mode is a check after them (src/rules/strict.ts). They must answer exactly as Ajv's
// code compiled from the same schemas: the same verdict and the same errors, in the same order,
// with the same schema paths and parameters, for every input. The reference here is the same
// bundles compiled by Ajv at test time with the plain x-engine-json keyword (the full walk,
// first among the keywords).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { Ajv } from "ajv";
import fc from "fast-check";
import type { ValidateFunction } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import * as generated from "../../generated/validators.js";
import { addVocabulary } from "../support/reference-ajv.js";
import { validatorSchemas } from "../../scripts/generate/emit-validators.js";
import { loadEngineVersions } from "../../scripts/generate/engine-versions.js";
import { schemasOfFormats } from "../../scripts/generate/filter-format.js";
import { loadSchemas } from "../../scripts/generate/load-schemas.js";
import { formats as ruleFormats } from "../../src/rules/index.js";
import { turn, yieldingProperty } from "../support/event-loop.js";
import { everyVectorFile, vectorLines } from "../support/vectors.js";

type Validator = ((data: unknown) => boolean) & { errors?: unknown };

/** One engine format's reference validators (Ajv without the fast path), and its generated ones. */
interface Format {
  format: string;
  suffix: string;
  default: ValidateFunction;
  strict: ValidateFunction;
  variant: (def: string, strict: boolean) => ValidateFunction;
  variants: { def: string; title: string }[];
}
let formatsUnderTest: Format[];

beforeAll(async () => {
  const formats = schemasOfFormats(await loadSchemas("schemas"), loadEngineVersions("schemas"));
  formatsUnderTest = formats.map(({ format, loaded, bundle }) => {
    const { schemas, ids } = validatorSchemas(bundle);
    for (const schema of schemas) referenceAjv.addSchema(schema);
    return {
      format,
      suffix: `_${format.replace(".", "_")}`,
      default: referenceAjv.getSchema(ids.default)!,
      strict: referenceAjv.getSchema(ids.strict)!,
      variant: (def, strict) => referenceAjv.getSchema(`${strict ? ids.strict : ids.default}#/$defs/${def}`)!,
      variants: loaded.variants.map((file) => ({
        def: file.relative.replace(/\.json$/, ""),
        title: file.schema.title as string,
      })),
    };
  });
});

/** Ajv with the project's vocabulary but no fast path: the walk runs first, on every input. */
const referenceAjv = new Ajv({
  strict: true,
  allErrors: true,
  messages: false,
  discriminator: true,
  strictNumbers: true,
  formats: ruleFormats,
});
addVocabulary(referenceAjv);

/** Verdict and errors of a validator, for toEqual. */
function outcome(validate: Validator, value: unknown) {
  const ok = validate(value);
  return { ok, errors: ok ? null : validate.errors };
}

/** The generated union of a format, default or strict. */
function generatedUnion(format: Format, strict: boolean): Validator {
  return (generated as unknown as Record<string, Validator>)[`validateEvent${strict ? "Strict" : ""}${format.suffix}`]!;
}

function expectSameAsReference(value: unknown, label: string, only?: string) {
  for (const format of formatsUnderTest) {
    if (only !== undefined && format.format !== only) continue;
    expect(outcome(generatedUnion(format, false), value), `${format.format}: ${label}`).toEqual(
      outcome(format.default, value),
    );
    expect(outcome(generatedUnion(format, true), value), `${format.format}: ${label} (strict)`).toEqual(
      outcome(format.strict, value),
    );
  }
}

const base = {
  type: "step_completed",
  run_id: "61644a25-da5a-7317-94e2-3bc1eca8c766",
  step_id: "d9ed086c-0f3f-73f9-8ec8-9a67bfdc6a1e",
  step_name: "build",
  kind: "gitlab",
  duration_ms: 18446744073709551615,
  cost_usd: 0.42,
  at: "1997-03-22T04:04:25.881Z",
};

/** The examples of every variant schema: engine-written events of the newest format. */
const newerEvents: Record<string, unknown>[] = readdirSync("schemas")
  .filter((name) => name.endsWith(".json") && name !== "engine-versions.json")
  .flatMap(
    (name) =>
      (JSON.parse(readFileSync(join("schemas", name), "utf8")) as { examples: Record<string, unknown>[] }).examples,
  );

const granted = newerEvents.find((e) => e.type === "approval_granted" && e.requirement !== null && "requirement" in e)!;
const usage = newerEvents.find(
  (e) => e.type === "provider_account.usage_updated" && (e.windows as unknown[]).length > 0,
)!;
const failed = newerEvents.find((e) => e.type === "run_failed" && "labels" in e)!;
const received = newerEvents.find((e) => e.type === "signal_received" && (e.resumed_runs as unknown[]).length > 0)!;
const escalated = newerEvents.find((e) => e.type === "approval_escalated" && e.assignee !== null)!;
const windowOf = (change: Record<string, unknown>) => ({
  ...usage,
  windows: [{ ...(usage.windows as object[])[0], ...change }],
});
const requirementOf = (change: Record<string, unknown>) => ({
  ...granted,
  requirement: { ...(granted.requirement as object), ...change },
});

describe("the generated validators answer as Ajv does without the fast path", () => {
  // Every input of every vector file, read with every format, default and strict: in tests of
  // 500 inputs each, with a turn of the event loop between them (no worker blocks for long).
  const files = everyVectorFile();
  for (const [name, texts] of files)
    it(`on every input of ${name}, read with every format`, async () => {
      let compared = 0;
      for (const text of texts()) {
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          continue; // not JSON: the validators never see it
        }
        expectSameAsReference(value, `${name}: ${text}`);
        if (++compared % 500 === 0) await turn();
      }
      expect(compared).toBeGreaterThan(10);
    }, 60_000);

  // Random near misses of every format's own events: one value anywhere in the event (a field,
  // an item, a map entry, a nested field, or a new key) replaced by any JSON value or a value
  // JSON cannot hold, compared with the reference on every format, default and strict.
  it("on random near misses of every format's events (fixed seed)", async () => {
    const events = [
      ...vectorLines("engine-events.ndjson"),
      ...everyVectorFile()
        .filter(([name]) => /^2\.\d+\/engine-events/.test(name))
        .flatMap(([, texts]) => texts()),
    ].map((line) => JSON.parse(line) as Record<string, unknown>);
    const odd = fc.constantFrom<unknown>(undefined, NaN, -0, Infinity, 2 ** 64, 1.5, "\ud800", new Map(), () => 1);
    const replacement = fc.oneof(fc.jsonValue({ maxDepth: 2 }), odd);
    const nearMiss = fc
      .tuple(
        fc.constantFrom(...events),
        fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        fc.string({ maxLength: 4 }),
        replacement,
      )
      .map(([event, picks, newKey, value]) => replaceSomewhere(event, picks, newKey, value));
    await fc.assert(
      yieldingProperty(
        fc.property(nearMiss, (value) => {
          expectSameAsReference(value, JSON.stringify(value) ?? String(value));
        }),
      ),
      { seed: 0x7ab1e5, numRuns: 10_000 },
    );
  }, 120_000);

  it("on events whose unknown fields break the engine's JSON rules, where the fast path must give way", () => {
    const nested = (depth: number): unknown => (depth === 0 ? [] : [nested(depth - 1)]);
    const cases: [string, unknown][] = [
      ["unknown field with a lone surrogate", { ...base, note: "\ud800" }],
      ["unknown key with a lone surrogate", { ...base, ["k\udc00"]: 1 }],
      ["unknown field NaN", { ...base, extra: NaN }],
      ["unknown field Infinity, nested", { ...base, extra: { a: [1, -Infinity] } }],
      ["unknown field 126 levels deep (127 with the event)", { ...base, extra: nested(125) }],
      ["unknown field 127 levels deep (128 with the event)", { ...base, extra: nested(126) }],
      ["unknown field undefined", { ...base, extra: undefined }],
      ["unknown field a Map", { ...base, extra: new Map() }],
      ["unknown field a function", { ...base, extra: () => 1 }],
      ["free-text field with a lone surrogate", { ...base, step_name: "a\udfffb" }],
      ["custom kind with a lone surrogate", { ...base, kind: "\ud83d" }],
      ["UUID field with a lone surrogate (format fails too)", { ...base, run_id: "\ud800" }],
      ["lone surrogate and a missing field", { ...base, at: undefined, step_name: "\ud800" }],
      ["lone surrogate and a wrong type", { ...base, cost_usd: "1", step_name: "\ud800" }],
      ["error null where absent is allowed", { ...base, type: "run_failed", workflow_name: "w", error: null }],
    ];
    for (const [label, value] of cases) expectSameAsReference(value, label);
  });

  it("on the newer formats' events, and on their objects, maps and arrays where the fast path must give way", () => {
    const cases: [string, unknown][] = [
      ...newerEvents.map((event, i): [string, unknown] => [`schema example ${i} (${String(event.type)})`, event]),
      ["labels with a lone surrogate in a key", { ...failed, labels: { "k\ud800": "v" } }],
      ["labels with a lone surrogate in a value", { ...failed, labels: { k: "v\udc00" } }],
      ["labels with a number", { ...failed, labels: { k: 1 } }],
      ["labels with undefined", { ...failed, labels: { k: undefined } }],
      ["labels a Map", { ...failed, labels: new Map([["k", "v"]]) }],
      ["labels with a null prototype", { ...failed, labels: Object.assign(Object.create(null) as object, { k: "v" }) }],
      ["labels from another realm", { ...failed, labels: runInNewContext('({ k: "v" })') }],
      ["labels an array", { ...failed, labels: ["v"] }],
      ["requirement with an unknown field", requirementOf({ rule_index: 1 })],
      ["requirement with an unknown NaN", requirementOf({ extra: NaN })],
      ["requirement with reason undefined", requirementOf({ reason: undefined })],
      ["requirement with a lone surrogate in a group", requirementOf({ approver_groups: ["a", "\ud800"] })],
      ["requirement with a group that is a number", requirementOf({ approver_groups: [1] })],
      ["requirement null", { ...granted, requirement: null }],
      [
        "requirement a class instance",
        {
          ...granted,
          requirement: new (class R {
            required_approvers = 1;
          })(),
        },
      ],
      ["window with an unknown field", windowOf({ extra: "x" })],
      ["window utilization near the float limit", windowOf({ utilization: 1.7e308 })],
      ["window utilization negative near the limit", windowOf({ utilization: -1.7e308 })],
      ["window utilization NaN", windowOf({ utilization: NaN })],
      ["window resets_at undefined", windowOf({ resets_at: undefined })],
      ["windows with a hole", { ...usage, windows: [, (usage.windows as object[])[0]] }], // eslint-disable-line no-sparse-arrays
      ["resumed run with a lone surrogate", { ...received, resumed_runs: ["\ud800"] }],
      ["assignee with a lone surrogate", { ...escalated, assignee: "user:\ud800" }],
      ["assignee without a name", { ...escalated, assignee: "group:" }],
      ["cost near 2^96", { ...failed, cost_usd: 7.92e28 }],
      // What strict mode adds (a check after the default validators), against Ajv's own strict flavour:
      [
        "requirement with an unknown field and without its required one",
        { ...granted, requirement: { x: 1, reason: 5 } },
      ],
      ["unknown fields at the root and in the requirement", { ...requirementOf({ y: 2 }), z: 3, w: null }],
      ["unknown fields and a wrong type beside them", { ...requirementOf({ y: 2 }), approved_by: 7, z: 3 }],
      [
        "unknown fields in two windows, one of them invalid",
        {
          ...usage,
          windows: [
            { ...(usage.windows as object[])[0], extra: 1 },
            { ...(usage.windows as object[])[0], utilization: "x", other: 2 },
            { ...(usage.windows as object[])[0] },
          ],
        },
      ],
      [
        "an inherited enumerable key in the requirement",
        { ...granted, requirement: Object.assign(Object.create({ inherited: 1 }) as object, granted.requirement) },
      ],
      ["requirement null beside an unknown field", { ...granted, requirement: null, extra: "x" }],
      [
        "an unknown field with a lone surrogate beside an unknown nested one",
        { ...requirementOf({ y: 2 }), bad: "\ud800" },
      ],
      ["labels with any keys (a map: none is unknown)", { ...failed, labels: { a: "1", "": "2", "x/y~z": "3" } }],
      [
        "budget limit near 2^96",
        { ...newerEvents.find((e) => e.type === "run_budget_exceeded")!, limit_usd: -7.91e28 },
      ],
    ];
    for (const [label, value] of cases) expectSameAsReference(value, label);
  });

  it("on objects that are not plain JSON data, or whose keys for…in cannot see", () => {
    const hidden = { ...base, extra: NaN } as Record<string, unknown>;
    Object.defineProperty(hidden, "step_name", { value: "build", enumerable: false });
    const inherited = Object.assign(Object.create({ inheritedExtra: NaN }) as object, base);
    class Step {
      constructor() {
        Object.assign(this, base);
      }
    }
    const cases: [string, unknown][] = [
      ["null prototype", Object.assign(Object.create(null) as object, base)],
      ["another realm", runInNewContext(`(${JSON.stringify(base)})`)],
      ["another realm, extra NaN", runInNewContext(`({ ...${JSON.stringify(base)}, extra: NaN })`)],
      ["class instance", new Step()],
      ["inherited enumerable field", inherited],
      ["non-enumerable known field beside an unknown bad one", hidden],
      ["getter", Object.defineProperty({ ...base }, "step_name", { get: () => "build", enumerable: true })],
      ["frozen", Object.freeze({ ...base })],
    ];
    // An optional field present with the value undefined: Ajv's own
    // keywords read it as absent, the walk refuses it as not JSON data, and so must the fast path.
    for (const line of vectorLines("engine-events.ndjson")) {
      const event = JSON.parse(line) as Record<string, unknown>;
      if ("error" in event && (event.type === "run_failed" || event.type === "run_status_changed")) {
        cases.push([`${event.type} with error: undefined`, { ...event, error: undefined }]);
        break;
      }
    }
    expect(cases.length).toBe(9);
    for (const [label, value] of cases) expectSameAsReference(value, label);
  });

  it("on values that are not objects", () => {
    for (const value of [null, undefined, 0, NaN, "x", "\ud800", true, [], [base], () => 1])
      expectSameAsReference(value, String(typeof value));
  });

  it("per variant: each exported variant validator is the reference's variant, default and strict", () => {
    const inputs: unknown[] = [
      base,
      { ...base, extra: "\ud800" },
      { ...base, extra: 1 },
      { type: "log_line" },
      5,
      null,
      [],
    ];
    for (const line of vectorLines("engine-events.ndjson").slice(0, 120)) inputs.push(JSON.parse(line));
    inputs.push(...newerEvents);
    for (const format of formatsUnderTest)
      for (const { def, title } of format.variants)
        for (const strict of [false, true]) {
          const name = `validate${title}${strict ? "Strict" : ""}${format.suffix}`;
          const validate = (generated as unknown as Record<string, Validator>)[name]!;
          expect(typeof validate, name).toBe("function");
          for (const value of inputs)
            expect(outcome(validate, value), name).toEqual(outcome(format.variant(def, strict), value));
        }
  });
});

/**
 * A copy of `event` with one value replaced: `picks` chooses a path down its objects and arrays
 * (each pick an index into the keys, or the items, where it stands; past their end, `newKey` is
 * added there instead).
 */
function replaceSomewhere(event: Record<string, unknown>, picks: number[], newKey: string, value: unknown): unknown {
  const copy = structuredClone(event);
  let at: Record<string, unknown> | unknown[] = copy;
  for (const [depth, pick] of picks.entries()) {
    const keys = Array.isArray(at) ? at.map((_, i) => String(i)) : Object.keys(at);
    const key = pick < keys.length ? keys[pick]! : newKey;
    const inner = (at as Record<string, unknown>)[key];
    const last = depth === picks.length - 1 || inner === null || typeof inner !== "object";
    if (last) {
      (at as Record<string, unknown>)[key] = value;
      break;
    }
    at = inner as Record<string, unknown> | unknown[];
  }
  return copy;
}
