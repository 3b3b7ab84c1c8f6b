// The bundled schema of the vectors' engine format (generated/formats/2.14/schema.json: the
// vectors are engine 2.14.1's) under Debian's python3-jsonschema agrees with the engine. Runs
// test/python/check_bundle.py with /usr/bin/python3.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runChild } from "../support/run-child.js";
import { PYTHON_JSONSCHEMA, skipWithout } from "../support/system.js";
import { VECTORS_DIR, VECTORS_ENGINE } from "../support/vectors.js";

const PYTHON = "/usr/bin/python3";
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SCRIPT = fileURLToPath(new URL("../python/check_bundle.py", import.meta.url));
const SCHEMA = fileURLToPath(new URL(`../../generated/formats/${VECTORS_ENGINE}/schema.json`, import.meta.url));
const VECTORS = VECTORS_DIR;
const TIMEOUT_MS = 120_000;

async function run(args: string[]) {
  const result = await runChild(PYTHON, args, {
    cwd: ROOT,
    timeout: TIMEOUT_MS,
    env: { ...process.env, PYTHONIOENCODING: "utf-8", PYTHONDONTWRITEBYTECODE: "1" },
  }).catch((error: Error) => {
    throw new Error(`could not run ${PYTHON} ${args.join(" ")}: ${error.message}`);
  });
  return { status: result.status, signal: result.signal, output: `${result.stdout}${result.stderr}` };
}

async function requireJsonschema(): Promise<void> {
  const probe = await run(["-c", "import jsonschema"]);
  if (probe.status !== 0)
    throw new Error(
      `${PYTHON} cannot import jsonschema: run \`${PYTHON_JSONSCHEMA.install}\` (Debian's package, 4.10.x)\n${probe.output}`,
    );
}

function countLine(output: string, label: string): number | undefined {
  const match = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: (\\d+)`, "m").exec(output);
  return match ? Number(match[1]) : undefined;
}

describe.skipIf(skipWithout(PYTHON_JSONSCHEMA))(
  "the bundle of the vectors' format under Debian's python3-jsonschema",
  () => {
    it(
      "agrees with the engine on the vectors (check_bundle.py exits 0, no false accepts)",
      async () => {
        await requireJsonschema();
        const { status, signal, output } = await run([SCRIPT, VECTORS, SCHEMA]);
        console.log(output);
        expect(signal, `check_bundle.py was killed (${signal}), timeout ${TIMEOUT_MS} ms`).toBeNull();
        expect(status, `check_bundle.py failed:\n${output}`).toBe(0);
        expect(countLine(output, "false accepts"), output).toBe(0);
        expect(countLine(output, "false rejects of valid rows"), output).toBe(0);
      },
      TIMEOUT_MS + 30_000,
    );

    it(
      "check_bundle.py itself: detects each rule beyond the schema, and fails on a false accept",
      async () => {
        await requireJsonschema();
        const events = readFileSync(join(VECTORS, "engine-events.ndjson"), "utf8").split("\n").filter(Boolean);
        const signedOut = events.find((line) => line.includes('"type":"user_signed_out"'))!;
        const stepCompleted = events.find((line) => line.includes('"type":"step_completed"'))!;
        const withExtra = (line: string, raw: string) => `${line.slice(0, -1)},"extra_field":${raw}}`;
        const withDuration = (raw: string) => stepCompleted.replace(/"duration_ms":[0-9]+/, `"duration_ms":${raw}`);
        const rows = [
          { json: signedOut, engine: "accepts", case: "valid" },
          { json: withExtra(signedOut, "[".repeat(126) + "]".repeat(126)), engine: "accepts", case: "extra" },
          { json: withExtra(signedOut, "[".repeat(127) + "]".repeat(127)), engine: "rejects", case: "deep" },
          { json: withExtra(signedOut, '"\\ud800"'), engine: "rejects", case: "set:str" },
          { json: withDuration("-0"), engine: "rejects", case: "set:u64" },
          { json: withDuration("0"), engine: "accepts", case: "set:u64" },
          { json: withExtra(signedOut, "1e400"), engine: "rejects", case: "extra" },
          { json: withExtra(signedOut, "1" + "0".repeat(400)), engine: "rejects", case: "extra" },
          { json: withExtra(signedOut, "1e308"), engine: "accepts", case: "extra" },
          {
            json: signedOut.replace(/"at":"[^"]*"/, '"at":"2024-01-01T00:00:00.Z"'),
            engine: "rejects",
            case: "set:date",
          },
        ];
        const dir = mkdtempSync(join(tmpdir(), "ironflow-check-bundle-"));
        try {
          writeFileSync(join(dir, "engine-events.ndjson"), `${signedOut}\n${stepCompleted}\n`);
          const write = (list: object[]) =>
            writeFileSync(
              join(dir, "engine-verdicts.ndjson"),
              list.map((row) => JSON.stringify(row)).join("\n") + "\n",
            );

          write(rows);
          const good = await run([SCRIPT, dir, SCHEMA]);
          expect(good.status, good.output).toBe(0);
          expect(countLine(good.output, "false accepts"), good.output).toBe(0);
          expect(countLine(good.output, "  lone surrogate in a string or key"), good.output).toBe(1);
          expect(countLine(good.output, "  containers nested deeper than 127"), good.output).toBe(1);
          expect(countLine(good.output, "  -0 written for duration_ms"), good.output).toBe(1);
          expect(countLine(good.output, "  number out of double range (1e400)"), good.output).toBe(2);

          // an input the engine rejects that the schema accepts for no documented reason
          write([...rows, { json: signedOut, engine: "rejects", case: "planted", engine_error: "planted" }]);
          const bad = await run([SCRIPT, dir, SCHEMA]);
          expect(bad.status, bad.output).toBe(1);
          expect(countLine(bad.output, "false accepts"), bad.output).toBe(1);
          expect(bad.output).toContain("[planted");

          // an engine-written event the schema rejects
          write([...rows, { json: signedOut.replace(/"at":"[^"]*"/, '"at":"x"'), engine: "accepts", case: "valid" }]);
          const rejecting = await run([SCRIPT, dir, SCHEMA]);
          expect(rejecting.status, rejecting.output).toBe(1);
          expect(countLine(rejecting.output, "false rejects of valid rows"), rejecting.output).toBe(1);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
      3 * TIMEOUT_MS,
    );
  },
);
