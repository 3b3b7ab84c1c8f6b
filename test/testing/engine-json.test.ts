// toEngineJson writes events byte for byte as the engine does: checked against its own output.
import { describe, expect, it } from "vitest";
import { toEngineJson } from "../../src/testing/index.js";
import { engineEventLines } from "../support/vectors.js";

describe("toEngineJson", () => {
  it("reproduces every engine line that JSON.parse keeps exactly", () => {
    let compared = 0;
    for (const line of engineEventLines()) {
      const event = JSON.parse(line);
      // u64 values past 2^53 do not survive JSON.parse; those lines cannot round-trip in JavaScript.
      if (typeof event.duration_ms === "number" && !Number.isSafeInteger(event.duration_ms)) continue;
      expect(toEngineJson(event)).toBe(line);
      compared++;
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it("writes whole costs as floats, as serde_json writes an f64", () => {
    const base = {
      type: "run_failed",
      run_id: "0190f3a2-6c1e-7d3b-9a4f-2b8c1d0e5f67",
      workflow_name: "w",
      error: null,
      duration_ms: 1,
      at: "2026-11-25T22:24:21Z",
    } as const;
    const cost = (cost_usd: number) => /"cost_usd":([^,}]+)/.exec(toEngineJson({ ...base, cost_usd }))![1];
    expect(cost(0)).toBe("0.0");
    expect(cost(48)).toBe("48.0");
    expect(cost(0.42)).toBe("0.42");
    expect(cost(6206044597385391)).toBe("6206044597385391.0");
    expect(cost(5.937147593221218e16)).toBe("5.937147593221218e+16");
    expect(cost(1e16)).toBe("1e+16");
  });
});
