// Step 9: generated/bundles.ts, the one module that imports each format's bundled schema, so
// that the runtime finds a format's JSON Schema by its id without naming a format itself (the
// Standard JSON Schema side of ironflow-events/standard). The newest is the top-level
// schema.json (its published $id), not a second copy of it.
import type { FormatSchemas } from "./filter-format.js";
import { formatSuffix } from "./emit-validators.js";

export function emitBundles(formats: readonly FormatSchemas[]): string {
  const newest = formats.at(-1)!.format;
  const name = (format: string) => (format === newest ? "newest" : `bundle${formatSuffix(format)}`);
  const path = (format: string) => (format === newest ? "./schema.json" : `./formats/${format}/schema.json`);
  return [
    ...formats.map(({ format }) => `import ${name(format)} from "${path(format)}" with { type: "json" };`),
    "",
    "/**",
    " * Each engine format's bundled JSON Schema (draft 2020-12), by format id: the schema that",
    " * ships as schemas/bundles/engine-<format>.json, the newest's as schema.json.",
    " * @example",
    " * ```ts",
    ` * FORMAT_BUNDLES["${formats[0]!.format}"].oneOf.length; // its variants`,
    " * ```",
    " */",
    "export const FORMAT_BUNDLES = {",
    ...formats.map(({ format }) => `  ${JSON.stringify(format)}: ${name(format)},`),
    "} as const;",
    "",
  ].join("\n");
}
