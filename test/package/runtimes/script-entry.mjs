// The check as a script, for Node, Bun and Deno: the origin of the test's server is the first argument.
import * as api from "ironflow-events";
import { runChecks } from "./check.mjs";

const origin = globalThis.Deno ? globalThis.Deno.args[0] : process.argv[2];
console.log(JSON.stringify(await runChecks(api, origin)));
