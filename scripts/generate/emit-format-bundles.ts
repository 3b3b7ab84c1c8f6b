// generated/format-bundles.ts: each engine format's bundle (generated/formats/<format>/schema.json)
// by format id, as static JSON imports, so that code which prints a chosen version's schema (the
// CLI's `schema --engine`) finds it without naming a format: adding one is `npm run generate`.
import { formatSuffix } from "./emit-validators.js";
import type { FormatSchemas } from "./filter-format.js";

/**
 * @example
 * emitFormatBundles(formats); // 'import BUNDLE_2_14 from "./formats/2.14/schema.json" with { type: "json" }; …'
 */
export function emitFormatBundles(formats: readonly FormatSchemas[]): string {
  const name = (format: string) => `BUNDLE${formatSuffix(format)}`;
  return [
    ...formats.map(
      ({ format }) => `import ${name(format)} from "./formats/${format}/schema.json" with { type: "json" };`,
    ),
    "",
    "/** Each engine format's bundled JSON Schema, by format id (ENGINE_FORMAT_TABLES' `format`), in version order. */",
    `export const FORMAT_BUNDLES: Readonly<Record<string, object>> = /* @__PURE__ */ Object.freeze({`,
    ...formats.map(({ format }) => `  ${JSON.stringify(format)}: ${name(format)},`),
    "});",
    "",
  ].join("\n");
}
