#!/usr/bin/env node
// Entry point of the `ironflow-events` command; the work is in src/cli/. The same module
// runs as the worker threads that validate large NDJSON files (src/cli/commands/validate/worker.ts).
import { isMainThread } from "node:worker_threads";
import { main } from "./cli/main.js";
import { runWorker } from "./cli/commands/validate/worker.js";

// A worker loads this module again, which plain Node can do for the built dist/cli.js only
// (run from source with tsx, the CLI keeps to one thread).
const workerEntry = import.meta.url.endsWith(".js") ? new URL(import.meta.url) : undefined;

if (isMainThread) process.exitCode = await main(process.argv.slice(2), { workerEntry });
else runWorker();
