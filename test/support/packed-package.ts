// The package as users get it: `npm pack`, installed into a fresh project outside the repository.
// Every test file that needs it (the smoke test, the runtime matrix) shares one install: vitest
// runs test files in separate workers, often at once, so the install is shared on disk, keyed by
// the tarball's shasum (npm packs with fixed timestamps, so the same build gives the same shasum,
// and any change of the build gives a new install). Needs `npm run build` first (CI builds before
// testing); needs no network: the package has no dependencies, and npm runs --offline.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runChild } from "./run-child.js";

/** The repository's root. */
export const REPO = resolve(import.meta.dirname, "../..");

/** What the build must have written before the package can be packed. */
const BUILT = ["dist/index.js", "dist/index.cjs", "dist/index.d.ts", "dist/index.d.cts", "dist/cli.js", "schema.json"];

/** The child's environment: without npm's variables of the `npm test` that runs vitest (npm_config_prefix
 * and the like would point a child npm at the repository) and without loaders of the parent. */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== "NODE_OPTIONS" && key !== "INIT_CWD") env[key] = value;
  }
  return { ...env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" };
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
  output: string;
}

/** Runs a command; returns its exit code and output instead of throwing, so assertions can show it. */
export function run(
  command: string,
  args: string[],
  cwd: string,
  timeout = 60_000,
  env: NodeJS.ProcessEnv = {},
): RunResult {
  const result = spawnSync(command, args, { cwd, env: { ...cleanEnv(), ...env }, encoding: "utf8", timeout });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: result.stdout + result.stderr };
}

/** `run` without blocking the test's event loop, for commands that take seconds (tsc): run-child.ts says why. */
export async function runAsync(
  command: string,
  args: string[],
  cwd: string,
  timeout = 60_000,
  env: NodeJS.ProcessEnv = {},
): Promise<RunResult> {
  const result = await runChild(command, args, { cwd, env: { ...cleanEnv(), ...env }, timeout });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: result.stdout + result.stderr };
}

export function mustRun(command: string, args: string[], cwd: string, timeout?: number): string {
  const result = run(command, args, cwd, timeout);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status}:\n${result.output}`);
  return result.stdout;
}

export interface PackedPackage {
  /** The consumer project (outside the repository), with the tarball installed; tests add their own files to it. */
  project: string;
  /** The tarball's files, sorted. */
  files: string[];
}

interface PackResult {
  filename: string;
  shasum: string;
  files: { path: string }[];
}

const LOCK_WAIT_MS = 120_000; // longer than a pack and an install take
const STALE_LOCK_MS = 10 * 60_000; // a lock this old was left by a run that was killed

const installed = (project: string) => existsSync(join(project, "node_modules", "ironflow-events", "package.json"));

/**
 * Packs the built package and installs it into a consumer project, or returns the install of the
 * same tarball that another test file made or is making (a lock folder makes the others wait for
 * the first). The install is made in a private folder and then renamed into place, so a reader
 * never sees half of one.
 */
export async function packedPackage(): Promise<PackedPackage> {
  for (const path of BUILT) {
    if (!existsSync(join(REPO, path))) throw new Error(`${path} is missing: run \`npm run build\` before this test`);
  }
  const pack = (args: string[]) =>
    (JSON.parse(mustRun("npm", ["pack", "--json", "--ignore-scripts", ...args], REPO)) as PackResult[])[0]!;
  const planned = pack(["--dry-run"]);
  const files = planned.files.map((file) => file.path).sort();
  const home = join(tmpdir(), `ironflow-events-packed-${planned.shasum}`);
  const project = join(home, "consumer");
  const lock = `${home}.lock`;
  for (const started = Date.now(); !installed(project);) {
    try {
      mkdirSync(lock);
    } catch {
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > STALE_LOCK_MS)
        rmSync(lock, { recursive: true, force: true });
      else if (Date.now() - started > LOCK_WAIT_MS) throw new Error(`waited ${LOCK_WAIT_MS} ms for ${lock} to go`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    try {
      if (!installed(project)) install(pack, planned.shasum, home);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return { project, files };
}

function install(pack: (args: string[]) => PackResult, shasum: string, home: string): void {
  const work = mkdtempSync(join(tmpdir(), "ironflow-events-pack-"));
  try {
    const packed = pack(["--pack-destination", work]);
    if (packed.shasum !== shasum) throw new Error("npm pack gave another tarball than its dry run announced");
    const consumer = join(work, "consumer");
    mkdirSync(consumer);
    writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "packed-consumer", private: true }));
    mustRun(
      "npm",
      ["install", join(work, packed.filename), "--offline", "--no-audit", "--no-fund", "--no-package-lock"],
      consumer,
    );
    renameSync(work, home);
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

/** The version in the repository's package.json. */
export const PACKAGE_VERSION: string = (
  JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string }
).version;
