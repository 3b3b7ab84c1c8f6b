// Each engine format's bundle (generated/formats/<format>/schema.json, shipped as
// schemas/bundles/engine-<format>.json) under Debian's python3-jsonschema agrees with that
// format's engine on its vectors. Runs test/python/check_bundle.py with /usr/bin/python3.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runChild } from "../support/run-child.js";
import { PYTHON_JSONSCHEMA, skipWithout } from "../support/system.js";
import { VECTOR_FORMATS, VECTORS_DIR, VECTORS_ENGINE, formatVectorPath } from "../support/vectors.js";

const PYTHON = "/usr/bin/python3";
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SCRIPT = fileURLToPath(new URL("../python/check_bundle.py", import.meta.url));
const bundleOf = (format: string) =>
  fileURLToPath(new URL(`../../generated/formats/${format}/schema.json`, import.meta.url));
/** The bundle the self-test below runs with: the root vectors' format. */
const SCHEMA = bundleOf(VECTORS_ENGINE);
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

/** The rows both the engine and the schema reject, from the script's "agree:" line. */
function agreedRejects(output: string): number | undefined {
  const match = /^agree: both accept \d+, both reject (\d+)/m.exec(output);
  return match ? Number(match[1]) : undefined;
}

function countLine(output: string, label: string): number | undefined {
  const match = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: (\\d+)`, "m").exec(output);
  return match ? Number(match[1]) : undefined;
}

describe.skipIf(skipWithout(PYTHON_JSONSCHEMA))("each format's bundle under Debian's python3-jsonschema", () => {
  it.each(VECTOR_FORMATS)(
    "engine %s: agrees with that engine on its vectors (check_bundle.py exits 0, no false accepts)",
    async (format) => {
      await requireJsonschema();
      const vectors = dirname(formatVectorPath(format, "engine-events.ndjson"));
      const { status, signal, output } = await run([SCRIPT, vectors, bundleOf(format)]);
      console.log(output);
      expect(signal, `check_bundle.py was killed (${signal}), timeout ${TIMEOUT_MS} ms`).toBeNull();
      expect(status, `check_bundle.py failed:\n${output}`).toBe(0);
      expect(output).toContain(`check_bundle: ${bundleOf(format)}`);
      const events = readFileSync(join(vectors, "engine-events.ndjson"), "utf8").split("\n").filter(Boolean).length;
      expect(output).toContain(`engine-written events accepted: ${events}/${events}`);
      expect(countLine(output, "false accepts"), output).toBe(0);
      expect(countLine(output, "false rejects of valid rows"), output).toBe(0);
      // The near misses it rejects with the engine: the bundle is not merely permissive.
      expect(agreedRejects(output), output).toBeGreaterThan(1000);
    },
    TIMEOUT_MS + 30_000,
  );

  it(
    "engine 2.52's bundle refuses what only 2.52 forbids, and 2.20's what 2.20 does",
    async () => {
      await requireJsonschema();
      const [status52] = readFileSync(formatVectorPath("2.52", "engine-events.ndjson"), "utf8")
        .split("\n")
        .filter((line) => line.includes('"type":"run_status_changed"'));
      const escalated = readFileSync(formatVectorPath("2.52", "engine-events.ndjson"), "utf8")
        .split("\n")
        .find((line) => /"type":"approval_escalated".*"assignee":"user:/.test(line))!;
      const [failed20] = readFileSync(formatVectorPath("2.20", "engine-events.ndjson"), "utf8")
        .split("\n")
        .filter((line) => line.includes('"type":"run_failed"'));
      const paused = status52!.replace(/"to":"[a-z_]+"/, '"to":"paused"');
      const cases: { format: string; json: string; engine: "accepts" | "rejects"; case: string }[] = [
        { format: "2.52", json: paused, engine: "accepts", case: "valid" },
        {
          format: "2.52",
          json: escalated.replace(/"assignee":"user:[^"]*"/, '"assignee":"user:"'),
          engine: "rejects",
          case: "assignee",
        },
        {
          format: "2.52",
          json: escalated.replace(/"assignee":"user:/, '"assignee":"team:'),
          engine: "rejects",
          case: "assignee",
        },
        { format: "2.20", json: paused, engine: "rejects", case: "status" },
        {
          format: "2.20",
          json: failed20!.replace(/"labels":\{[^}]*\}/, '"labels":{"a":1}'),
          engine: "rejects",
          case: "labels",
        },
        { format: "2.20", json: failed20!.replace(/,"labels":\{[^}]*\}/, ""), engine: "accepts", case: "valid" },
      ];
      const dir = mkdtempSync(join(tmpdir(), "ironflow-check-bundle-"));
      try {
        for (const format of ["2.20", "2.52"]) {
          const rows = cases.filter((row) => row.format === format).map(({ format: _, ...row }) => row);
          writeFileSync(join(dir, "engine-events.ndjson"), "");
          writeFileSync(join(dir, "engine-verdicts.ndjson"), rows.map((row) => JSON.stringify(row)).join("\n") + "\n");
          const { status, output } = await run([SCRIPT, dir, bundleOf(format)]);
          expect(status, output).toBe(0);
          expect(agreedRejects(output), output).toBe(rows.filter((row) => row.engine === "rejects").length);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    2 * TIMEOUT_MS,
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
      const withCost = (raw: string) => stepCompleted.replace(/"cost_usd":[^,}]+/, `"cost_usd":${raw}`);
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
        // serde_json's float reading (not correctly rounded), the oracle's verdicts: a spelling
        // Python reads as infinity and the engine as finite, one it reads the other way round,
        // and a cost the engine reads one double up, onto 2^96.
        { json: withExtra(signedOut, "179769313486231589e291"), engine: "accepts", case: "extra" },
        { json: withExtra(signedOut, "1.7976931348623158e308"), engine: "rejects", case: "extra" },
        { json: withCost("7.9228162514264330e28"), engine: "rejects", case: "set:dec" },
        { json: withCost("7.922816251426433e28"), engine: "accepts", case: "set:dec" },
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
          writeFileSync(join(dir, "engine-verdicts.ndjson"), list.map((row) => JSON.stringify(row)).join("\n") + "\n");

        write(rows);
        const good = await run([SCRIPT, dir, SCHEMA]);
        expect(good.status, good.output).toBe(0);
        expect(countLine(good.output, "false accepts"), good.output).toBe(0);
        expect(countLine(good.output, "  lone surrogate in a string or key"), good.output).toBe(1);
        expect(countLine(good.output, "  containers nested deeper than 127"), good.output).toBe(1);
        expect(countLine(good.output, "  -0 written for an unsigned integer field"), good.output).toBe(1);
        expect(countLine(good.output, "  number out of double range (1e400)"), good.output).toBe(3);
        expect(countLine(good.output, "  number the engine reads as another double"), good.output).toBe(1);
        expect(countLine(good.output, "rules beyond the schema firing on engine-accepted rows"), good.output).toBe(0);

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
});
