// Step 1: read schemas/ with json-schema-ref-parser. Numbers too large for a double are
// kept as their exact text (LosslessNumber), so that the bundle for other languages says
// 18446744073709551615 and not 18446744073709552000.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import $RefParser from "@apidevtools/json-schema-ref-parser";
import { LosslessNumber, parse } from "lossless-json";
import { ENGINE_VERSIONS_FILE } from "./engine-versions.js";

/** The `$id` of every schema is this base and its path under schemas/. */
export const ID_BASE = "https://ironflow.dev/schemas/events/";

export type Json = null | boolean | number | string | LosslessNumber | Json[] | { [key: string]: Json };
export type SchemaObject = { [key: string]: Json };

/** True for a JSON object (not an array, not an exact big number): a schema or a part of one. */
export function isSchemaObject(node: Json | undefined): node is SchemaObject {
  return node !== null && typeof node === "object" && !Array.isArray(node) && !(node instanceof LosslessNumber);
}

export interface SchemaFile {
  /** Absolute path on disk. */
  path: string;
  /** Path relative to schemas/, with forward slashes: `run_created.json`, `defs/uuid.json`. */
  relative: string;
  schema: SchemaObject;
}

export interface LoadedSchemas {
  /** The variant files (schemas/*.json but the version table), in their `x-order`. */
  variants: SchemaFile[];
  /** Every file a variant references, directly or not (schemas/defs/...). */
  defs: SchemaFile[];
}

/** Integers beyond 2^53 lose digits as doubles; keep their text. Everything else is a plain number. */
function parseNumber(text: string): number | LosslessNumber {
  const value = Number(text);
  return Number.isSafeInteger(value) || !/^-?\d+$/.test(text) ? value : new LosslessNumber(text);
}

const parser = {
  order: 1,
  canParse: ".json",
  parse: (file: { data: Buffer | string }) => parse(String(file.data), null, parseNumber),
};

/** The schemas' $ids are URLs that need not resolve: read them from schemas/ instead of the network. */
function localResolver(root: string) {
  return {
    order: 1,
    canRead: (file: { url: string }) => file.url.startsWith(ID_BASE),
    read: (file: { url: string }) => readFileSync(join(root, file.url.slice(ID_BASE.length))),
  };
}

export async function loadSchemas(schemasDir: string): Promise<LoadedSchemas> {
  const root = resolve(schemasDir);
  const options = {
    parse: { json: parser },
    resolve: { ironflow: localResolver(root), http: false },
  } as never;
  const files = new Map<string, SchemaFile>();
  const variantPaths = readdirSync(root)
    .filter((name) => name.endsWith(".json") && name !== ENGINE_VERSIONS_FILE) // the version table is no schema
    .map((name) => join(root, name));
  for (const path of variantPaths) {
    const refs = (await $RefParser.resolve(path, options)) as unknown as {
      values(): Record<string, unknown>;
    };
    for (const [location, schema] of Object.entries(refs.values())) {
      const relative = location.startsWith(ID_BASE)
        ? location.slice(ID_BASE.length)
        : location
            .slice(root.length + 1)
            .split("\\")
            .join("/");
      files.set(relative, {
        path: join(root, relative),
        relative,
        schema: schema as SchemaObject,
      });
    }
  }
  const variants = [...files.values()].filter((f) => !f.relative.includes("/"));
  variants.sort((a, b) => Number(a.schema["x-order"]) - Number(b.schema["x-order"]));
  const defs = [...files.values()].filter((f) => f.relative.includes("/"));
  defs.sort((a, b) => a.relative.localeCompare(b.relative));
  return { variants, defs };
}
