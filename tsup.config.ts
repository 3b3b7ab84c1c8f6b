import { copyFileSync, readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

/**
 * Generated files the package ships at its root, so that `ironflow-events/schema.json` is a
 * real path there and resolves under every resolver, those that ignore `exports` included.
 * They are build output (ignored by git); generated/ stays the one committed copy.
 */
const ROOT_ASSETS = ["schema.json", "asyncapi.yaml"];

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
    onSuccess: async () => {
      for (const name of ROOT_ASSETS) copyFileSync(`generated/${name}`, name);
    },
  },
  {
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  },
]);
