#!/usr/bin/env node
// Entry point of the `ironflow-events` command; the work is in src/cli/. The same module
// runs as the worker threads that validate large NDJSON files (src/cli/worker.ts).
import { isMainThread } from "node:worker_threads";
import { main } from "./cli/main.js";
import { runWorker } from "./cli/worker.js";

if (isMainThread) process.exitCode = await main(process.argv.slice(2), { workerEntry: new URL(import.meta.url) });
else runWorker();
