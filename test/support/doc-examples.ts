// The complete examples of a page in docs/: every ```ts block whose first line is
// `// file: <name>`, written out so a test can typecheck them as a consumer would (imports of
// "ironflow-events..." resolved to the sources) and import them to run.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";

const ROOT = resolve(import.meta.dirname, "../..");

/** The package's entries, as the examples import them, and the sources they are built from. */
const ENTRIES: Record<string, string> = {
  "ironflow-events": "src/index.ts",
  "ironflow-events/webhook": "src/webhook/index.ts",
  "ironflow-events/standard": "src/standard/index.ts",
};

export interface DocExample {
  /** The name after `// file:`. */
  file: string;
  code: string;
  /** Where the example was written with its imports pointed at the sources, to import it. */
  runnable: string;
}

/** The examples of `docs/<page>`, written under node_modules/.cache (so the devDependencies resolve). */
export function docExamples(page: string): DocExample[] {
  const text = readFileSync(join(ROOT, "docs", page), "utf8");
  const dir = join(ROOT, "node_modules", ".cache", "doc-examples", page.replace(/\W/g, "_"));
  rmSync(dir, { recursive: true, force: true });
  const examples: DocExample[] = [];
  for (const match of text.matchAll(/```ts\n\/\/ file: (\S+)\n([\s\S]*?)```/g)) {
    const [, file, code] = match as unknown as [string, string, string];
    const runnable = join(dir, "run", file);
    mkdirSync(dirname(runnable), { recursive: true });
    writeFileSync(
      runnable,
      code.replace(/from "(ironflow-events(?:\/\w+)?)"/g, (whole, name: string) =>
        ENTRIES[name] ? `from ${JSON.stringify(join(ROOT, ENTRIES[name]))}` : whole,
      ),
    );
    examples.push({ file, code, runnable });
  }
  return examples;
}

/** tsc's errors over the examples, as a consumer's strict project would report them (none: []). */
export function typeErrors(examples: readonly DocExample[]): string[] {
  const files = new Map(examples.map((example) => [join(ROOT, "docs", "examples", example.file), example.code]));
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: ["node"],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    baseUrl: ROOT,
    paths: Object.fromEntries(Object.entries(ENTRIES).map(([name, source]) => [name, [source]])),
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => {
    const code = files.get(name);
    return code === undefined ? getSourceFile(name, version) : ts.createSourceFile(name, code, version);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  // The examples' own errors: the sources they import are checked by the project's tsc.
  return [...files.keys()]
    .flatMap((name) => ts.getPreEmitDiagnostics(program, program.getSourceFile(name)))
    .map((d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}
