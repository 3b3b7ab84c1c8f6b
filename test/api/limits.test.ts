// Resource limits of the library: parseEvent refuses a text over maxSize (default 1 MiB of
// UTF-8) with one `too_large` issue before parsing it, and no issue message grows with
// the input: a value is quoted to about 80 characters, however large it is.
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_MAX_SIZE, parseEvent, validateEvent } from "../../src/index.js";
import type { ValidationIssue } from "../../src/index.js";
import { MESSAGE_LIMIT } from "../fuzz/properties.js";
import { issuesThrownBy } from "../support/thrown.js";

const MiB = 1024 * 1024;

/** A valid log_line whose JSON text is exactly `bytes` bytes of UTF-8, its line made of `char` and ASCII padding. */
function logLineOfSize(bytes: number, char = "x"): string {
  const head =
    '{"type":"log_line","run_id":"5271560a-48ec-7cc9-8180-9873637c51fe","step_id":"184d3c71-6b75-7e26-a2c1-302c8ca2688b","step_name":"build","stream":"stdout","at":"2096-02-06T05:05:43.834051Z","line":"';
  const tail = '"}';
  const room = bytes - Buffer.byteLength(head + tail);
  const charBytes = Buffer.byteLength(char);
  const repeats = Math.floor(room / charBytes);
  const text = head + char.repeat(repeats) + "x".repeat(room - repeats * charBytes) + tail;
  expect(Buffer.byteLength(text)).toBe(bytes);
  return text;
}

