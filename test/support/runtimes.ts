// The runtimes of the matrix (test/package/runtimes.test.ts) as system dependencies: Bun, Deno and
// workerd come from their npm packages (devDependencies), Chromium from Debian (.ci/run installs
// it with apt). The npm packages ship each binary in a platform package (@oven/bun-linux-x64 and
// the like); their install scripts only move it next to the wrapper. npm 11 may skip those
// scripts, and then Bun's node_modules/.bin/bun is a placeholder that exits 1, while Deno's and
// workerd's are Node scripts that find the platform binary themselves. So each binary is looked
// up in both places: .bin first, then the platform package.
import { CHROMIUM_PATH } from "./chromium.js";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "./packed-package.js";
import { runsCleanly, type SystemDependency } from "./system.js";

const MODULES = join(REPO, "node_modules");
const { platform, arch } = process;

/** Where each npm-installed runtime's binary can be: node_modules/.bin, then its platform package. */
const CANDIDATES = {
  bun: [
    join(MODULES, ".bin", "bun"),
    join(MODULES, `@oven/bun-${platform}-${arch === "x64" ? "x64" : "aarch64"}/bin/bun`),
  ],
  deno: [
    join(MODULES, ".bin", "deno"),
    join(MODULES, `@deno/${platform}-${arch}${platform === "linux" ? "-glibc" : ""}/deno`),
  ],
  workerd: [
    join(MODULES, ".bin", "workerd"),
    join(MODULES, `@cloudflare/workerd-${platform}-${arch === "x64" ? "64" : "arm64"}/bin/workerd`),
  ],
} as const;

export type NpmRuntime = keyof typeof CANDIDATES;

const found = new Map<NpmRuntime, string | null>();

/** The path of a runtime's binary that runs (`--version` exits 0), or null when none does. */
export function runtimeBinary(name: NpmRuntime): string | null {
  if (!found.has(name)) found.set(name, CANDIDATES[name].find((path) => runsCleanly(path, ["--version"])) ?? null);
  return found.get(name)!;
}

/** A runtime's binary, for a test that has made sure it is there. */
export function requireBinary(name: NpmRuntime): string {
  const path = runtimeBinary(name);
  if (path === null) throw new Error(`no ${name} binary runs; looked at ${CANDIDATES[name].join(", ")}`);
  return path;
}

function npmRuntime(name: NpmRuntime): SystemDependency {
  return {
    what: `${name} (the npm package ${name}, a devDependency)`,
    install: "npm ci",
    available: () => runtimeBinary(name) !== null,
  };
}

export const BUN = npmRuntime("bun");
export const DENO = npmRuntime("deno");
export const WORKERD = npmRuntime("workerd");

/**
 * The version of a runtime as its binary prints it (`bun --version`: "1.4.5"; `deno --version`:
 * "deno 2.9.6 (stable, ...)"; `workerd --version`: "workerd 2026-11-17"; `chromium --version`:
 * "Chromium 156.0.8078.108 built on Debian ..."): the first version-like word, or "missing".
 */
export function runtimeVersion(name: NpmRuntime | "chromium"): string {
  const binary = name === "chromium" ? CHROMIUM_PATH : runtimeBinary(name);
  if (binary === null) return "missing";
  const result = spawnSync(binary, ["--version"], { encoding: "utf8", timeout: 30_000 });
  return /\d[\w.-]*/.exec(result.stdout ?? "")?.[0] ?? "missing";
}

/** The version of an npm package installed in the repository (the lockfile pins it). */
function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(MODULES, name, "package.json"), "utf8")) as { version: string }).version;
}

/** A runtime of the matrix: its name, the version docs/runtimes.md names, and what is checked in it. */
export interface MatrixRuntime {
  name: string;
  /** Node and Chromium by major version: CI's Node 20 (the floor of `engines`), and Debian's Chromium, which security updates move. */
  version: () => string;
  checked: string;
}

/**
 * The runtime matrix: test/package/runtimes.test.ts names its tests after it, and
 * test/docs/runtimes-page.test.ts renders docs/runtimes.md's table from it.
 */
export const MATRIX = {
  node: {
    name: "Node",
    version: () => process.versions.node.split(".")[0]!,
    checked:
      "the check; the CLI on `examples/`, the reference for the others; ES module, CommonJS and TypeScript consumers",
  },
  bun: {
    name: "Bun",
    version: () => installedVersion("bun"),
    checked: "the check; the CLI on `examples/`: Node's report and exit code",
  },
  deno: {
    name: "Deno",
    version: () => installedVersion("deno"),
    checked:
      "the check, with no permission but `--allow-read` and `--allow-net=127.0.0.1`; the CLI on `examples/` with only `--allow-read`: Node's report and exit code",
  },
  workerd: {
    name: "workerd (Cloudflare Workers)",
    version: () => installedVersion("workerd"),
    checked:
      "the check in a Worker bundled by esbuild; reaching the test server on 127.0.0.1 needs a `globalOutbound` that allows `local` addresses",
  },
  chromium: {
    name: "Chromium (headless)",
    version: () => runtimeVersion("chromium").split(".")[0]!,
    checked:
      "the check in an esbuild bundle on a page under `Content-Security-Policy: script-src 'self'`: no violation, and `new Function` refused; on a page that is not a secure context, the same but verifyWebhook, which throws a TypeError that says why",
  },
} as const satisfies Record<NpmRuntime | "node" | "chromium", MatrixRuntime>;
