#!/usr/bin/env node
// Entry point of the `ironflow-events` command; the work is in src/cli/.
import { main } from "./cli/main.js";

process.exitCode = await main(process.argv.slice(2));
