// An esbuild plugin: a JSON module is bundled as JSON.parse of its text, not as an object
// literal. Node compiles and runs a large literal more slowly than it parses the same data from
// one string: ironflow-events/standard carries every format's bundled schema, and its cold
// import costs about 0.8 ms less this way (docs/benchmarks.md). Marked pure, so that a bundle
// that uses none of the data leaves it out.
import { readFileSync } from "node:fs";
import type { Plugin } from "esbuild";

/**
 * @example
 * await build({ entryPoints: ["src/standard/index.ts"], bundle: true, plugins: [jsonAsText()] });
 */
export function jsonAsText(): Plugin {
  return {
    name: "json-as-text",
    setup(build) {
      build.onLoad({ filter: /\.json$/ }, (args) => {
        // Parsed here first: a file that is not JSON fails the build, not the package's load.
        const text = JSON.stringify(JSON.parse(readFileSync(args.path, "utf8")));
        return { contents: `export default /* @__PURE__ */ JSON.parse(${JSON.stringify(text)});`, loader: "js" };
      });
    },
  };
}
