// The means to run the fenced code blocks of a page under docs/: TypeScript blocks as
// modules of a consumer project (a temporary directory whose node_modules links to this
// package, built, and to the packages the examples use), shell blocks with bash.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, ensureBuilt, NO_SECRETS, ROOT } from "./cli-harness.js";
import { docBlocks } from "./doc-blocks.js";

export interface CodeBlock {
  lang: string;
  code: string;
}

/** Every fenced block of docs/<page>, in order, with its language ("" for none). */
export function codeBlocks(page: string): CodeBlock[] {
  return docBlocks(`docs/${page}`).map(({ lang, code }) => ({ lang, code: `${code}\n` }));
}

let project: string | undefined;

/** The consumer project the blocks are written to, made on first use. */
function docsProject(): string {
  if (project !== undefined) return project;
  project = mkdtempSync(join(tmpdir(), "ironflow-docs-"));
  mkdirSync(join(project, "node_modules", "@types"), { recursive: true });
  symlinkSync(ROOT, join(project, "node_modules", "ironflow-events"), "dir");
  for (const name of ["fast-check", "tsx", "@types/node"])
    symlinkSync(join(ROOT, "node_modules", name), join(project, "node_modules", name), "dir");
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "docs-consumer", private: true, type: "module" }),
  );
  return project;
}

/** Removes the consumer project. */
export function removeDocsProject(): void {
  if (project !== undefined) rmSync(project, { recursive: true, force: true });
  project = undefined;
}

/** Writes TypeScript blocks as `<name>-<i>.mts` and type-checks them together; returns tsc's output ("" when clean). */
export function typecheck(name: string, blocks: string[]): { files: string[]; errors: string } {
  ensureBuilt();
  const dir = docsProject();
  const files = blocks.map((code, i) => {
    const file = join(dir, `${name}-${i}.mts`);
    writeFileSync(file, code);
    return file;
  });
  const config = join(dir, `tsconfig.${name}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        lib: ["ES2022", "DOM"],
        types: ["node"],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
      },
      files,
    }),
  );
  const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", config], {
    encoding: "utf8",
  });
  return { files, errors: `${tsc.stdout}${tsc.stderr}`.trim() };
}

/** A running block: its output so far, and the means to wait for it and to stop it (its whole process group). */
export interface RunningBlock {
  child: ChildProcess;
  output(): string;
  /** Resolves when the output matches `pattern`; rejects on exit or after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

function track(child: ChildProcess): RunningBlock {
  let out = "";
  child.stdout!.setEncoding("utf8").on("data", (text: string) => (out += text));
  child.stderr!.setEncoding("utf8").on("data", (text: string) => (out += text));
  const killer = setTimeout(() => kill(child, "SIGKILL"), 60_000);
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => (clearTimeout(killer), resolve(code))),
  );
  return {
    child,
    output: () => out,
    exited,
    waitFor: (pattern, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${pattern} in ${timeoutMs} ms; output:\n${out}`)),
          timeoutMs,
        );
        const check = () => {
          if (!pattern.test(out)) return;
          clearTimeout(timer);
          resolve(out);
        };
        child.stdout!.on("data", check);
        child.stderr!.on("data", check);
        check();
        void exited.then(
          (code) => (
            clearTimeout(timer),
            pattern.test(out) ? resolve(out) : reject(new Error(`exited ${code}:\n${out}`))
          ),
        );
      }),
    stop: () => {
      kill(child, "SIGTERM");
      return exited;
    },
  };
}

function kill(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/** Runs a TypeScript module written by typecheck (node with tsx), in a process group of its own. */
export function runModule(file: string): RunningBlock {
  return track(
    spawn(process.execPath, ["--import", "tsx", file], {
      cwd: docsProject(),
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
}

/** Runs a shell block with bash in `cwd`, `npx ironflow-events` being the built CLI. */
export function runShell(code: string, cwd: string): RunningBlock {
  ensureBuilt();
  const prelude = `set -e\nnpx() { if [ "$1" = ironflow-events ]; then shift; node ${JSON.stringify(CLI)} "$@"; else command npx "$@"; fi; }\n`;
  return track(
    spawn("bash", ["-c", prelude + code], {
      cwd,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...NO_SECRETS },
    }),
  );
}
