// Runs the BUILT command line tool (dist/cli.js) as a child process, as a user or a CI job
// does. Builds it first when dist/ is missing or older than the sources; test files run in
// parallel workers, so the build is guarded by a lock directory and happens once.
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runChild } from "./run-child.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const CLI = join(ROOT, "dist", "cli.js");

function newestMtime(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function isStale(): boolean {
  if (!existsSync(CLI)) return true;
  const sources = ["src", "generated", "package.json", "tsup.config.ts"].map((p) => newestMtime(join(ROOT, p)));
  return Math.max(...sources) > statSync(CLI).mtimeMs;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Builds dist/ with tsup when it is missing or stale; once, whichever test file asks first. */
export function ensureBuilt(): void {
  const lock = join(ROOT, "node_modules", ".cache", "ironflow-events-cli-build.lock");
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + 110_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker builds. A lock older than two minutes was left by a killed run.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmdirSync(lock);
      } catch {
        // gone meanwhile
      }
      if (Date.now() > deadline) throw new Error(`could not take the build lock ${lock}`);
      sleep(100);
    }
  }
  try {
    if (isStale()) {
      const build = spawnSync(join(ROOT, "node_modules", ".bin", "tsup"), [], { cwd: ROOT, encoding: "utf8" });
      if (build.status !== 0) throw new Error(`npx tsup failed:\n${build.stdout}\n${build.stderr}`);
    }
  } finally {
    rmdirSync(lock);
  }
}

/** The environment variables the CLI reads secrets from, unset: the machine's must not sign or authorize anything a test runs. */
export const NO_SECRETS: NodeJS.ProcessEnv = {
  IRONFLOW_WEBHOOK_SECRET: undefined,
  IRONFLOW_TOKEN: undefined,
  IRONFLOW_SERVE_TOKEN: undefined,
};

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Text for standard input, or an open file descriptor to read it from. */
  stdin?: string | number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** `ironflow-events <args>`, with NO_COLOR and FORCE_COLOR cleared unless `env` sets them. */
export function runCli(args: string[], options: RunOptions = {}): CliResult {
  const env = {
    ...process.env,
    NO_COLOR: undefined,
    FORCE_COLOR: undefined,
    ...NO_SECRETS,
    ...options.env,
  };
  const spawnOptions: SpawnSyncOptions = {
    cwd: options.cwd ?? ROOT,
    env,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  };
  if (typeof options.stdin === "number") spawnOptions.stdio = [options.stdin, "pipe", "pipe"];
  else spawnOptions.input = options.stdin ?? "";
  const child = spawnSync(process.execPath, [CLI, ...args], spawnOptions);
  if (child.error) throw child.error;
  return { status: child.status, stdout: String(child.stdout), stderr: String(child.stderr) };
}

/** `ironflow-events <args>` with a terminal (a pseudo-TTY from script(1)) as stdout and stderr; run without blocking (it reads large files). */
export function runCliInTerminal(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
  const command = [process.execPath, CLI, ...args].map(quote).join(" ");
  return runChild("script", ["-qec", command, "/dev/null"], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env },
  });
}

/**
 * Runs the CLI and measures its peak resident set size, in bytes: with /usr/bin/time when
 * the system has it, otherwise by a module preloaded into the child that reports
 * process.resourceUsage().maxRSS as it exits. Run without blocking: it reads files of gigabytes.
 */
export async function runCliMeasuringRss(
  args: string[],
  options: RunOptions = {},
): Promise<CliResult & { peakRss: number }> {
  const useTime = existsSync("/usr/bin/time");
  const preload = `data:text/javascript,process.on("exit",()=>process.stderr.write("\\nmaxrss_kb="+process.resourceUsage().maxRSS+"\\n"))`;
  const command = useTime ? "/usr/bin/time" : process.execPath;
  const commandArgs = useTime
    ? ["-f", "\nmaxrss_kb=%M", process.execPath, CLI, ...args]
    : ["--import", preload, CLI, ...args];
  const child = await runChild(command, commandArgs, {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: undefined, ...options.env },
    stdin: options.stdin,
  });
  const stderr = child.stderr;
  const match = /maxrss_kb=(\d+)\s*$/.exec(stderr);
  if (!match) throw new Error(`no peak RSS in the child's stderr:\n${stderr.slice(-2000)}`);
  return {
    status: child.status,
    stdout: child.stdout,
    // GNU time adds "Command exited with non-zero status N" for exit codes other than 0.
    stderr: stderr
      .slice(0, match.index)
      .replace(/^Command exited with non-zero status \d+\n/m, "")
      .replace(/\n$/, ""),
    peakRss: Number(match[1]) * 1024,
  };
}

/** A fresh temporary directory with the given files (path -> content), removed by the returned function. */
export function tempDir(files: Record<string, string | Buffer> = {}): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "ironflow-cli-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// The events the CLI tests feed it: defined once, in events.ts.
export { LOG_LINE, RUN_CREATED, RUN_FAILED, statusChanged, USER_SIGNED_OUT } from "./events.js";

/** Events as NDJSON text, one per line, with a final newline. */
export function ndjson(...events: unknown[]): string {
  return events.map((event) => (typeof event === "string" ? event : JSON.stringify(event))).join("\n") + "\n";
}

/** The JSON report (--format json), parsed. */
export interface JsonReport {
  reportVersion: number;
  tool: string;
  version: string;
  engineVersion: string;
  options: { strict: boolean; lifecycle: string; maxErrors: number | null; maxSize: number };
  failures?: {
    file: string;
    line: number;
    column?: number;
    index?: number;
    type?: string;
    severity: "error" | "warning";
    issues: { path: string; code: string; message: string; line?: number; column?: number }[];
  }[];
  errors: { file: string; message: string }[];
  summary: {
    files: number;
    events: number;
    valid: number;
    invalid: number;
    warnings: number;
    errors: number;
    stoppedEarly: boolean;
    byType: Record<string, { events: number; valid: number; invalid: number; warnings: number }>;
  };
  ok: boolean;
  exitCode: number;
}

export function jsonReport(result: CliResult): JsonReport {
  try {
    return JSON.parse(result.stdout) as JsonReport;
  } catch {
    throw new Error(`stdout is not a JSON report:\n${result.stdout.slice(0, 2000)}\nstderr:\n${result.stderr}`);
  }
}
