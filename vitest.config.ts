import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // A worker per core: vitest's default leaves one core to itself (cores - 1), which on a 2-core
    // machine is one worker, and most of the suite's time is its workers' own CPU.
    maxWorkers: availableParallelism(),
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A turn of the event loop before each test: test/support/event-loop.ts says why.
    setupFiles: ["test/support/turn-before-each-test.ts"],
    // The JSON report is what .ci/run counts for its closing "N passed, N failed" line.
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-report.json" },
  },
});
