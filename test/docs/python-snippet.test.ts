// The Python snippet of docs/schemas.md ("Using the schemas from another language") runs as written against
// the bundled schema, and says what it does: run with Debian's python3-jsonschema, as CI installs it.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveFormat } from "../../src/engine/index.js";
import { PYTHON_JSONSCHEMA, skipWithout } from "../support/system.js";

const ROOT = resolve(import.meta.dirname, "../..");
const PYTHON = "/usr/bin/python3";

function readmeSnippet(): string {
  const readme = readFileSync(join(ROOT, "docs", "schemas.md"), "utf8");
  const section = readme.slice(readme.indexOf("\n## Using the schemas from another language\n"));
  const match = /```python\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error('no ```python block in docs/schemas.md\'s "Using the schemas from another language"');
  return match[1]!;
}

const RUN_FAILED = {
  type: "run_failed",
  run_id: "6f453241-8579-4d6e-8ab2-171da6321d19",
  workflow_name: "deploy",
  error: null,
  cost_usd: 0.42,
  duration_ms: 6467644,
  at: "1990-06-13T04:11:34.237063Z",
};

describe.skipIf(skipWithout(PYTHON_JSONSCHEMA))("the Python snippet of docs/schemas.md", () => {
  it("validates events with jsonschema over the bundle and names the field at fault", () => {
    const snippet = readmeSnippet();
    expect(snippet).toContain('"node_modules/ironflow-events/schema.json"');
    const cases = [
      RUN_FAILED,
      { ...RUN_FAILED, duration_ms: -1 },
      { ...RUN_FAILED, duration_ms: 18446744073709551615n }, // exactly u64::MAX: valid
      { ...RUN_FAILED, duration_ms: 18446744073709551616n }, // one more: Python sees the difference
      { ...RUN_FAILED, run_id: "6f453241-8579-4d6e-8ab2-171da6321d1" },
      { ...RUN_FAILED, at: "1990-02-29T04:11:34Z" },
      { ...RUN_FAILED, type: "run_paused" },
      [],
    ];
    const program = [
      `body = ${JSON.stringify(JSON.stringify(RUN_FAILED))}`,
      snippet.replace(
        '"node_modules/ironflow-events/schema.json"',
        JSON.stringify(join(ROOT, "generated", "schema.json")),
      ),
      "import sys",
      "print(json.dumps([problems(event) for event in json.loads(sys.stdin.read())]))",
    ].join("\n");
    const input = JSON.stringify(cases, (_key, value) => (typeof value === "bigint" ? `@${value}@` : value)).replace(
      /"@(\d+)@"/g,
      "$1",
    );
    const result = spawnSync(PYTHON, ["-c", program], { input, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const [valid, negative, max, overMax, badUuid, noLeapDay, unknown, notObject] = JSON.parse(result.stdout);
    expect(valid).toEqual([]);
    expect(negative).toEqual(["$.duration_ms: -1 is less than the minimum of 0"]); // as the snippet's comment says
    expect(max).toEqual([]);
    expect(overMax).toEqual([
      "$.duration_ms: 18446744073709551616 is greater than the maximum of 18446744073709551615",
    ]);
    expect(badUuid.length).toBeGreaterThan(0);
    expect(badUuid.every((problem: string) => problem.startsWith("$.run_id: "))).toBe(true);
    expect(noLeapDay).toHaveLength(1);
    expect(noLeapDay[0]).toMatch(/^\$\.at: /);
    expect(unknown).toEqual(["$.type: not an event type of this schema (an event of a newer engine?)"]);
    expect(notObject).toEqual(unknown);
  });
});

describe.skipIf(skipWithout(PYTHON_JSONSCHEMA))("the Python bundle_for of docs/schemas.md", () => {
  it("maps every version to the bundle of the format the package reads it with, and refuses the others", () => {
    const readme = readFileSync(join(ROOT, "docs", "schemas.md"), "utf8");
    const snippet = [...readme.matchAll(/```python\n([\s\S]*?)```/g)]
      .map((m) => m[1]!)
      .find((code) => code.includes("def bundle_for"))!;
    expect(snippet).toContain('"node_modules/ironflow-events/schemas/engine-versions.json"');
    const versions = [
      "2.14.1",
      "2.14",
      "v2.19.0",
      "2.20.0",
      "2.31.4",
      "2.31",
      "v2.31.4",
      "2.40.9",
      "2.52.2",
      "2.52",
      "2.13.9",
      "2.41.0",
      "2.45",
      "2.51.10",
      "2.53.0",
      "4.0.0",
      "4.1.2",
      "latest",
      "2.31.4-rc.1",
      " 2.31",
      "02.31",
      "2.31.04",
      "2",
    ];
    const program = [
      snippet.replace(
        '"node_modules/ironflow-events/schemas/engine-versions.json"',
        JSON.stringify(join(ROOT, "schemas", "engine-versions.json")),
      ),
      "import sys",
      "def safe(v):",
      "    try:",
      "        return bundle_for(v)",
      "    except ValueError as error:",
      "        return str(error)",
      "print(json.dumps([safe(v) for v in json.loads(sys.stdin.read())]))",
    ].join("\n");
    const result = spawnSync(PYTHON, ["-c", program], { input: JSON.stringify(versions), encoding: "utf8" });
    expect(result.stderr).toBe("");
    const got = JSON.parse(result.stdout) as string[];
    versions.forEach((version, i) => {
      let want: string;
      try {
        want = `node_modules/ironflow-events/schemas/bundles/engine-${resolveFormat(version).format}.json`;
      } catch {
        want = `engine ${JSON.stringify(version).replace(/^"|"$/g, "'")} is not modelled`;
      }
      expect(got[i], version).toBe(want);
    });
    expect(got[versions.indexOf("2.31.4")]).toBe("node_modules/ironflow-events/schemas/bundles/engine-2.20.json"); // as the snippet's comment says
  });
});
