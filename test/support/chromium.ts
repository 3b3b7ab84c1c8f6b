// Debian's Chromium, driven by playwright-core with its executablePath (no browser download):
// the runtime matrix's browser and the browser whose own EventSource reads `serve`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { runsCleanly, type SystemDependency } from "./system.js";

/** Where Debian's package puts it. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Chromium as a system dependency of the tests (required with CI=true). */
export const CHROMIUM: SystemDependency = {
  what: `Chromium (${CHROMIUM_PATH})`,
  install: "apt-get install -y chromium",
  available: () => runsCleanly(CHROMIUM_PATH, ["--headless", "--no-sandbox", "--version"]),
};

/**
 * The flags it runs with here: as root (no sandbox), without a GPU, and without the background
 * connections that this machine's closed network would refuse, many at a time.
 */
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A headless Chromium with a fresh profile; `close` ends it and removes the profile. */
export async function launchChromium(
  extraArgs: string[] = [],
  timeout = 60_000,
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), "ironflow-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    timeout,
    args: [...FLAGS, ...extraArgs],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
