// npm start: the package's main job on the bundled examples. Runs the built CLI once over
// examples/ with the JSON report to check the outcome: every event under examples/valid
// passes (engine-written events, one NDJSON stream among them), and every file under
// examples/invalid is reported (each holds a deliberate mistake that its name describes,
// one of them a stream with a truncated line). Then shows the text report a person reads.
// Exits non-zero when the outcome is not what it should be.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const CLI = ["dist/cli.js", "validate"];

interface Report {
  failures: { file: string; line: number }[];
  errors: { file: string; message: string }[];
  summary: { files: number; events: number; invalid: number };
  exitCode: number;
}

const child = spawnSync(process.execPath, [...CLI, "--format", "json", "examples/"], { encoding: "utf8" });
const report = JSON.parse(child.stdout) as Report;
const problems: string[] = [];
const reported = new Set(report.failures.map((failure) => failure.file));
for (const file of [...reported])
  if (!file.startsWith(join("examples", "invalid"))) problems.push(`${file} is reported, but it should be valid`);
for (const name of readdirSync("examples/invalid")) {
  const file = join("examples", "invalid", name);
  if (!reported.has(file)) problems.push(`${file} is not reported, but it holds a mistake`);
}
for (const error of report.errors) problems.push(`${error.file}: ${error.message}`);
if (child.status !== 1 || report.exitCode !== 1)
  problems.push(`exit code ${child.status}, expected 1 (some events invalid)`);

console.log("$ ironflow-events validate examples/\n");
spawnSync(process.execPath, [...CLI, "examples/"], { stdio: "inherit" });

if (problems.length === 0) {
  console.log(
    `\nexamples: every event under examples/valid passed, and each of the ${readdirSync("examples/invalid").length} files ` +
      `under examples/invalid was reported (${report.summary.invalid} invalid events in ${report.summary.files} files).`,
  );
} else {
  console.error(`\nexamples: unexpected result:\n  ${problems.join("\n  ")}`);
  process.exitCode = 1;
}
