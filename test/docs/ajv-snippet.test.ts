// docs/json-schema.md's Ajv snippet runs as written against the bundled schema (only its import
// of ironflow-events/schema.json is pointed at generated/schema.json), prints what its comments
// say, accepts every event the engine wrote, and needs each of its lines: Ajv's defaults refuse
// the bundle.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { engineEventLines } from "../support/vectors.js";

const ROOT = resolve(import.meta.dirname, "../..");
const BUNDLE = join(ROOT, "generated", "schema.json");
const SPECIFIER = '"ironflow-events/schema.json"';

function docSnippet(): string {
  const page = readFileSync(join(ROOT, "docs", "json-schema.md"), "utf8");
  const blocks = [...page.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1]!);
  expect(blocks, "docs/json-schema.md has one ```js block").toHaveLength(1);
  return blocks[0]!;
}

const RUN_FAILED = JSON.parse(engineEventLines().find((line) => line.includes('"type":"run_failed"'))!);

describe("docs/json-schema.md: using the schemas with Ajv", () => {
  it("runs as written, prints what its comments say, and checks what the schema states", () => {
    const snippet = docSnippet();
    expect(snippet).toContain(SPECIFIER);
    // JSON text, as events arrive: -0 reaches the snippet as -0 (JSON.stringify would write 0).
    const negativeZero = JSON.stringify({ ...RUN_FAILED, duration_ms: "@" }).replace('"@"', "-0");
    const cases = [
      ...engineEventLines(),
      negativeZero,
      JSON.stringify({ ...RUN_FAILED, duration_ms: 1.5 }),
      JSON.stringify({ ...RUN_FAILED, run_id: "6f453241-8579-4d6e-8ab2-171da6321d1" }),
      JSON.stringify({ ...RUN_FAILED, at: "1990-02-29T04:11:34Z" }),
      JSON.stringify({ type: "log_line" }),
    ];
    const program = [
      snippet.replace(SPECIFIER, JSON.stringify(pathToFileURL(BUNDLE).href)),
      `console.log(JSON.stringify(JSON.parse(${JSON.stringify(`[${cases.join(",")}]`)}).map(problems)));`,
    ].join("\n");
    // Under node_modules/ so that the snippet's bare imports of ajv and ajv-formats resolve.
    const cache = join(ROOT, "node_modules", ".cache");
    mkdirSync(cache, { recursive: true });
    const dir = mkdtempSync(join(cache, "ajv-snippet-"));
    try {
      writeFileSync(join(dir, "snippet.mjs"), program);
      const result = spawnSync(process.execPath, [join(dir, "snippet.mjs")], { encoding: "utf8" });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      const lines = result.stdout.trimEnd().split("\n");

      // Each console.log of the snippet prints what its comment says.
      const promised = [...snippet.matchAll(/^console\.log\(.*\); \/\/ (.*)$/gm)].map((match) => match[1]);
      expect(promised).toHaveLength(3);
      expect(lines.slice(0, promised.length)).toEqual(promised);

      const verdicts = JSON.parse(lines[promised.length]!) as string[][];
      const engine = verdicts.slice(0, engineEventLines().length);
      expect(engine.filter((problems) => problems.length > 0)).toEqual([]); // all 1,200 engine events pass
      const [negativeZero, fraction, shortUuid, noLeapDay, incomplete] = verdicts.slice(engine.length);
      expect(negativeZero).toEqual(['/duration_ms: must match format "uint64"']);
      expect(fraction).toEqual(["/duration_ms: must be integer", '/duration_ms: must match format "uint64"']);
      expect(shortUuid).toContain('/run_id: must match format "uuid"');
      expect(noLeapDay).toContain('/at: must match format "date-time"');
      expect(incomplete).toContain(": must have required property 'line'");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("needs each of its settings: Ajv's defaults refuse the bundle, as the page says", () => {
    const bundle = JSON.parse(readFileSync(BUNDLE, "utf8"));
    const attempt = (options: object, declare: (ajv: Ajv2020) => void) => {
      const ajv = new Ajv2020(options);
      addFormats.default(ajv);
      declare(ajv);
      try {
        ajv.compile(bundle);
        return "compiled";
      } catch (error) {
        return (error as Error).message;
      }
    };
    const keywords = (ajv: Ajv2020) => {
      ajv.addKeyword("x-order");
      ajv.addKeyword("x-engine-json");
    };
    const uint64 = (ajv: Ajv2020) => {
      ajv.addFormat("uint64", { type: "number", validate: Number.isInteger });
      ajv.addFormat("uint32", { type: "number", validate: Number.isInteger });
      ajv.addFormat("assignee", /^(?:user|group):[\s\S]/);
    };
    expect(attempt({}, (ajv) => (keywords(ajv), uint64(ajv)))).toBe('strict mode: unknown keyword: "discriminator"');
    expect(attempt({ discriminator: true }, uint64)).toBe('strict mode: unknown keyword: "x-order"');
    expect(attempt({ discriminator: true }, keywords)).toBe(
      'unknown format "uint64" ignored in schema at path "#/$defs/duration-ms"',
    );
    expect(attempt({ discriminator: true }, (ajv) => (keywords(ajv), uint64(ajv)))).toBe("compiled");
  });
});
