// The public parse/validate API at its edges: whatever it is given, parseEvent throws only
// EventValidationError and validateEvent and isEvent never throw; JSON syntax errors point at
// the right character; an absent `error` reads as null without touching the caller's object;
// strict mode and unknown event types.
import { describe, expect, expectTypeOf, test } from "vitest";
import {
  EventValidationError,
  isEvent,
  parseEvent,
  validateEvent,
  type NewestEngine,
  type ValidationIssue,
} from "../../src/index.js";
import { LOG_LINE as LOG_LINE_FIXTURE, RUN_FAILED as RUN_FAILED_FIXTURE } from "../support/events.js";
import { NOTHING, thrownBy } from "../support/thrown.js";

// ---------------------------------------------------------------------------------------------
// Helpers

// What parseEvent returns without an engine version: the newest engine's events.
type ParsedEvent = ReturnType<typeof parseEvent<NewestEngine>>;

// Frozen: the API must never write to the caller's object.
const RUN_FAILED = Object.freeze({ ...RUN_FAILED_FIXTURE });

const LOG_LINE = Object.freeze({ ...LOG_LINE_FIXTURE });

function withoutError(): Record<string, unknown> {
  const { error: _error, ...rest } = RUN_FAILED;
  return rest;
}

function withoutType(): Record<string, unknown> {
  const { type: _type, ...rest } = RUN_FAILED;
  return rest;
}

const JSON_POINTER = /^(?:\/(?:[^~/]|~[01])*)*$/;

function expectWellFormedIssues(issues: unknown): asserts issues is ValidationIssue[] {
  expect(Array.isArray(issues)).toBe(true);
  expect((issues as unknown[]).length).toBeGreaterThan(0);
  for (const issue of issues as ValidationIssue[]) {
    expect(issue.path).toMatch(JSON_POINTER);
    expect(typeof issue.code).toBe("string");
    expect(typeof issue.message).toBe("string");
    expect(issue.message.length).toBeGreaterThan(0);
  }
}

/** parseEvent throws an EventValidationError with issues; validateEvent and isEvent say no without throwing. */
function expectRejected(input: unknown, options?: { strict?: boolean }): ValidationIssue[] {
  const thrown = thrownBy(() => parseEvent(input, options));
  expect(thrown).toBeInstanceOf(EventValidationError);
  const issues = (thrown as EventValidationError).issues;
  expectWellFormedIssues(issues);

  let result: ReturnType<typeof validateEvent> | undefined;
  expect(thrownBy(() => (result = validateEvent(input, options)))).toBe(NOTHING);
  expect(result?.ok).toBe(false);
  if (result && !result.ok) expectWellFormedIssues(result.issues);

  if (options?.strict !== true) {
    let guarded: boolean | undefined;
    expect(thrownBy(() => (guarded = isEvent(input)))).toBe(NOTHING);
    expect(guarded).toBe(false);
  }
  return issues;
}

/** The one issue parseEvent reports for a text that is not JSON. */
function syntaxIssue(text: string): ValidationIssue {
  const thrown = thrownBy(() => parseEvent(text));
  expect(thrown).toBeInstanceOf(EventValidationError);
  const issues = (thrown as EventValidationError).issues;
  expectWellFormedIssues(issues);
  expect(issues).toHaveLength(1);
  expect(issues[0]).toMatchObject({ path: "", code: "json_syntax" });
  return issues[0]!;
}

function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

function throwingProxy(thrown: () => unknown): object {
  const trap = () => {
    throw thrown();
  };
  return new Proxy(
    {},
    {
      get: trap,
      has: trap,
      ownKeys: trap,
      getOwnPropertyDescriptor: trap,
      getPrototypeOf: trap,
    },
  );
}

function withThrowingGetter(base: object, key: string): object {
  return Object.defineProperty({ ...base }, key, {
    enumerable: true,
    get() {
      throw new Error(`reading ${key}`);
    },
  });
}

// ---------------------------------------------------------------------------------------------

