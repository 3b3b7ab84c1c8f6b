import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

// dist/: the library as ESM and CommonJS with declarations for both, and the CLI.
// Everything it uses is bundled in, so the published package has no dependencies.
export default defineConfig([
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    target: "node20",
    platform: "neutral",
    sourcemap: false,
  },
  {
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  },
]);
