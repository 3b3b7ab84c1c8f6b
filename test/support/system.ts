// Tests that need something from the system (Python's jsonschema, a browser, another runtime):
// on a laptop they are skipped with one line that says what is missing and how to install it;
// with CI=true they are required, so a missing install step in .ci/run fails the run instead of
// passing it quietly.
import { spawnSync } from "node:child_process";

/** True when the run is CI's (CI=true), where every system dependency is required. */
export const IN_CI = process.env.CI === "true" || process.env.CI === "1";

/** A thing a test needs from the system, and the command that installs it. */
export interface SystemDependency {
  /** What it is, as the skip line names it (for example "python3's jsonschema module"). */
  what: string;
  /** The command that installs it (for example "apt-get install -y python3-jsonschema"). */
  install: string;
  /** Whether it is there. */
  available: () => boolean;
}

const reported = new Set<string>();

/**
 * Whether the tests that need `dependency` should be skipped: true only outside CI, when it is
 * missing, after printing one line that says so. In CI it is never skipped: the tests run and
 * fail on the missing dependency with their own message.
 */
export function skipWithout(dependency: SystemDependency): boolean {
  if (dependency.available()) return false;
  if (IN_CI) return false;
  if (!reported.has(dependency.what)) {
    reported.add(dependency.what);
    console.warn(
      `skipped: ${dependency.what} is missing (install it with: ${dependency.install}); CI=true requires it`,
    );
  }
  return true;
}

/** True when `command args` runs and exits 0. */
export function runsCleanly(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: "ignore", timeout: 30_000 });
  return result.error === undefined && result.status === 0;
}

/** Debian's python3 with the jsonschema module (test/python/, the docs' Python snippet). */
export const PYTHON_JSONSCHEMA: SystemDependency = {
  what: "/usr/bin/python3 with the jsonschema module",
  install: "apt-get install -y python3-jsonschema",
  available: () => runsCleanly("/usr/bin/python3", ["-c", "import jsonschema"]),
};
