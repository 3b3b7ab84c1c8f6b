// No regular expression the package carries can backtrack catastrophically: every
// `pattern` in the schemas (which validators in other languages run on untrusted input),
// every regex in the generated code (there is none: formats are character checks), and
// every regex literal and `new RegExp(...)` in src/, found by parsing the TypeScript, and every
// pattern src/ builds from data (the look at an integer where the engine writes it, one per
// variant that has one), is checked with recheck and must be "safe".
import childProcess from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { check } from "recheck";
import ts from "typescript";
import { afterAll, describe, expect, it, vi } from "vitest";
import { FORMATS } from "../../src/engine/index.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));

/** recheck's pure-JavaScript backend: no Java, no native binary, no network; the same analysis. */
process.env.RECHECK_BACKEND = "pure";

interface FoundRegex {
  where: string;
  source: string;
  flags: string;
}

function filesUnder(dir: string, accept: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && accept(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Every `pattern` keyword in a schema document (a property named "pattern" would hold an object, not a string). */
function schemaPatterns(file: string): FoundRegex[] {
  const found: FoundRegex[] = [];
  const walk = (node: unknown, pointer: string) => {
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${pointer}/${i}`));
    else if (node !== null && typeof node === "object")
      for (const [key, value] of Object.entries(node)) {
        // Ajv (and ECMAScript-regex validators generally) compile a schema pattern with the `u` flag.
        if (key === "pattern" && typeof value === "string")
          found.push({ where: `${relative(repo, file)}#${pointer}/pattern`, source: value, flags: "u" });
        else walk(value, `${pointer}/${key}`);
      }
  };
  walk(JSON.parse(readFileSync(file, "utf8")), "");
  return found;
}

/**
 * Regex literals, and `new RegExp(...)` / `RegExp(...)` calls, in a TypeScript or JavaScript
 * file, found by the compiler's own parser so that none hides in a string or a comment. A
 * RegExp built from anything but string literals cannot be checked, and is reported as such.
 */
function codeRegexes(file: string, text = readFileSync(file, "utf8")): FoundRegex[] {
  const kind = file.endsWith(".js") ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found: FoundRegex[] = [];
  const where = (node: ts.Node) => {
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    return `${relative(repo, file)}:${line + 1}:${character + 1}`;
  };
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = (node as ts.RegularExpressionLiteral).text;
      const end = literal.lastIndexOf("/");
      found.push({ where: where(node), source: literal.slice(1, end), flags: literal.slice(end + 1) });
    } else if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === "RegExp"
    ) {
      const [pattern, flags] = node.arguments ?? [];
      const literal = (arg: ts.Expression | undefined) =>
        arg !== undefined && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))
          ? arg.text
          : undefined;
      found.push({
        where: where(node),
        source: literal(pattern) ?? "<not a string literal: cannot be checked>",
        flags: flags === undefined ? "" : (literal(flags) ?? "<not a string literal>"),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const schemaFiles = [
  ...filesUnder(join(repo, "schemas"), (name) => name.endsWith(".json")),
  join(repo, "generated/schema.json"),
];
const generatedCode = filesUnder(join(repo, "generated"), (name) => /\.(js|ts)$/.test(name));
const srcFiles = filesUnder(join(repo, "src"), (name) => name.endsWith(".ts"));

const fromSchemas = schemaFiles.flatMap(schemaPatterns);
const fromGenerated = generatedCode.flatMap((file) => codeRegexes(file));
const fromSrc = srcFiles.flatMap((file) => codeRegexes(file));

/** The one RegExp of src/ built from data, and where the patterns it builds are listed. */
const BUILT_FROM_DATA = "src/rules/integer-at-end.ts";
/** Every pattern it builds: one per variant, of every format, whose only integer is looked at where the engine writes it. */
const fromData: FoundRegex[] = FORMATS.flatMap((format) =>
  Object.entries(format.integerKeys).flatMap(([type, keys]) =>
    (keys ?? []).flatMap(({ atEnd }) =>
      atEnd === undefined
        ? []
        : [
            {
              where: `integerAtEnd of ${format.format} ${type}`,
              source: atEnd.pattern.source,
              flags: atEnd.pattern.flags,
            },
          ],
    ),
  ),
);

describe("regular expressions", () => {
  it("are found where they are: the schemas' uuid and timestamp patterns, and src's literals", () => {
    expect(fromSchemas.map((found) => found.where)).toEqual(
      expect.arrayContaining(["schemas/defs/uuid.json#/pattern", "schemas/defs/timestamp.json#/pattern"]),
    );
    expect(fromSchemas.some((found) => found.where.startsWith("generated/schema.json#/$defs/timestamp"))).toBe(true);
    expect(fromSrc.length).toBeGreaterThan(0);
  });

  it("are found by parsing, not by searching text: comments and strings hold none, division is no regex", () => {
    const probe = [
      "// a comment with /(a+)+/ in it",
      'const s = "/(b+)+/ and new RegExp(\\"c\\")";',
      "const half = 10 / 2 / 5;",
      "const real = /^x+$/giu;",
      'const built = new RegExp("^y*$", "m");',
      "const called = RegExp(String(half));",
    ].join("\n");
    expect(codeRegexes(join(repo, "probe.ts"), probe)).toEqual([
      { where: "probe.ts:4:14", source: "^x+$", flags: "giu" },
      { where: "probe.ts:5:15", source: "^y*$", flags: "m" },
      { where: "probe.ts:6:16", source: "<not a string literal: cannot be checked>", flags: "" },
    ]);
  });

  it("none is in the generated code: formats are compiled in as character checks", () => {
    expect(generatedCode.map((file) => relative(repo, file))).toContain("generated/validators.js");
    expect(fromGenerated).toEqual([]);
  });

  it("every RegExp in src/ is built from literals, so it can be checked, but the one whose every pattern is listed", () => {
    for (const found of fromSrc)
      if (!found.where.startsWith(`${BUILT_FROM_DATA}:`))
        expect(found.source, found.where).not.toMatch(/^<not a string literal/);
    expect(fromSrc.filter((found) => found.where.startsWith(`${BUILT_FROM_DATA}:`))).toHaveLength(1);
    // duration_ms of run_status_changed, run_failed and step_completed in three formats, count in 2.52.
    expect(fromData.length).toBeGreaterThanOrEqual(10);
  });
});

describe("recheck: no catastrophic backtracking", () => {
  // The pure backend runs in this process; make sure nothing is started behind our back.
  const spawn = vi.spyOn(childProcess, "spawn");
  afterAll(() => {
    expect(spawn).not.toHaveBeenCalled();
    spawn.mockRestore();
  });

  const all = [
    ...fromSchemas,
    ...fromGenerated,
    ...fromSrc.filter((found) => !found.where.startsWith(BUILT_FROM_DATA)),
    ...fromData,
  ];
  // The same pattern in several places (a def and the bundle) is checked once, named by all of them.
  const byPattern = new Map<string, FoundRegex>();
  for (const found of all) {
    const key = `${found.flags}/${found.source}`;
    const seen = byPattern.get(key);
    byPattern.set(key, seen ? { ...seen, where: `${seen.where}, ${found.where}` } : found);
  }
  const unique = [...byPattern.values()];

  it("recheck tells a vulnerable pattern from a safe one (so that 'safe' below means something)", async () => {
    expect((await check("^(a+)+$", "")).status).toBe("vulnerable");
    expect((await check("^(?:a|a)*$", "u")).status).toBe("vulnerable");
    expect((await check("^[0-9]+$", "")).status).toBe("safe");
  });

  it.each(unique.map((found) => [found.where, found]))("%s is safe", async (_, found) => {
    const { source, flags } = found as FoundRegex;
    const diagnostics = await check(source, flags, { timeout: 60_000 });
    expect({
      status: diagnostics.status,
      source,
      ...(diagnostics.status === "vulnerable" ? { attack: diagnostics.attack.pattern } : {}),
    }).toEqual({ status: "safe", source });
  });
});
