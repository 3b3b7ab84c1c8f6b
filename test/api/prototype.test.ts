// Prototype safety: `__proto__`, `constructor` and `prototype` keys, at the top and nested,
// as text and as values, never change Object.prototype or the prototype of the result,
// and are kept (default mode) or refused (strict mode) exactly as any other unknown key.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseEvent, validateEvent } from "../../src/index.js";
import { issuesThrownBy } from "../support/thrown.js";

const RUN_ID = "61644a25-da5a-7317-94e2-3bc1eca8c766";
const AT = "1997-03-22T04:04:25.881Z";
const RUN_CREATED = { type: "run_created", run_id: RUN_ID, workflow_name: "deploy", at: AT };
const RUN_FAILED_WITHOUT_ERROR = {
  type: "run_failed",
  run_id: RUN_ID,
  workflow_name: "deploy",
  cost_usd: 0.5,
  duration_ms: 12,
  at: AT,
};

const HOSTILE_KEYS = ["__proto__", "constructor", "prototype"] as const;
/** What an attacker would put there to pollute: a field of every kind. */
const PAYLOAD = '{"polluted":"yes","type":"run_created","run_id":"' + RUN_ID + '","toString":"x","isAdmin":true}';

/** The event's JSON text with one more property, written as raw JSON text after `type`. */
function withRaw(event: object, key: string, rawValue: string): string {
  const text = JSON.stringify(event);
  return `{${JSON.stringify(key)}:${rawValue},${text.slice(1)}`;
}

/** The same, `key` nested one and two levels down inside an unknown field. */
function nestedRaw(event: object, key: string): string {
  return withRaw(
    event,
    "extra",
    `{"a":[{${JSON.stringify(key)}:${PAYLOAD}}],${JSON.stringify(key)}:{${JSON.stringify(key)}:${PAYLOAD}}}`,
  );
}

let prototypeNames: string[];
beforeEach(() => {
  prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
});
afterEach(() => {
  // Nothing any test here did may have reached Object.prototype.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  expect(({} as Record<string, unknown>).run_id).toBeUndefined();
  expect(typeof ({} as Record<string, unknown>).toString).toBe("function");
});

describe.each(HOSTILE_KEYS)("the key %s", (key) => {
  const texts = {
    "at the top": withRaw(RUN_CREATED, key, PAYLOAD),
    nested: nestedRaw(RUN_CREATED, key),
  };

  for (const [where, text] of Object.entries(texts)) {
    it(`${where}, as text: kept as an own property in default mode, without touching any prototype`, () => {
      const event = parseEvent(text) as unknown as Record<string, unknown>;
      expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
      expect(JSON.parse(JSON.stringify(event))).toEqual(JSON.parse(text)); // nothing lost, nothing added
      if (where === "at the top") {
        expect(Object.getOwnPropertyDescriptor(event, key)?.value).toEqual(JSON.parse(PAYLOAD));
        expect(event.polluted).toBeUndefined(); // the payload is data, not a prototype
        expect(event.run_id).toBe(RUN_ID);
      }
    });

    it(`${where}, as text: refused in strict mode with additional_property, as any unknown key`, () => {
      const issues = issuesThrownBy(() => parseEvent(text, { strict: true }));
      const unknownKey = where === "at the top" ? key : "extra";
      expect(issues).toEqual([expect.objectContaining({ path: `/${unknownKey}`, code: "additional_property" })]);
      // ...exactly as an innocent name in the same place is refused.
      const innocent = issuesThrownBy(() => parseEvent(text.replace(JSON.stringify(key), '"zzz"'), { strict: true }));
      expect(innocent.map((issue) => issue.code)).toEqual(issues.map((issue) => issue.code));
    });

    it(`${where}, as a value from JSON.parse: the same as text, and the input is left as it was`, () => {
      const value = JSON.parse(text);
      const before = JSON.stringify(value);
      const result = validateEvent(value);
      expect(result.ok).toBe(true);
      expect(result.ok && result.event).toBe(value); // nothing to fill in: the value itself
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(JSON.stringify(value)).toBe(before);
      expect(validateEvent(value, { strict: true }).ok).toBe(false);
    });
  }

  it("as a value built with Object.defineProperty: kept in default mode, refused in strict mode", () => {
    const value: Record<string, unknown> = { ...RUN_CREATED };
    Object.defineProperty(value, key, {
      value: JSON.parse(PAYLOAD),
      enumerable: true,
      writable: true,
      configurable: true,
    });
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    const event = parseEvent(value);
    expect(event).toBe(value);
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
    expect(issuesThrownBy(() => parseEvent(value, { strict: true }))).toEqual([
      expect.objectContaining({ path: `/${key}`, code: "additional_property" }),
    ]);
  });

  it("survives the copy that fills in run_failed's default error (value input), as an own data property", () => {
    const value: Record<string, unknown> = { ...RUN_FAILED_WITHOUT_ERROR };
    Object.defineProperty(value, key, {
      value: JSON.parse(PAYLOAD),
      enumerable: true,
      writable: true,
      configurable: true,
    });
    const event = parseEvent(value) as unknown as Record<string, unknown>;
    expect(event).not.toBe(value); // a copy: the caller's object is not written to
    expect(Object.hasOwn(value, "error")).toBe(false);
    expect(event.error).toBeNull();
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
    const descriptor = Object.getOwnPropertyDescriptor(event, key);
    expect(descriptor).toMatchObject({ enumerable: true, writable: true });
    expect(descriptor?.value).toEqual(JSON.parse(PAYLOAD));
    expect(event.polluted).toBeUndefined();
  });

  it("survives filling in the default error in place (text input), as an own data property", () => {
    const event = parseEvent(withRaw(RUN_FAILED_WITHOUT_ERROR, key, PAYLOAD)) as unknown as Record<string, unknown>;
    expect(event.error).toBeNull();
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(event, key)?.value).toEqual(JSON.parse(PAYLOAD));
  });
});