const tooLarge = (issues: ValidationIssue[]) => {
  expect(issues).toEqual([expect.objectContaining({ path: "", code: "too_large" })]);
  return issues[0];
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe("maxSize (text input)", () => {
  it("defaults to 1 MiB", () => {
    expect(DEFAULT_MAX_SIZE).toBe(MiB);
  });

  it.each([
    ["ASCII", "x"],
    ["2-byte characters", "é"],
    ["3-byte characters", "€"],
    ["surrogate pairs (4 bytes each)", "😀"],
  ])("passes a text of exactly 1 MiB and refuses one byte more: %s", (_, char) => {
    expect(parseEvent(logLineOfSize(MiB, char)).type).toBe("log_line");
    const issue = tooLarge(issuesThrownBy(() => parseEvent(logLineOfSize(MiB + 1, char))));
    expect(issue!.message).toContain(`${MiB + 1} bytes`);
    expect(issue!.message).toContain(`${MiB} bytes`);
  });

  it("counts bytes of UTF-8, not UTF-16 code units: 400,000 € signs are 1.2 MB", () => {
    const text = logLineOfSize(Buffer.byteLength("€".repeat(400_000)) + 300, "€"); // about 1.2 MB in 400,000 units
    expect(text.length).toBeLessThan(MiB);
    tooLarge(issuesThrownBy(() => parseEvent(text)));
  });

  it("counts a surrogate pair as 4 bytes, not 6", () => {
    const text = logLineOfSize(MiB, "😀");
    expect(text.length * 3).toBeGreaterThan(MiB); // what a count of 3 bytes per code unit would refuse
    expect(() => parseEvent(text)).not.toThrow();
  });

  it("counts a lone surrogate as 3 bytes (the U+FFFD an encoder writes), even before another high surrogate", () => {
    const lone = `"${"\ud800".repeat(400)}"`; // 400 high surrogates, no pair among them
    expect(Buffer.byteLength(lone)).toBe(1202);
    expect(tooLarge(issuesThrownBy(() => parseEvent(lone, { maxSize: 1201 })))!.message).toContain("is 1202 bytes");
    const mixed = `"${"\ud800é".repeat(200)}"`; // a lone surrogate, then a 2-byte character
    expect(Buffer.byteLength(mixed)).toBe(1002);
    tooLarge(issuesThrownBy(() => parseEvent(mixed, { maxSize: 1001 })));
    // at the limit, the size check passes, and the text is refused for what it holds
    expect(issuesThrownBy(() => parseEvent(lone, { maxSize: 1202 }))[0]!.code).not.toBe("too_large");
  });

  it("is configurable, per call", () => {
    const text = logLineOfSize(1000);
    expect(parseEvent(text, { maxSize: 1000 }).type).toBe("log_line");
    tooLarge(issuesThrownBy(() => parseEvent(text, { maxSize: 999 })));
    tooLarge(issuesThrownBy(() => parseEvent(text, { maxSize: 0 })));
    const big = logLineOfSize(2 * MiB);
    expect(parseEvent(big, { maxSize: 2 * MiB }).type).toBe("log_line");
    expect(parseEvent(big, { maxSize: Number.POSITIVE_INFINITY }).type).toBe("log_line");
    tooLarge(issuesThrownBy(() => parseEvent(big)));
  });

  it("takes the default for a maxSize that is not a number of bytes", () => {
    const text = logLineOfSize(MiB + 1);
    for (const maxSize of [Number.NaN, -1, "10", null, undefined])
      tooLarge(issuesThrownBy(() => parseEvent(text, { maxSize } as unknown as { maxSize: number })));
    expect(parseEvent(logLineOfSize(MiB), { maxSize: -1 }).type).toBe("log_line");
  });

  it("refuses before parsing: JSON.parse never sees a text over the limit, however broken it is", () => {
    const parse = vi.spyOn(JSON, "parse");
    tooLarge(issuesThrownBy(() => parseEvent(`{"type": ${"[".repeat(MiB)}`)));
    expect(parse).not.toHaveBeenCalled();
  });

  it("refuses a 100 MB string with one short issue, without reading it", () => {
    const parse = vi.spyOn(JSON, "parse");
    const huge = "x".repeat(100_000_000);
    const issue = tooLarge(issuesThrownBy(() => parseEvent(huge)));
    expect(parse).not.toHaveBeenCalled();
    // Longer in UTF-16 units than the limit in bytes: refused on its length alone, and says so.
    expect(issue!.message).toBe("is at least 100000000 bytes, over the limit of 1048576 bytes (maxSize)");
  });

  it("a text just under the limit nested 500,000 deep is refused as too_deep: no stack overflow, one issue", () => {
    const text = `{"type":"run_created","x":${"[".repeat(500_000)}${"]".repeat(500_000)}}`;
    expect(Buffer.byteLength(text)).toBeLessThan(MiB);
    const issues = issuesThrownBy(() => parseEvent(text));
    expect(issues.filter((issue) => issue.code === "too_deep")).toEqual([
      expect.objectContaining({ path: `/x${"/0".repeat(126)}` }), // the 128th container, the root object being the 1st
    ]);
  });

  it("does not apply to values that are already parsed (they are in memory already)", () => {
    const value = JSON.parse(logLineOfSize(2 * MiB));
    expect(validateEvent(value).ok).toBe(true);
    expect(parseEvent(value).type).toBe("log_line");
  });
});

describe("message lengths", () => {
  const RUN_FAILED = {
    type: "run_failed",
    run_id: "7b064110-80cf-7bfc-917b-69eee67af422",
    workflow_name: "w",
    error: null,
    cost_usd: 0,
    duration_ms: 5,
    at: "2028-03-20T08:25:05.127Z",
  };
  const MILLION = 1_000_000;
  const huge = {
    "printable characters": "x".repeat(MILLION),
    "control characters (escaped to 6 characters each)": "\u0001".repeat(MILLION),
    "lone surrogates": "\ud800".repeat(MILLION),
    "quotes and backslashes": '"\\'.repeat(MILLION / 2),
    "surrogate pairs, cut at an odd place": "a" + "😀".repeat(MILLION),
  };

  it.each(Object.entries(huge))("no message quotes more than about 80 characters of %s", (_, s) => {
    const bad = [
      { ...RUN_FAILED, type: s }, // unknown_event_type, the longest message (it lists the known types)
      { ...RUN_FAILED, type: `Run-Failed${"0".repeat(s.length)}` }, // ... with a "did you mean" hint
      { ...RUN_FAILED, run_id: s },
      { ...RUN_FAILED, at: s },
      { ...RUN_FAILED, from: s, type: "run_status_changed", to: "running" },
      { ...RUN_FAILED, cost_usd: s },
      { ...RUN_FAILED, duration_ms: s },
      { ...RUN_FAILED, extra: [s] },
      { ...RUN_FAILED, [s]: 1 }, // a huge key: it is in the path, never in the message
      s, // the whole input
    ];
    let issues = 0;
    for (const value of bad) {
      const result = validateEvent(value, { strict: true });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      for (const issue of result.issues) {
        issues++;
        expect(issue.message.length, issue.message.slice(0, 300)).toBeLessThanOrEqual(MESSAGE_LIMIT);
        expect(issue.message).toMatch(/\(\d+ characters\)|must be valid Unicode|is not a field|JSON object/);
      }
    }
    expect(issues).toBeGreaterThanOrEqual(bad.length);
  });

  it("a huge bad text gives short messages too, json_syntax included", () => {
    const texts = [
      `{"type":"run_created","run_id":"${"x".repeat(500_000)}"`, // cut short
      `{"type":"run_created","workflow_name":"${"\u0001".repeat(500_000)}"}`, // raw control characters
      `{"type":"run_created","n":${"9".repeat(500_000)}.}`, // a malformed number
      `${"[".repeat(500_000)}`,
    ];
    for (const text of texts) {
      for (const issue of issuesThrownBy(() => parseEvent(text))) {
        expect(issue.code).toBe("json_syntax");
        expect(issue.message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      }
    }
  });

  it("quotes are cut to at most 80 characters between the quotes and say the full length", () => {
    const [issue] = issuesThrownBy(() => parseEvent({ ...RUN_FAILED, run_id: "\u0001".repeat(100) }));
    const quoted = /got (".*")… \(100 characters\)$/.exec(issue!.message);
    expect(quoted).not.toBeNull();
    expect(quoted![1]!.length).toBeLessThanOrEqual(82);
    expect(JSON.parse(quoted![1]!)).toBe("\u0001".repeat(13)); // 13 escapes of 6 characters
  });

  it("a cut never splits a surrogate pair, so messages stay well-formed Unicode", () => {
    const [issue] = issuesThrownBy(() => parseEvent({ ...RUN_FAILED, at: "a" + "😀".repeat(100) }));
    expect(issue!.message).not.toMatch(/\p{Cs}|\\ud83d/u);
  });
});
