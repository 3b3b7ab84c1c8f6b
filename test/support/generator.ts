// Running scripts/generate.ts from a test as `npm run generate` does, on the repository's
// schemas or on a changed copy of them, and reading what it wrote.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, type Dirent } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { runChild, type ChildResult } from "./run-child.js";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));

/** Time a test that runs the generator may take (it formats a few hundred kilobytes with prettier). */
export const GENERATOR_TIMEOUT = 90_000;

/**
 * Runs the generator the way `npm run generate` does, from the repository root, as a child
 * process that does not block the test's worker (run-child.ts says why).
 * @example
 * const { status, stdout } = await generate(["--check"]);
 */
export function generate(args: string[]): Promise<ChildResult> {
  return runChild("npx", ["tsx", "scripts/generate.ts", ...args], {
    cwd: REPO,
    env: process.env,
    timeout: GENERATOR_TIMEOUT - 5_000,
  });
}

/**
 * Every file under `dir`, as paths relative to it with forward slashes (formats/2.14/schema.json), sorted.
 * @example
 * filesUnder("generated"); // ["asyncapi.yaml", "constants.ts", "formats/2.14/asyncapi.yaml", ...]
 */
export function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .sort();
}

/** The text of every file under `dir`, by its path relative to it. */
export function readTree(dir: string): Record<string, string> {
  return Object.fromEntries(filesUnder(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")]));
}

/**
 * A scratch folder inside the repository with a copy of schemas/, for a test that changes the
 * schemas and generates from them. Inside, so that the generated validators' import of
 * "../src/rules/index.js" resolves (through a symlink to src/).
 * @example
 * const work = scratchSchemas("new-variant"); // work.schemas, work.out; work.remove() when done
 */
export function scratchSchemas(name: string): { dir: string; schemas: string; out: string; remove: () => void } {
  const dir = join(REPO, `.tmp-${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  symlinkSync(join(REPO, "src"), join(dir, "src"), "dir");
  cpSync(join(REPO, "schemas"), join(dir, "schemas"), { recursive: true });
  return {
    dir,
    schemas: join(dir, "schemas"),
    out: join(dir, "generated"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
