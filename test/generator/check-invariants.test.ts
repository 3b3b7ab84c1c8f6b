// scripts/generate/check-invariants.ts and engine-versions.ts: the generator refuses schemas and
// version tables that would generate something wrong, with a message naming the file. Here the
// rules about engine versions: marks that name a format of the table, where they may stand,
// dotted wire names, nested objects, and the table itself.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkInvariants } from "../../scripts/generate/check-invariants.js";
import { loadEngineVersions, type EngineVersions } from "../../scripts/generate/engine-versions.js";
import { ID_BASE, loadSchemas, type LoadedSchemas, type SchemaObject } from "../../scripts/generate/load-schemas.js";

let versions: EngineVersions;
let loaded: LoadedSchemas;

beforeAll(async () => {
  versions = loadEngineVersions("schemas");
  loaded = await loadSchemas("schemas");
});

/** The real schemas with one variant's schema changed by `change`. */
function withVariant(type: string, change: (schema: SchemaObject) => void): LoadedSchemas {
  const copy = structuredClone(loaded);
  const file = copy.variants.find((f) => f.relative === `${type}.json`)!;
  change(file.schema);
  return copy;
}

const problems = (schemas: LoadedSchemas) => {
  try {
    checkInvariants(schemas, versions);
    return "";
  } catch (error) {
    return (error as Error).message;
  }
};

describe("checkInvariants: version marks", () => {
  it("accepts schemas/ as it is", () => {
    expect(problems(loaded)).toBe("");
  });

  it("refuses a mark that names no format of the table, naming the file and the formats", () => {
    const message = problems(withVariant("run_failed", (s) => ((s.properties as any).labels["x-since"] = "2.31")));
    expect(message).toContain(
      'schemas/run_failed.json: properties/labels/x-since: "2.31" names no format of engine-versions.json (2.14, 2.20, 2.52)',
    );
  });

  it("refuses x-since anywhere but on a variant or a property", () => {
    const message = problems(
      withVariant("run_failed", (s) => ((s.properties as any).run_id.anyOf = [{ type: "string", "x-since": "2.20" }])),
    );
    expect(message).toMatch(
      /schemas\/run_failed\.json: properties\/run_id\/anyOf\/0: x-since marks a variant or a property/,
    );
  });

  it("refuses an x-enum-since value that is not in the enum, and one without an enum", () => {
    const copy = structuredClone(loaded);
    const status = copy.defs.find((f) => f.relative === "defs/run-status.json")!.schema;
    (status["x-enum-since"] as any).stopped = "2.52";
    expect(problems(copy)).toContain(
      'schemas/defs/run-status.json: x-enum-since: "stopped" is not a value of the enum',
    );
    const other = withVariant(
      "run_created",
      (s) => ((s.properties as any).workflow_name["x-enum-since"] = { a: "2.52" }),
    );
    expect(problems(other)).toContain("properties/workflow_name: x-enum-since is an object beside an enum");
  });

  it("refuses x-default-since without a default", () => {
    const message = problems(
      withVariant("run_created", (s) => ((s.properties as any).workflow_name["x-default-since"] = "2.52")),
    );
    expect(message).toContain(
      "schemas/run_created.json: properties/workflow_name: x-default-since sits beside a default",
    );
  });

  it("refuses a mark on the type of a variant", () => {
    expect(problems(withVariant("run_created", (s) => ((s.properties as any).type["x-since"] = "2.20")))).toContain(
      '"type" is in every format of its variant: no x-since on it',
    );
  });
});

describe("checkInvariants: names and nested objects", () => {
  it("takes a wire type with one dot, refuses two dots or a capital", () => {
    const rename = (type: string) => {
      const copy = structuredClone(loaded);
      const file = copy.variants.find((f) => f.relative === "provider_account.updated.json")!;
      file.relative = `${type}.json`;
      file.schema.$id = `${ID_BASE}${type}.json`;
      (file.schema.properties as any).type.const = type;
      return problems(copy);
    };
    expect(rename("provider_account.renamed")).toBe("");
    expect(rename("provider.account.updated")).toContain(
      "a variant file is named by its wire type: snake_case, with at most one dot",
    );
    expect(rename("Provider_account.updated")).toContain("a variant file is named by its wire type");
  });

  it("asks a nested object's optional property for a default, and each of its properties for a title", () => {
    const copy = structuredClone(loaded);
    const requirement = copy.defs.find((f) => f.relative === "defs/approval-requirement.json")!.schema;
    delete (requirement.properties as any).reason.default;
    delete (requirement.properties as any).approver_groups.title;
    const message = problems(copy);
    expect(message).toContain(
      'schemas/defs/approval-requirement.json: optional property "properties/reason" needs a default',
    );
    expect(message).toContain(
      'schemas/defs/approval-requirement.json: property "properties/approver_groups" needs a title and a description',
    );
  });
});

describe("loadEngineVersions", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ironflow-versions-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const load = (table: unknown) => {
    writeFileSync(join(dir, "engine-versions.json"), JSON.stringify(table));
    try {
      return loadEngineVersions(dir);
    } catch (error) {
      return (error as Error).message;
    }
  };
  const format = (id: string, first = id, last = id) => ({
    format: id,
    first,
    last,
    confirmed: "made up for the test",
  });

  it("reads the table of schemas/: three formats, the newest 2.52 with ENGINE_VERSION 2.52.2", () => {
    expect(versions.formats.map((f) => f.format)).toEqual(["2.14", "2.20", "2.52"]);
    expect(versions.engineVersion).toBe("2.52.2");
  });

  it("refuses overlapping or unordered formats, an id other than the first version, and an engineVersion outside the newest", () => {
    expect(load({ engineVersion: "2.5.0", formats: [format("2.0", "2.0", "2.5"), format("2.5")] })).toContain(
      "formats[1]: the formats must ascend without overlapping",
    );
    expect(load({ engineVersion: "2.1.0", formats: [{ ...format("2.1"), format: "2.x" }] })).toContain(
      'formats[0]: a format is named by its first version, "2.1"',
    );
    expect(load({ engineVersion: "1.0.0", formats: [format("2.0")] })).toContain(
      "engineVersion must be a MAJOR.MINOR.PATCH version of the newest format",
    );
    expect(load({ engineVersion: "2.0.0", formats: [format("2.0", "2.0", "3.1")] })).toContain(
      "formats[0]: a range stays within one major version",
    );
    expect(load({ engineVersion: "2.01.0", formats: [format("2.01")] })).toContain(
      "first and last must be MAJOR.MINOR versions",
    );
  });
});
