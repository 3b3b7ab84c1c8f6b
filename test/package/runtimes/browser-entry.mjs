// The check in a page, for Chromium. The page is served with `Content-Security-Policy: script-src
// 'self'`: the report says which policy violations happened during the checks (none may), and
// that the policy is in force (a `new Function` after the checks is refused, and reported).
import * as api from "ironflow-events";
import { runChecks } from "./check.mjs";

const violations = [];
document.addEventListener("securitypolicyviolation", (event) =>
  violations.push(`${event.effectiveDirective} ${event.blockedURI}`),
);
// Violation events are queued as tasks: a short wait lets those of what came before arrive.
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

async function main() {
  let checks;
  try {
    checks = await runChecks(api, location.origin);
  } catch (error) {
    checks = { failed: String(error?.stack ?? error) };
  }
  await settle();
  const violationsDuringChecks = violations.slice();
  let codeGeneration;
  try {
    new Function("return 1")();
    codeGeneration = "allowed";
  } catch (error) {
    codeGeneration = error.name;
  }
  await settle();
  return {
    isSecureContext: globalThis.isSecureContext,
    checks,
    violationsDuringChecks,
    codeGeneration,
    violationsOfNewFunction: violations.slice(violationsDuringChecks.length),
  };
}

main().then((report) => {
  globalThis.report = report;
});
