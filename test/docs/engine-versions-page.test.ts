// docs/engine-versions.md says what the package does: its table of formats is ENGINE_FORMATS
// (ranges, variant counts, the types and statuses each format adds, the bundles that ship), its
// refusal message is the one thrown, and its example reads as it says. The example also
// compiles with the others (examples.test.ts).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { bundleSize, importSize } from "../../bench/size.js";
import { ENGINE_FORMATS, ENGINE_VERSION, parseEvent } from "../../src/index.js";
import { eventSchemaFor } from "../../src/standard/index.js";
import { REPO } from "../support/doc-blocks.js";
import { formatEventLines } from "../support/vectors.js";
import { thrownBy } from "../support/thrown.js";

const PAGE = readFileSync(join(REPO, "docs", "engine-versions.md"), "utf8");

/** The rows of the table under "## The formats", as cells. */
function formatRows(): string[][] {
  const section = PAGE.slice(PAGE.indexOf("## The formats"), PAGE.indexOf("## How to choose"));
  return section
    .split("\n")
    .filter((line) => line.startsWith("|") && !/^\|\s*(engine versions|-)/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim()),
    );
}

describe("docs/engine-versions.md", () => {
  it("has one row per modelled format, in order, with its range, id, variant count and bundle", () => {
    const rows = formatRows();
    expect(rows.map(([range, format, variants, , bundle]) => [range, format, variants, bundle])).toEqual(
      ENGINE_FORMATS.map(({ format, range, eventTypes }) => [
        range,
        `\`${format}\``,
        String(eventTypes.length),
        `\`schemas/bundles/engine-${format}.json\``,
      ]),
    );
    for (const { format } of ENGINE_FORMATS)
      expect(existsSync(join(REPO, "generated", "formats", format, "schema.json")), format).toBe(true);
  });

  it("names, in each row, every event type and run status the format adds", () => {
    const rows = formatRows();
    ENGINE_FORMATS.forEach(({ eventTypes, runStatuses }, i) => {
      const before = ENGINE_FORMATS[i - 1];
      const changed = rows[i]![3]!;
      for (const type of eventTypes.filter((t) => !before?.eventTypes.includes(t)))
        expect(changed, type).toContain(`\`${type}\``);
      const statuses = runStatuses.filter((s) => !before?.runStatuses.includes(s));
      if (before === undefined) expect(changed).toContain(`RunStatus has ${runStatuses.length} values`);
      else for (const status of statuses) expect(changed, status).toContain(`\`${status}\``);
    });
    expect(rows.at(-1)![3]).toContain(`\`ENGINE_VERSION\` is \`${ENGINE_VERSION}\``);
  });

  it("quotes the refusal as it is thrown", () => {
    const quoted = /```text\n(.*)\n```/.exec(PAGE)![1]!;
    expect(thrownBy(() => parseEvent("{}", { engine: "2.45.0" as string }))).toEqual(new TypeError(quoted));
    for (const version of ["2.41.0", "2.51.9", "4.0.0", "4.1.2", "2.13.9", "latest", "2.31.4-rc.1", " 2.31"])
      expect(
        thrownBy(() => parseEvent("{}", { engine: version as string })),
        version,
      ).toBeInstanceOf(TypeError);
  });

  it("its example reads as it says: labels filled in at 2.31.4, none at 2.14.1", () => {
    const line = formatEventLines("2.20").find((l) => l.includes('"type":"run_failed"'))!;
    const text = line.replace(/,"labels":\{[^}]*\}/, "");
    const event = parseEvent(text, { engine: "2.31.4" });
    expect(event.type === "run_failed" && event.labels).toEqual({});
    expect(parseEvent(text, { engine: "2.14.1" })).not.toHaveProperty("labels");
    const result = eventSchemaFor("2.31")["~standard"].validate(JSON.parse(text));
    expect(result).toEqual({ value: event });
  });

  it("says that every format is read by the newest, as it advises for versions read together", () => {
    for (const { format } of ENGINE_FORMATS)
      for (const line of formatEventLines(format as "2.14" | "2.20" | "2.52").slice(0, 300))
        expect(() => parseEvent(line), line).not.toThrow();
  });
});

describe("docs/engine-versions.md, one version only", () => {
  const section = PAGE.slice(PAGE.indexOf("## One version only"), PAGE.indexOf("## What is refused"));
  const built = (path: string) => {
    const file = join(REPO, "dist", path);
    if (!existsSync(file)) throw new Error(`dist/${path} is missing: run \`npm run build\` before this test`);
    return file;
  };

  it("its example reads as it says: 2.14's events, without labels, from the 2.14 entry", async () => {
    const seed = (await import(pathToFileURL(built("engines/2.14.js")).href)) as typeof import("../../src/index.js");
    const line = formatEventLines("2.20").find((l) => l.includes('"type":"run_failed"'))!;
    const event = seed.parseEvent(line.replace(/,"labels":\{[^}]*\}/, ""));
    expect(event.type).toBe(seed.Event.RUN_FAILED);
    expect(event).not.toHaveProperty("labels");
    expect(event).toEqual(parseEvent(line.replace(/,"labels":\{[^}]*\}/, ""), { engine: "2.14.1" }));
  });

  it("quotes the sizes as measured", async () => {
    const quoted =
      /is ([\d.]+) KiB min\+gzip against ([\d.]+) KiB\s+from the main entry, and everything ([\d.]+) KiB against ([\d.]+) KiB/.exec(
        section,
      );
    expect(quoted).not.toBeNull();
    const [seedParse, mainParse, seedAll, mainAll] = quoted!.slice(1).map(Number);
    const kib = (bytes: number) => bytes / 1024;
    const seed = built("engines/2.14.js");
    const main = built("index.js");
    expect(Math.abs(kib((await importSize(seed, ["parseEvent"])).gzipBytes) - seedParse!)).toBeLessThanOrEqual(0.2);
    expect(Math.abs(kib((await importSize(main, ["parseEvent"])).gzipBytes) - mainParse!)).toBeLessThanOrEqual(0.2);
    expect(Math.abs(kib((await bundleSize(seed)).gzipBytes) - seedAll!)).toBeLessThanOrEqual(0.2);
    expect(Math.abs(kib((await bundleSize(main)).gzipBytes) - mainAll!)).toBeLessThanOrEqual(0.2);
  });
});

describe("docs/schemas.md's table of bundles", () => {
  it("maps each modelled range to its bundle and that bundle's $id", () => {
    const page = readFileSync(join(REPO, "docs", "schemas.md"), "utf8");
    const section = page.slice(page.indexOf("## One bundle per engine version"), page.indexOf("## The AsyncAPI"));
    const rows = section
      .split("\n")
      .filter((line) => line.startsWith("|") && !/^\|\s*(engine versions|-)/.test(line))
      .map((line) =>
        line
          .slice(1, -1)
          .split("|")
          .map((cell) => cell.trim()),
      );
    expect(rows.map(([range]) => range)).toEqual(ENGINE_FORMATS.map(({ range }) => range));
    rows.forEach(([, bundle, id], i) => {
      const { format } = ENGINE_FORMATS[i]!;
      expect(bundle).toMatch(new RegExp(`^\`schemas/bundles/engine-${format.replace(".", "\\.")}\\.json\``));
      const schema = JSON.parse(readFileSync(join(REPO, "generated", "formats", format, "schema.json"), "utf8"));
      expect(id).toBe(`\`${schema.$id}\``);
    });
  });
});