describe("parseEvent throws only EventValidationError, validateEvent and isEvent never throw", () => {
  class Empty {}
  const cyclic: Record<string, unknown> = { ...RUN_FAILED };
  cyclic.self = cyclic;
  const cyclicArray: unknown[] = [];
  cyclicArray.push(cyclicArray);
  const revocable = Proxy.revocable({ ...RUN_FAILED }, {});
  revocable.revoke();

  const inputs: [string, () => unknown][] = [
    ["undefined", () => undefined],
    ["null", () => null],
    ["0", () => 0],
    ["-0", () => -0],
    ["a number", () => 42],
    ["NaN", () => NaN],
    ["Infinity", () => Infinity],
    ["a bigint", () => 10n],
    ["a symbol", () => Symbol("event")],
    ["true", () => true],
    ["a function", () => () => RUN_FAILED],
    ["a class", () => Empty],
    ["an empty array", () => []],
    ["an array holding an event", () => [RUN_FAILED]],
    ["a Date", () => new Date()],
    ["a Map of an event's entries", () => new Map(Object.entries(RUN_FAILED))],
    ["a Set", () => new Set([1])],
    ["a RegExp", () => /run_failed/],
    ["an Error", () => new Error("boom")],
    ["a Promise of an event", () => Promise.resolve(RUN_FAILED)],
    ["a Uint8Array", () => new Uint8Array(8)],
    ["a String object holding an event", () => new String(JSON.stringify(RUN_FAILED))],
    ["a class instance", () => new Empty()],
    ["an object without prototype", () => Object.create(null)],
    [
      "a Proxy whose get trap throws",
      () =>
        new Proxy(
          {},
          {
            get: () => {
              throw new Error("get");
            },
          },
        ),
    ],
    ["a Proxy of an event whose every trap throws", () => throwingProxy(() => new Error("trap"))],
    ["a Proxy that throws a string", () => throwingProxy(() => "a string")],
    ["a Proxy that throws a symbol", () => throwingProxy(() => Symbol("thrown"))],
    ["a Proxy that throws undefined", () => throwingProxy(() => undefined)],
    ["a Proxy that throws an object without prototype", () => throwingProxy(() => Object.create(null))],
    [
      "a Proxy that throws an object whose toString throws",
      () =>
        throwingProxy(() => ({
          toString() {
            throw new Error("toString");
          },
        })),
    ],
    ["a revoked Proxy", () => revocable.proxy],
    ["an event whose type getter throws", () => withThrowingGetter(RUN_FAILED, "type")],
    ["an event whose run_id getter throws", () => withThrowingGetter(RUN_FAILED, "run_id")],
    ["an event with an extra throwing getter", () => withThrowingGetter(RUN_FAILED, "extra")],
    ["a cyclic event", () => cyclic],
    ["a cyclic array", () => cyclicArray],
    ["an event with 100000-deep arrays in an unknown property", () => ({ ...RUN_FAILED, extra: nested(100_000) })],
    ["an event with a bigint duration", () => ({ ...RUN_FAILED, duration_ms: 5000n })],
    ["an event with a symbol error", () => ({ ...RUN_FAILED, error: Symbol("e") })],
    ["an event with a function in an unknown property", () => ({ ...RUN_FAILED, extra: () => 1 })],
    ["an event with a Date for at", () => ({ ...RUN_FAILED, at: new Date() })],
    ["an event with NaN cost", () => ({ ...RUN_FAILED, cost_usd: NaN })],
    ["an event with a lone surrogate", () => ({ ...RUN_FAILED, workflow_name: "\ud800" })],
    ["an event with a lone surrogate in a key", () => ({ ...RUN_FAILED, ["\udc00"]: 1 })],
    ["a 10-million-character string", () => "x".repeat(10_000_000)],
    ["a 10-million-character JSON string", () => JSON.stringify("x".repeat(10_000_000))],
    ["100000 open brackets", () => "[".repeat(100_000)],
    [
      "an event text with 100000-deep arrays",
      () => `{"type":"run_failed","x":${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
    ],
    ["the empty string", () => ""],
  ];

  test.each(inputs)("%s", (_name, make) => {
    for (const strict of [false, true]) expectRejected(make(), { strict });
  });

  test("too-deep nesting is reported as too_deep, for values and for text", () => {
    const issues = expectRejected({ ...RUN_FAILED, extra: nested(100_000) });
    expect(issues.map((i) => i.code)).toContain("too_deep");
    const text = `{${JSON.stringify(RUN_FAILED).slice(1, -1)},"x":${"[".repeat(200)}${"]".repeat(200)}}`;
    expect(expectRejected(text).map((i) => i.code)).toContain("too_deep");
  });

  test("a 127-deep event (the engine's limit) is accepted", () => {
    // The root object is level 1, so an unknown property may hold 126 levels of arrays.
    expect(validateEvent({ ...RUN_FAILED, extra: nested(125) }).ok).toBe(true);
    expect(validateEvent({ ...RUN_FAILED, extra: nested(126) }).ok).toBe(false);
  });

  test("a class instance is not JSON data, even with an event's fields", () => {
    // src/rules/engine-json.ts: "every value is JSON data (...): no (...) objects other than
    // plain objects and arrays". Only values from JSON.parse are events.
    class RunFailedEvent {
      constructor() {
        Object.assign(this, RUN_FAILED);
      }
    }
    expectRejected(new RunFailedEvent());
  });

  test("an event with a long string parses", () => {
    const big = { ...LOG_LINE, line: "é".repeat(400_000) };
    expect(parseEvent(JSON.stringify(big))).toStrictEqual(big);
    expect(parseEvent(big)).toStrictEqual(big);
  });
});

describe("JSON syntax errors", () => {
  test.each([
    ["a value missing after a colon", '{"a":}', 1, 6],
    ["a text cut inside a string", '{"type":"run_f', 1, 15],
    ["a text cut after a comma", '{"type":"run_failed",', 1, 22],
    ["trailing garbage", '{"type":"x"} x', 1, 14],
    ["two values", "{}{}", 1, 3],
    ["a tab inside a string", '{"a":"b\tc"}', 1, 8],
    ["a newline inside a string", '{"a":"b\nc"}', 1, 8],
    ["a byte order mark at the start", '\uFEFF{"type":"run_failed"}', 1, 1],
    ["a bad value on line 3", '{\n  "type": "run_failed",\n  "run_id": nope\n}', 3, 13],
    ["CRLF line ends", '{\r\n"a":}', 2, 5],
    ["single quotes", "{'a':1}", 1, 2],
    ["an unquoted key", "{a:1}", 1, 2],
    ["a missing colon", '{"a" 1}', 1, 6],
    ["a missing comma", '{"a":1 "b":2}', 1, 8],
    ["a trailing comma in an array", "[1,]", 1, 4],
    ["a trailing comma in an object", '{"a":1,}', 1, 8],
    ["an invalid escape", '{"a":"\\q"}', 1, 7],
    ["a short \\u escape", '{"a":"\\u12"}', 1, 7],
    ["a leading zero", '{"n":01}', 1, 7],
    ["NaN", "NaN", 1, 1],
    ["undefined", "undefined", 1, 1],
    ["the empty string", "", 1, 1],
    ["only spaces", "   ", 1, 4],
    ["an unclosed array", "[1, 2", 1, 6],
    ["a long number before a trailing comma", `[${"1".repeat(500)},]`, 1, 503],
  ])("%s", (_name, text, line, column) => {
    const issue = syntaxIssue(text);
    expect(issue).toMatchObject({ line, column });
    expect(issue.message).toContain(`line ${line}, column ${column}`);
  });

  test("every cut-short event text gives one json_syntax issue within the text", () => {
    for (const event of [RUN_FAILED, LOG_LINE]) {
      for (const text of [JSON.stringify(event), JSON.stringify(event, null, 2)]) {
        const lines = text.split("\n");
        for (let length = 0; length < text.length; length++) {
          const issue = syntaxIssue(text.slice(0, length));
          expect(issue.line).toBeGreaterThanOrEqual(1);
          expect(issue.line).toBeLessThanOrEqual(lines.length);
          expect(issue.column).toBeGreaterThanOrEqual(1);
          expect(issue.column).toBeLessThanOrEqual((lines[(issue.line ?? 1) - 1]?.length ?? 0) + 1);
        }
      }
    }
  });

  test("validateEvent does not parse text: a string is the wrong type", () => {
    expect(validateEvent(JSON.stringify(RUN_FAILED))).toStrictEqual({
      ok: false,
      issues: [{ path: "", code: "type", message: expect.any(String) }],
    });
  });
});

describe("an absent error reads as null", () => {
  test("from text", () => {
    const event = parseEvent(JSON.stringify(withoutError()));
    expect(event).toStrictEqual({ ...withoutError(), error: null });
  });

  test("from a value, without changing the caller's object", () => {
    const input = withoutError();
    const snapshot = structuredClone(input);
    expect(parseEvent(input)).toStrictEqual({ ...snapshot, error: null });
    const result = validateEvent(input);
    expect(result).toStrictEqual({ ok: true, event: { ...snapshot, error: null } });
    expect(input).toStrictEqual(snapshot);
    expect("error" in input).toBe(false);
  });

  test("from a frozen value", () => {
    const input = Object.freeze(withoutError());
    expect(parseEvent(input)).toStrictEqual({ ...input, error: null });
    expect("error" in input).toBe(false);
  });

  test("in run_status_changed too", () => {
    const input = {
      type: "run_status_changed",
      run_id: RUN_FAILED.run_id,
      workflow_name: "deploy",
      from: "running",
      to: "completed",
      cost_usd: 0,
      duration_ms: 0,
      labels: {},
      at: RUN_FAILED.at,
    };
    expect(parseEvent(JSON.stringify(input))).toStrictEqual({ ...input, error: null });
    expect(parseEvent(input)).toStrictEqual({ ...input, error: null });
    expect("error" in input).toBe(false);
  });

  test("an explicit null and a string stay as they are", () => {
    expect(parseEvent({ ...RUN_FAILED, error: null })).toStrictEqual({ ...RUN_FAILED, error: null });
    expect(parseEvent(JSON.stringify(RUN_FAILED))).toStrictEqual(RUN_FAILED);
  });
});

describe("isEvent", () => {
  test("true for a parsed event", () => {
    expect(isEvent(parseEvent(JSON.stringify(RUN_FAILED)))).toBe(true);
    expect(isEvent(parseEvent(JSON.stringify(withoutError())))).toBe(true);
    expect(isEvent(LOG_LINE)).toBe(true);
  });

  test("false for a run_failed lacking error, which is valid wire input but not a parsed event", () => {
    expect(validateEvent(withoutError()).ok).toBe(true);
    expect(isEvent(withoutError())).toBe(false);
  });

  test("false for invalid input", () => {
    for (const input of [
      null,
      undefined,
      {},
      "text",
      { ...RUN_FAILED, duration_ms: -1 },
      { ...RUN_FAILED, type: "nope" },
    ])
      expect(isEvent(input)).toBe(false);
  });

  test("narrows unknown to the event union", () => {
    const value: unknown = JSON.parse(JSON.stringify(LOG_LINE));
    if (!isEvent(value)) throw new Error("expected an event");
    expectTypeOf(value).toEqualTypeOf<ParsedEvent>();
    if (value.type === "log_line") {
      expectTypeOf(value.line).toEqualTypeOf<string>();
      expect(value.line).toBe("Compiling ironflow v0.1.0");
    } else {
      throw new Error("expected a log line");
    }
  });
});

describe("strict mode and unknown properties", () => {
  test("default mode keeps unknown properties in the result", () => {
    const input = { ...RUN_FAILED, extra: { nested: [1, "two"] }, another: null };
    expect(parseEvent(input)).toStrictEqual(input);
    expect(parseEvent(JSON.stringify(input))).toStrictEqual(input);
    expect(validateEvent(input)).toStrictEqual({ ok: true, event: input });
  });

  test("strict mode refuses each unknown property, at its path", () => {
    const input = { ...RUN_FAILED, extra: 1, another: null };
    const issues = expectRejected(input, { strict: true });
    expect(issues).toStrictEqual([
      { path: "/extra", code: "additional_property", message: expect.any(String) },
      { path: "/another", code: "additional_property", message: expect.any(String) },
    ]);
    const fromText = thrownBy(() => parseEvent(JSON.stringify(input), { strict: true }));
    expect((fromText as EventValidationError).issues).toStrictEqual(issues);
  });

  test("strict mode accepts an event with only its own fields, and an absent error", () => {
    expect(parseEvent(RUN_FAILED, { strict: true })).toStrictEqual(RUN_FAILED);
    expect(parseEvent(withoutError(), { strict: true })).toStrictEqual({ ...withoutError(), error: null });
  });

  test("strict mode reports unknown properties together with other issues", () => {
    const issues = expectRejected({ ...RUN_FAILED, extra: 1, duration_ms: -1 }, { strict: true });
    expect(issues.map((i) => [i.path, i.code]).sort()).toStrictEqual([
      ["/duration_ms", "range"],
      ["/extra", "additional_property"],
    ]);
  });
});

describe("unknown event types", () => {
  test.each(["run_deleted", "RunCreated", "run-created", "", " run_created", "RUN_CREATED"])(
    "%j gives unknown_event_type at /type, and nothing else",
    (type) => {
      for (const input of [{ ...RUN_FAILED, type }, { type }]) {
        expect(expectRejected(input)).toStrictEqual([
          { path: "/type", code: "unknown_event_type", message: expect.any(String) },
        ]);
        expect(expectRejected(JSON.stringify(input))).toStrictEqual([
          { path: "/type", code: "unknown_event_type", message: expect.any(String) },
        ]);
      }
    },
  );

  test("the message names the type found", () => {
    const [issue] = expectRejected({ ...RUN_FAILED, type: "run_deleted" });
    expect(issue!.message).toContain('"run_deleted"');
  });

  test.each([
    ["missing", undefined, "required"],
    ["null", null, "type"],
    ["a number", 1, "type"],
    ["an array", ["run_failed"], "type"],
  ])("a type that is %s is not an unknown type", (_name, type, code) => {
    const input = type === undefined ? withoutType() : { ...RUN_FAILED, type };
    expect(expectRejected(input)).toStrictEqual([{ path: "/type", code, message: expect.any(String) }]);
  });
});
