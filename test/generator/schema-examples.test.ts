// Every `examples` value in schemas/ is real engine output: a whole event of an
// engine-events.ndjson (of any engine format: test/vectors/ and test/vectors/<format>/), or the
// value one of its fields had there, at any depth (an approval's requirement, a usage window).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { LosslessNumber, parse, stringify } from "lossless-json";
import { describe, expect, it } from "vitest";
import { vectorPath, VECTORS_DIR } from "../support/vectors.js";

const SCHEMAS = new URL("../../schemas/", import.meta.url).pathname;
const VECTORS = [
  vectorPath("engine-events.ndjson"),
  ...readdirSync(VECTORS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(VECTORS_DIR, entry.name, "engine-events.ndjson"))
    .filter((path) => existsSync(path)),
];

/** Exact text of a JSON value with object keys sorted, so equal values compare equal (big numbers kept). */
function canonical(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === "object" && !(v instanceof LosslessNumber))
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    return v;
  };
  return stringify(sort(value))!;
}

const seen = new Set<string>();
const see = (value: unknown) => {
  seen.add(canonical(value));
  if (Array.isArray(value)) value.forEach(see);
  else if (value && typeof value === "object" && !(value instanceof LosslessNumber)) Object.values(value).forEach(see);
};
for (const path of VECTORS)
  for (const line of readFileSync(path, "utf8").split("\n")) if (line !== "") see(parse(line));

function* examples(node: unknown, where: string): Generator<[string, unknown]> {
  if (Array.isArray(node)) for (const [i, item] of node.entries()) yield* examples(item, `${where}/${i}`);
  else if (node && typeof node === "object" && !(node instanceof LosslessNumber)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "examples" && Array.isArray(value)) for (const example of value) yield [where, example];
      else yield* examples(value, `${where}/${key}`);
    }
  }
}

const files = [
  ...readdirSync(SCHEMAS).filter((f) => f.endsWith(".json") && f !== "engine-versions.json"),
  ...readdirSync(join(SCHEMAS, "defs")).map((f) => `defs/${f}`),
];

describe("schema examples come from the engine's own output", () => {
  for (const file of files) {
    it(file, () => {
      const schema = parse(readFileSync(join(SCHEMAS, file), "utf8"));
      const foreign = [...examples(schema, "")].filter(([, example]) => !seen.has(canonical(example)));
      expect(foreign.map(([where, example]) => `${where}: ${canonical(example).slice(0, 100)}`)).toEqual([]);
    });
  }
});