describe("required fields cannot come from a prototype", () => {
  it('{"type":"run_created","__proto__":{"run_id":…,"workflow_name":…,"at":…}} as text is missing them all', () => {
    const text = `{"type":"run_created","__proto__":${JSON.stringify({ run_id: RUN_ID, workflow_name: "w", at: AT })}}`;
    const issues = issuesThrownBy(() => parseEvent(text));
    expect(issues.map((issue) => `${issue.code} ${issue.path}`).sort()).toEqual([
      "required /at",
      "required /run_id",
      "required /workflow_name",
    ]);
  });

  it("nor from constructor.prototype or prototype keys", () => {
    const fields = JSON.stringify({ run_id: RUN_ID, workflow_name: "w", at: AT });
    for (const text of [
      `{"type":"run_created","constructor":{"prototype":${fields}}}`,
      `{"type":"run_created","prototype":${fields}}`,
    ]) {
      expect(issuesThrownBy(() => parseEvent(text)).map((issue) => issue.code)).toEqual([
        "required",
        "required",
        "required",
      ]);
    }
  });

  it("a value whose prototype holds the fields (an object literal's __proto__) is refused", () => {
    // `__proto__:` in an object literal sets the prototype: the fields are inherited, not
    // the value's own, and JSON.stringify would not write them. Such a value is not JSON data.
    const value = { type: "run_created", __proto__: { run_id: RUN_ID, workflow_name: "w", at: AT } };
    expect(Object.hasOwn(value, "run_id")).toBe(false);
    expect(validateEvent(value).ok).toBe(false);
    expect(() => parseEvent(value)).toThrow();
  });

  it("an instance of a class is not a plain object, and is refused", () => {
    class RunCreatedLike {
      type = "run_created";
      run_id = RUN_ID;
      workflow_name = "w";
      at = AT;
    }
    expect(validateEvent(new RunCreatedLike()).ok).toBe(false);
  });
});

describe("type names that are Object.prototype's own", () => {
  it.each(["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"])(
    'a "type" of %j is an unknown event type, not a crash',
    (tag) => {
      const issues = issuesThrownBy(() => parseEvent(JSON.stringify({ ...RUN_CREATED, type: tag })));
      expect(issues).toEqual([expect.objectContaining({ path: "/type", code: "unknown_event_type" })]);
    },
  );
});
