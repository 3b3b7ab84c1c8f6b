// Zero runtime dependencies: package.json declares none (but fast-check, an optional peer for
// the testing kit's arbitraries alone), and the built dist/ imports nothing but Node built-ins
// (the CLI) or nothing at all (the library and the testing kit, which must run in browsers and
// edge runtimes too), and bundles no code from node_modules. The other half,
// `npm audit --omit=dev`, runs in .ci/run, where the registry is at hand.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const dist = join(repo, "dist");
const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as Record<string, unknown>;

/** Every module specifier a file imports, re-exports, requires or imports dynamically, found by parsing it. */
function specifiers(file: string, text = readFileSync(file, "utf8")): string[] {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith(".ts") ? ts.ScriptKind.TS : ts.ScriptKind.JS,
  );
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    )
      found.push(node.moduleSpecifier.text);
    else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    )
      found.push(node.argument.literal.text);
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isRequire = ts.isIdentifier(callee) && callee.text === "require";
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      if (isRequire || isImport) {
        const [arg] = node.arguments;
        found.push(arg !== undefined && ts.isStringLiteral(arg) ? arg.text : "<computed>");
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const isRelative = (specifier: string) => specifier.startsWith("./") || specifier.startsWith("../");

let files: string[] = [];
beforeAll(() => {
  // CI builds before it tests (.ci/run); on a fresh checkout, build here.
  if (!existsSync(join(dist, "index.js"))) {
    const build = spawnSync("npx", ["tsup"], { cwd: repo, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`tsup failed:\n${build.stdout}\n${build.stderr}`);
  }
  files = readdirSync(dist, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.(c?js|d\.c?ts)$/.test(name))
    .map((name) => join(dist, name));
}, 120_000);

describe("runtime dependencies", () => {
  it("package.json declares none, but fast-check as an optional peer (for ironflow-events/testing/arbitraries)", () => {
    expect(pkg.peerDependencies).toEqual({ "fast-check": expect.any(String) });
    expect(pkg.peerDependenciesMeta).toEqual({ "fast-check": { optional: true } });
    for (const field of ["dependencies", "optionalDependencies", "bundleDependencies", "bundledDependencies"]) {
      const value = pkg[field];
      expect(
        value === undefined || (typeof value === "object" && value !== null && Object.keys(value).length === 0),
        field,
      ).toBe(true);
    }
  });

  it("the specifier finder sees imports, re-exports, require, dynamic import and type imports", () => {
    const probe = [
      'import a from "pkg-a";',
      'export * from "pkg-b";',
      'const c = require("pkg-c");',
      'const d = await import("pkg-d");',
      'type E = import("pkg-e").E;',
      'import f from "./local.js";',
      "// import g from 'in-a-comment';",
    ].join("\n");
    expect(specifiers("probe.ts", probe)).toEqual(["pkg-a", "pkg-b", "pkg-c", "pkg-d", "pkg-e", "./local.js"]);
  });

  it("dist/ holds the library (ESM, CommonJS, declarations) and the CLI", () => {
    const names = files.map((file) => relative(dist, file));
    expect(names).toEqual(expect.arrayContaining(["index.js", "index.cjs", "index.d.ts", "index.d.cts", "cli.js"]));
    for (const entry of ["testing/index", "testing/arbitraries"])
      for (const ext of [".js", ".cjs", ".d.ts", ".d.cts"]) expect(names).toContain(`${entry}${ext}`);
  });

  it("the CLI imports nothing but Node built-ins", () => {
    const outside = specifiers(join(dist, "cli.js")).filter(
      (specifier) => !isRelative(specifier) && !isBuiltin(specifier),
    );
    expect(outside).toEqual([]);
  });

  it("the library, each engine format's entry and the testing kit import nothing at all: no package, and no Node built-in (they run in browsers too)", () => {
    const engines = readdirSync(join(dist, "engines"))
      .filter((name) => name.endsWith(".js"))
      .map((name) => `engines/${name.slice(0, -".js".length)}`);
    expect(engines).toContain("engines/2.14");
    for (const name of ["index", "testing/index", ...engines].flatMap((entry) =>
      [".js", ".cjs", ".d.ts", ".d.cts"].map((ext) => `${entry}${ext}`),
    )) {
      const outside = specifiers(join(dist, name)).filter((specifier) => !isRelative(specifier));
      expect(outside, name).toEqual([]);
    }
  });

  it("no file in dist/ imports a package (but the arbitraries, fast-check), and none bundles code from node_modules", () => {
    for (const file of files) {
      const packages = specifiers(file).filter((specifier) => !isRelative(specifier) && !isBuiltin(specifier));
      const allowed = relative(dist, file).startsWith("testing/arbitraries.") ? ["fast-check"] : [];
      expect(packages, file).toEqual(allowed);
      // esbuild marks where each bundled module starts with a `// path` comment.
      const modules = [...readFileSync(file, "utf8").matchAll(/^\/\/ (\S+\.(?:[cm]?[jt]sx?|json))$/gm)].map(
        (m) => m[1],
      );
      for (const module of modules) expect(module, file).toMatch(/^(src|generated)\//);
    }
  });
});
