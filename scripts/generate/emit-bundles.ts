// Step 9: generated/bundles.ts, the one module that holds each format's bundled schema, so that
// the runtime finds a format's JSON Schema by its id without naming a format itself (the
// Standard JSON Schema side of ironflow-events/standard, and the CLI's `schema`). Each is the
// value its file holds (formats/<format>/schema.json; the newest's, the top-level schema.json,
// with its published $id), kept as JSON text and made on first use: loading the module only
// scans the strings, where bundling the files' objects cost ironflow-events/standard's cold
// import about 1.5 ms (docs/benchmarks.md).
import type { FormatSchemas } from "./filter-format.js";
import { parsedJson } from "./text.js";

/**
 * The module's text. `bundles[format]` is the bundle as its file holds it (JSON.parse of the
 * file the generator writes), for every format of `formats`.
 * @example
 * emitBundles(formats, { "2.14": bundle214, "2.20": bundle220, "2.52": newest }); // "…export function formatBundle…"
 */
export function emitBundles(formats: readonly FormatSchemas[], bundles: Readonly<Record<string, unknown>>): string {
  const ids = formats.map(({ format }) => format);
  for (const id of ids) if (bundles[id] === undefined) throw new Error(`emitBundles: no bundle for format ${id}`);
  const newest = bundles[ids.at(-1)!] as { $id?: unknown };
  if (typeof newest.$id !== "string") throw new Error("emitBundles: the newest bundle has no $id");
  return [
    "/** A JSON Schema, as JSON.parse makes it. */",
    "export type JsonObject = Record<string, unknown>;",
    "",
    "/** The formats whose bundles the module holds. */",
    `export type BundleFormat = ${ids.map((id) => JSON.stringify(id)).join(" | ")};`,
    "",
    "/** The newest format's bundle's $id: that of the top-level schema.json. */",
    `export const NEWEST_BUNDLE_ID = ${JSON.stringify(newest.$id)};`,
    "",
    "/**",
    " * An engine format's bundled JSON Schema (draft 2020-12): the schema that ships as",
    " * schemas/bundles/engine-<format>.json, the newest's as schema.json. Made from its JSON text on",
    " * the first call; every call then gives that object, so a caller copies it before changing it.",
    " * @example",
    " * ```ts",
    ` * (formatBundle(${JSON.stringify(ids[0])}).oneOf as unknown[]).length; // its variants`,
    " * ```",
    " */",
    "export function formatBundle(format: BundleFormat): JsonObject {",
    "  return (made[format] ??= TEXTS[format]());",
    "}",
    "",
    "const made: Partial<Record<BundleFormat, JsonObject>> = {};",
    "",
    "/** Each bundle's JSON text, parsed when first asked for. */",
    "const TEXTS: Record<BundleFormat, () => JsonObject> = {",
    ...ids.map((id) => `  ${JSON.stringify(id)}: () => ${parsedJson(bundles[id])},`),
    "};",
    "",
  ].join("\n");
}
