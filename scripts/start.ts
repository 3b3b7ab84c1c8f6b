// npm start: the package's main job on the bundled examples. Runs the built CLI over
// examples/valid (every event must pass) and examples/invalid (every file holds a
// deliberate mistake that its name describes, and each must be reported), and exits
// non-zero if either outcome is not what it should be.
import { spawnSync } from "node:child_process";

function run(dir: string, expectedExit: number, note: string): boolean {
  console.log(`\n$ ironflow-events validate ${dir}    # ${note}`);
  const { status } = spawnSync(process.execPath, ["dist/cli.js", "validate", dir], { stdio: "inherit" });
  if (status === expectedExit) return true;
  console.error(`expected exit code ${expectedExit} for ${dir}, got ${status}`);
  return false;
}

const ok = [
  run("examples/valid", 0, "engine-written events: all valid, exit code 0"),
  run("examples/invalid", 1, "each file breaks one rule, as its name says: exit code 1"),
].every(Boolean);
console.log(
  ok ? "\nexamples: every valid event passed and every broken one was reported." : "\nexamples: unexpected result",
);
process.exitCode = ok ? 0 : 1;
