// The types follow the engine version, as a consumer's compiler sees them: a consumer file
// that reads events of three engine versions is compiled with tsc; each field that exists in
// a version compiles, and each that does not is an error, with TypeScript's own message.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diagnosticMessages, STRICT_ESM_CONSUMER } from "../support/typescript.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ENTRY = join(ROOT, "src/index.js");

/** Consumer code that compiles: the fields each version has. */
const COMPILES = `
import { parseEvent, validateEvent, isEvent, type EventAt, type EventOf, type EventTypeAt } from ${JSON.stringify(ENTRY)};
declare const text: string;

const seed = parseEvent(text, { engine: "2.14.1" });
if (seed.type === "run_failed") { const error: string | null = seed.error; void error; }
const middle = parseEvent(text, { engine: "2.31.4" });
if (middle.type === "run_failed") { const labels: Record<string, string> = middle.labels; void labels; }
if (middle.type === "retry_forced") void middle.current_version;
const newest = parseEvent(text);
if (newest.type === "signal_received") { const runs: string[] = newest.resumed_runs; void runs; }
if (newest.type === "approval_granted") void newest.requirement?.required_approvers;

const result = validateEvent(JSON.parse(text), { engine: "2.20" });
if (result.ok && result.event.type === "run_status_changed") void result.event.labels;
declare const value: unknown;
if (isEvent(value, { engine: "2.52" }) && value.type === "provider_account.updated") void value.account_id;

const seedFailure: EventOf<"run_failed", "2.14"> = { type: "run_failed", run_id: "r", workflow_name: "w", error: null, cost_usd: 0, duration_ms: 0, at: "t" };
const seedTypes: EventTypeAt<"2.19.3">[] = ["run_created", "log_line"];
const anyOld: EventAt<"v2.14.0"> = seedFailure;
export { seedTypes, anyOld };
`;

/** Consumer code with one error a line: a field or type a version does not have, an unmodelled version. */
const ERRORS = [
  [
    'const a = parseEvent(text, { engine: "2.14.1" }); if (a.type === "run_failed") void a.labels;',
    "Property 'labels' does not exist",
  ],
  [
    'const b = parseEvent(text, { engine: "2.14" }); if (b.type === "retry_forced") void b;',
    "This comparison appears to be unintentional",
  ],
  [
    'const c = parseEvent(text, { engine: "2.31.4" }); if (c.type === "signal_received") void c;',
    "This comparison appears to be unintentional",
  ],
  ['const d: EventOf<"run_failed", "2.14"> = null!; void d.labels;', "Property 'labels' does not exist"],
  ['const e: EventTypeAt<"2.14">[] = ["retry_forced"];', `Type '"retry_forced"' is not assignable`],
  [
    'parseEvent(text, { engine: "2.45.0" });',
    `Type '"2.45.0"' is not assignable to type '"\\"2.45.0\\" is not a modelled engine version (ENGINE_FORMATS lists them)"'`,
  ],
];

const ERRORS_FILE = `
import { parseEvent, type EventOf, type EventTypeAt } from ${JSON.stringify(ENTRY)};
declare const text: string;
${ERRORS.map(([line]) => `{ ${line} }`).join("\n")}
`;

describe("types per engine version, as a consumer compiles them", () => {
  let dir: string;
  let program: ts.Program;
  beforeAll(() => {
    dir = mkdtempSync(join(ROOT, ".tmp-engine-types-"));
    writeFileSync(join(dir, "compiles.ts"), COMPILES);
    writeFileSync(join(dir, "errors.ts"), ERRORS_FILE);
    program = ts.createProgram([join(dir, "compiles.ts"), join(dir, "errors.ts")], {
      ...STRICT_ESM_CONSUMER,
      lib: ["lib.es2022.d.ts"],
    });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("compiles the fields each version has", () => {
    expect(diagnosticMessages(program, join(dir, "compiles.ts"))).toEqual([]);
  });

  it("refuses, one error a line, each field and type a version does not have, and an unmodelled version", () => {
    const file = program.getSourceFile(join(dir, "errors.ts"))!;
    const byLine = new Map<number, string>();
    for (const d of ts.getPreEmitDiagnostics(program, file)) {
      const line = file.getLineAndCharacterOfPosition(d.start!).line;
      byLine.set(line, `${byLine.get(line) ?? ""}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}\n`);
    }
    const first = 3; // the line of the first case in ERRORS_FILE (0-based)
    ERRORS.forEach(([line, message], i) => expect(byLine.get(first + i) ?? "(no error)", line).toContain(message));
    expect(byLine.size).toBe(ERRORS.length);
  });
});
