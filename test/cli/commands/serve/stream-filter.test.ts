// serve's reading of ?types= and ?run_id=, as the engine reads them (axum's Query over
// serde_html_form, the uuid crate), with the text of axum's 400 answer.
import { describe, expect, it } from "vitest";
import { EVENT_TYPES } from "../../../../generated/constants.js";
import { passes, readStreamFilter, type StreamFilter } from "../../../../src/cli/commands/serve/stream-filter.js";
import { parseUuidText } from "../../../../src/cli/commands/serve/uuid-text.js";

const ID = "0190f3a2-6c1e-7d3b-9a4f-2b8c1d0e5f67";
const filter = (query: string) => readStreamFilter(query, EVENT_TYPES) as StreamFilter;
const refusal = (query: string) => (readStreamFilter(query, EVENT_TYPES) as { error: string }).error;
const EXPECTED = `one of ${EVENT_TYPES.map((type) => `\`${type}\``).join(", ")}`;

describe("the stream's query", () => {
  it("types: a comma-separated list, matched exactly; an empty list lets nothing through", () => {
    const f = filter("types=run_failed,step_failed");
    expect(passes(f, "run_failed", ID)).toBe(true);
    expect(passes(f, "step_failed", undefined)).toBe(true);
    expect(passes(f, "run_created", ID)).toBe(false);
    expect(passes(filter("types="), "run_failed", ID)).toBe(false);
    expect(passes(filter("types=,,"), "run_failed", ID)).toBe(false);
    expect(passes(filter(""), "run_failed", ID)).toBe(true);
    expect(passes(filter("other=1"), "log_line", ID)).toBe(true);
  });

  it("types: each name trimmed as Rust trims (U+0085 too, not U+FEFF), empty names dropped, + and %20 as spaces", () => {
    const f = filter("types=%20run_failed%09,,+step_failed+,%C2%85log_line");
    expect([...f.types!]).toEqual(["run_failed", "step_failed", "log_line"]);
    expect(refusal("types=%EF%BB%BFrun_failed")).toContain("unknown variant `\ufeffrun_failed`");
  });

  it("types: a name the engine does not know is the engine's 400, in serde's words", () => {
    expect(refusal("types=run_failed,nope")).toBe(
      `Failed to deserialize query string: types: unknown variant \`nope\`, expected ${EXPECTED}`,
    );
    expect(refusal("types=RUN_FAILED")).toContain("unknown variant `RUN_FAILED`");
    expect(readStreamFilter("types=a", ["x"])).toEqual({
      error: "Failed to deserialize query string: types: unknown variant `a`, expected `x`",
    });
    expect(readStreamFilter("types=a", ["x", "y"])).toEqual({
      error: "Failed to deserialize query string: types: unknown variant `a`, expected `x` or `y`",
    });
  });

  it("a parameter given twice is refused, the first bad field in query order told", () => {
    expect(refusal("types=run_failed&types=log_line")).toBe(
      "Failed to deserialize query string: types: unsupported value",
    );
    expect(refusal(`run_id=x&types=nope`)).toMatch(/^Failed to deserialize query string: run_id: UUID parsing failed/);
    expect(refusal(`types=nope&run_id=x`)).toMatch(/^Failed to deserialize query string: types: unknown variant/);
    expect(refusal(`run_id=${ID}&run_id=${ID}`)).toBe("Failed to deserialize query string: run_id: unsupported value");
  });

  it("run_id: the events of that run only; events without a run never pass", () => {
    const f = filter(`run_id=${ID}`);
    expect(passes(f, "log_line", ID)).toBe(true);
    expect(passes(f, "log_line", ID.toUpperCase())).toBe(true);
    expect(passes(f, "log_line", "0190f3a2-6c1e-7d3b-9a4f-2b8c1d0e5f68")).toBe(false);
    expect(passes(f, "user_signed_in", undefined)).toBe(false);
    expect(passes(filter(`run_id=${ID}&types=log_line`), "run_failed", ID)).toBe(false);
  });

  it("run_id: every spelling the engine's uuid crate reads, and nothing else", () => {
    const simple = ID.replace(/-/g, "");
    for (const spelling of [ID, ID.toUpperCase(), simple, simple.toUpperCase(), `{${ID}}`, `urn:uuid:${ID}`])
      expect(parseUuidText(spelling), spelling).toEqual({ uuid: ID });
    for (const bad of ["", "x", ID.slice(1), `${ID}0`, `{${ID}`, `URN:UUID:${ID}`, `{${simple}}`, `urn:uuid:${simple}`])
      expect("error" in parseUuidText(bad), bad).toBe(true);
  });

  it("run_id: the uuid crate's own reasons (InvalidUuid::into_err), after axum's prefix", () => {
    const cases: [string, string][] = [
      ["", "invalid length: expected length 32 for simple format, found 0"],
      ["123", "invalid length: expected length 32 for simple format, found 3"],
      ["x", "invalid character: found `x` at 1"],
      [`{${ID.slice(0, 35)}x}`, "invalid character: found `x` at 37"],
      [`urn:uuid:${ID.slice(0, 4)}é`, "invalid character: found `é` at 14"],
      [`${ID.slice(0, 4)}🦀`, "invalid character: found `🦀` at 5"],
      [`${ID}-1`, "invalid group count: expected 5, found 6"],
      ["{abc}", "invalid group count: expected 5, found 1"],
      ["0190f3a2-6c1e-7d3b-9a4f2b8c1d0e5f67", "invalid group count: expected 5, found 4"],
      ["0190f3a-26c1e-7d3b-9a4f-2b8c1d0e5f67", "invalid group length in group 0: expected 8, found 7"],
      ["0190f3a2-6c1e-7d3b-9a4-f2b8c1d0e5f67", "invalid group length in group 3: expected 4, found 3"],
      [`${ID}0`, "invalid group length in group 4: expected 12, found 13"],
      [`{${ID}0}`, "invalid group length in group 4: expected 12, found 15"],
    ];
    for (const [text, reason] of cases) {
      expect(parseUuidText(text), text).toEqual({ error: reason });
      expect(refusal(`run_id=${encodeURIComponent(text)}`), text).toBe(
        `Failed to deserialize query string: run_id: UUID parsing failed: ${reason}`,
      );
    }
  });
});
