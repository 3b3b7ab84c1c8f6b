// Every TypeScript example of the documentation compiles against the package as it is: the names
// it imports exist, the calls take the arguments it gives, and the types it relies on narrow as
// it says. A name an example uses without defining it (the `body` a receiver got, a `render`
// function of the reader's own) is declared `any` for it, and listed, so only the package is checked.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { allDocBlocks, REPO, type DocBlock } from "../support/doc-blocks.js";
import { turn } from "../support/event-loop.js";

const TS_LANGS = ["ts", "typescript", "tsx"];
/** Inside the repository, so that examples importing devDependencies (frameworks) resolve them. */
const WORK = join(REPO, `.tmp-doc-examples-${process.pid}`);
/** TypeScript's "Cannot find name" diagnostics: names the example leaves to the reader. */
const CANNOT_FIND_NAME = new Set([2304, 2552, 2582]);

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.asynciterable.d.ts"],
  types: ["node"],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  allowJs: false,
  resolveJsonModule: true,
  jsx: ts.JsxEmit.ReactJSX,
  baseUrl: REPO,
  // The package's own entry points, from the sources, as a consumer's import names them.
  paths: {
    "ironflow-events": ["src/index.ts"],
    "ironflow-events/schema.json": ["generated/schema.json"],
    // An engine format's own entry: its generated module (typed for the format; tsup builds it).
    "ironflow-events/engines/*": ["generated/engines/*/index.ts", "generated/engines/*.ts"],
    // A subpath's module: its folder's index.ts, or a file (testing/arbitraries).
    "ironflow-events/*": ["src/*/index.ts", "src/*.ts"],
  },
};

function fileName(block: DocBlock): string {
  return join(WORK, `${block.file.replace(/[^\w]+/g, "-")}-line-${block.line}.${block.lang === "tsx" ? "tsx" : "ts"}`);
}

/** Compiles the given files at once; the diagnostics of each, by file name. A turn after each file: the whole takes seconds (event-loop.ts says why). */
async function compile(files: string[]): Promise<Map<string, readonly ts.Diagnostic[]>> {
  const program = ts.createProgram(files, OPTIONS);
  const diagnostics = new Map<string, readonly ts.Diagnostic[]>();
  for (const file of files) {
    diagnostics.set(file, ts.getPreEmitDiagnostics(program, program.getSourceFile(file)));
    await turn();
  }
  return diagnostics;
}

const BLOCKS = allDocBlocks(TS_LANGS);

describe("the documentation's TypeScript examples", () => {
  const undeclared = new Map<string, string[]>();
  let diagnostics: Map<string, readonly ts.Diagnostic[]>;

  afterAll(() => rmSync(WORK, { recursive: true, force: true }));

  it("there are examples in the README and in docs/", () => {
    expect(BLOCKS.some((block) => block.file === "README.md")).toBe(true);
    expect(BLOCKS.some((block) => block.file.startsWith("docs/"))).toBe(true);
  });

  it("compile against the package (names left to the reader declared as any)", async () => {
    rmSync(WORK, { recursive: true, force: true });
    mkdirSync(WORK, { recursive: true });
    // Each example is a module of its own (`export {}`), so that two examples may use one name.
    for (const block of BLOCKS) writeFileSync(fileName(block), `${block.code}\nexport {};\n`);
    const files = BLOCKS.map(fileName);
    const first = await compile(files);
    for (const block of BLOCKS) {
      const names = new Set<string>();
      for (const d of first.get(fileName(block)) ?? [])
        if (CANNOT_FIND_NAME.has(d.code))
          names.add(/'([^']+)'/.exec(ts.flattenDiagnosticMessageText(d.messageText, "\n"))![1]!);
      if (names.size === 0) continue;
      undeclared.set(`${block.file}:${block.line}`, [...names]);
      const declarations = [...names].map((name) => `declare const ${name}: any;`).join(" ");
      writeFileSync(fileName(block), `${declarations}\n${block.code}\nexport {};\n`);
    }
    diagnostics = await compile(files);
    console.log(
      `${BLOCKS.length} TypeScript examples; names left to the reader:\n` +
        [...undeclared].map(([where, names]) => `  ${where}: ${names.join(", ")}`).join("\n"),
    );
    const errors = BLOCKS.flatMap((block) =>
      (diagnostics.get(fileName(block)) ?? []).map((d) => {
        const { line } = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: -1 };
        const shift = undeclared.has(`${block.file}:${block.line}`) ? 1 : 0;
        return `${block.file}:${block.line + line + 1 - shift}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
      }),
    );
    expect(errors).toEqual([]);
  });

  it("the names left to the reader are never the package's own", () => {
    const ours = ["parseEvent", "validateEvent", "isEvent", "Event", "matchEvent", "streamEvents", "verifyWebhook"];
    const leaked = [...undeclared].filter(([, names]) => names.some((name) => ours.includes(name)));
    expect(leaked).toEqual([]);
  });
});
