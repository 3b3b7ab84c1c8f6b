// serve's reading of ?types= and ?run_id=, as the engine reads them.
import { describe, expect, it } from "vitest";
import {
  normalizeUuid,
  passes,
  readStreamFilter,
  type StreamFilter,
} from "../../../../src/cli/commands/serve/stream-filter.js";

const ID = "0190f3a2-6c1e-7d3b-9a4f-2b8c1d0e5f67";
const filter = (query: string) => readStreamFilter(new URLSearchParams(query)) as StreamFilter;

describe("the stream's query", () => {
  it("types: a comma-separated list, matched exactly; unknown names and an empty list match nothing", () => {
    const f = filter("types=run_failed,step_failed");
    expect(passes(f, "run_failed", ID)).toBe(true);
    expect(passes(f, "step_failed", undefined)).toBe(true);
    expect(passes(f, "run_created", ID)).toBe(false);
    expect(passes(filter("types=RUN_FAILED"), "run_failed", ID)).toBe(false);
    expect(passes(filter("types=nope"), "run_failed", ID)).toBe(false);
    expect(passes(filter("types="), "run_failed", ID)).toBe(false);
    expect(passes(filter(""), "run_failed", ID)).toBe(true);
    expect(passes(filter("other=1"), "log_line", ID)).toBe(true);
  });

  it("run_id: the events of that run only; user events have no run", () => {
    const f = filter(`run_id=${ID}`);
    expect(passes(f, "log_line", ID)).toBe(true);
    expect(passes(f, "log_line", ID.toUpperCase())).toBe(true);
    expect(passes(f, "log_line", "0190f3a2-6c1e-7d3b-9a4f-2b8c1d0e5f68")).toBe(false);
    expect(passes(f, "user_signed_in", undefined)).toBe(false);
    expect(passes(filter(`run_id=${ID}&types=log_line`), "run_failed", ID)).toBe(false);
  });

  it("run_id: every spelling the engine's uuid crate reads, and nothing else", () => {
    for (const spelling of [ID, ID.toUpperCase(), ID.replace(/-/g, ""), `{${ID}}`, `urn:uuid:${ID}`])
      expect(normalizeUuid(spelling), spelling).toBe(ID);
    for (const bad of ["", "x", ID.slice(1), `${ID}0`, `{${ID}`, ID.replace("-", "_"), `${ID.slice(0, 35)}g`])
      expect(normalizeUuid(bad), bad).toBeUndefined();
    expect(readStreamFilter(new URLSearchParams("run_id=123"))).toEqual({
      error: 'Failed to deserialize query string: run_id: invalid UUID "123"',
    });
  });
});
