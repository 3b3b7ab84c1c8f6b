// Step 7: the constants the runtime needs, in the order of the schemas' x-order. For the newest
// engine format under the names they had before there were formats: the event types, the enum
// values, the defaults applied when parsing, the expectations that error messages quote, the
// descriptions. Then one table per format (ENGINE_FORMAT_TABLES) with what the runtime looks
// up for a chosen engine version: its types and statuses, its defaults at any depth, its
// expectations, and its number fields at any depth (what the text reader checks as serde reads
// them). Apart from those, light tables that need no validator and none of those: each
// format's range (ENGINE_RANGES, all that resolving an engine version reads, so that code which
// only resolves one, such as the lifecycle helpers, carries a few hundred bytes, not every
// format's defaults) and its run lifecycle (ENGINE_LIFECYCLES, TERMINAL_STATUSES for the newest). Plain data: nothing here runs at import beyond object literals.
import { defName } from "./bundle.js";
import { formatSuffix } from "./emit-validators.js";
import type { FormatSchemas } from "./filter-format.js";
import type { Lifecycle } from "./lifecycle.js";
import { formatNamespace } from "./emit-types.js";
import { rangeText, type EngineVersions } from "./engine-versions.js";
import { expectation } from "./expectations.js";
import { fieldPaths, numberField, type NumberField } from "./field-paths.js";
import type { Json, SchemaFile, SchemaObject } from "./load-schemas.js";
import { firstSentence, parsedJson } from "./text.js";

/**
 * Every event type any modelled format has, with the range of the first format that has it:
 * what an "unknown type" message names (docs/engine-versions.md). Made over every format even
 * for a module of some formats alone (scripts/build/one-format.ts), so that an entry of one
 * format words those messages as the main entry does.
 * @example
 * eventTypeRanges(formats, versions).retry_forced; // "2.20.x–2.40.x"
 */
export function eventTypeRanges(formats: readonly FormatSchemas[], versions: EngineVersions): Record<string, string> {
  const ranges: Record<string, string> = {};
  formats.forEach(({ loaded }, i) => {
    for (const file of loaded.variants) ranges[defName(file)] ??= rangeText(versions.formats[i]!);
  });
  return ranges;
}

/**
 * generated/constants.ts for `formats` (a run of the version table `versions`); `typeRanges`
 * as eventTypeRanges gives it, over every modelled format.
 */
export function emitConstants(
  formats: readonly FormatSchemas[],
  versions: EngineVersions,
  typeRanges: Record<string, string> = eventTypeRanges(formats, versions),
): string {
  const newest = formats.at(-1)!;
  const enums = enumFiles(newest);
  const tables = formats.map((format) => formatTable(format));
  const newestTable = tables.at(-1)!;
  const olderNamespaces = formats.slice(0, -1).map((f) => formatNamespace(f.format));
  // The lists are frozen: error messages and the CLI read them, so a caller must not change them.
  const lines: string[] = [
    `import type { EventType, ${enums.map((f) => f.schema.title).join(", ")} } from "../src/types.js";`,
    `import type { EngineFormats${olderNamespaces.map((n) => `, ${n}`).join("")} } from "./types.js";`,
    "",
    "/**",
    " * The version of the engine (`ironflow-engine`) whose wire format the package reads by",
    " * default: the newest it models. Every function that reads events takes an `engine` option",
    " * for another one (ENGINE_FORMATS lists them). The package's own version is separate (see",
    ' * "Versioning" in the README). Written from schemas/engine-versions.json.',
    " * @example",
    ` * console.log(\`events of ironflow-engine \${ENGINE_VERSION}\`); // events of ironflow-engine ${versions.engineVersion}`,
    " */",
    `export const ENGINE_VERSION = ${JSON.stringify(versions.engineVersion)} as const;`,
    "",
    "/**",
    " * Every event type, in the engine's order (the same list as `Event.ALL`, as a tuple type).",
    " * @example",
    " * const known = (EVENT_TYPES as readonly string[]).includes(message.type);",
    " */",
    `export const EVENT_TYPES = /* @__PURE__ */ Object.freeze(${JSON.stringify(newestTable.eventTypes)} as const) satisfies readonly EventType[];`,
    "",
    "/**",
    ' * The event type constants, as the engine names them (`Event.RUN_CREATED` is `"run_created"`),',
    " * and `ALL` of them in the engine's order. `Event` is also the type of any event.",
    " * @example",
    " * if (event.type === Event.RUN_FAILED) console.error(event.error);",
    " * for (const type of Event.ALL) console.log(type); // run_created, run_status_changed, ...",
    " */",
    "export const Event = /* @__PURE__ */ Object.freeze({",
    ...newestTable.eventTypes.map((t) => `  ${constantName(t)}: ${JSON.stringify(t)},`),
    "  ALL: EVENT_TYPES as readonly EventType[],",
    "} as const);",
  ];
  for (const file of enums) {
    const title = file.schema.title as string;
    lines.push(
      "",
      "/**",
      ` * Every ${title} value, in the schema's order. ${firstSentence(file.schema.description as string)}`,
      " * @example",
      ` * ${enumConstant(title)}.includes(${JSON.stringify((file.schema.enum as string[])[0])}); // true`,
      " */",
      `export const ${enumConstant(title)} = /* @__PURE__ */ Object.freeze(${JSON.stringify(file.schema.enum)} as const) satisfies readonly ${title}[];`,
    );
  }
  const newestStatuses = `EngineFormats[${JSON.stringify(newest.format)}]["runStatus"]`;
  lines.push(
    "",
    "/**",
    ` * The statuses a run never leaves, of the newest engine (isTerminal takes \`engine\` for another): ${newest.lifecycle.terminal.join(", ")}.`,
    " * @example",
    ' * if (event.type === "run_status_changed" && TERMINAL_STATUSES.includes(event.to)) forget(event.run_id);',
    " */",
    `export const TERMINAL_STATUSES = /* @__PURE__ */ Object.freeze(${JSON.stringify(newest.lifecycle.terminal)} as const) satisfies readonly ${newestStatuses}[];`,
  );
  lines.push(
    "",
    "/** Values given to properties an event may leave out, by event type (the event's own fields; nested ones are in ENGINE_FORMAT_TABLES). */",
    `export const DEFAULTS: { readonly [T in EventType]?: Readonly<Record<string, unknown>> } = ${JSON.stringify(topDefaults(newestTable.defaults))};`,
    "",
    "/** Each event type with the first sentence of its schema's description. */",
    `export const DESCRIPTIONS: { readonly [T in EventType]: string } = ${JSON.stringify(
      Object.fromEntries(
        newest.loaded.variants.map((file) => [defName(file), firstSentence(file.schema.description as string)]),
      ),
    )};`,
    "",
    FORMAT_TABLE_TYPES,
    "",
    "/**",
    " * `make`, called once on first use. The tables made this way are JSON text inside a function",
    " * (scripts/generate/text.ts, parsedJson): a module load only scans a string, and builds none.",
    " */",
    "function lazy<T>(make: () => T): () => T {",
    "  let value: T | undefined;",
    "  return () => (value ??= make());",
    "}",
  );
  for (const [i, format] of formats.entries()) {
    const table = tables[i]!;
    const entry = versions.formats[i]!;
    const isNewest = format === newest;
    const types = isNewest ? "EventType" : `keyof ${formatNamespace(format.format)}.EventTypeMap`;
    const statuses = `EngineFormats[${JSON.stringify(format.format)}]["runStatus"]`;
    const suffix = formatSuffix(format.format);
    // What only the slow paths read (issues, the text read, the testing kit): made on first
    // use, not built when the package loads.
    const details = {
      expectations: table.expectations,
      nestedExpectations: table.nestedExpectations,
      numbers: table.numbers,
    };
    const detailsType = `Pick<EngineFormatTable<${types}, ${statuses}>, ${Object.keys(details)
      .map((key) => JSON.stringify(key))
      .join(" | ")}>`;
    const getter = (key: string) => `  get ${key}() { return details${suffix}().${key}; },`;
    lines.push(
      "",
      `/** The slow paths' part of engine ${rangeText(entry)}'s table. */`,
      `const details${suffix} = /* @__PURE__ */ lazy((): ${detailsType} => ${parsedJson(details)});`,
      "",
      `/** What the runtime looks up for engine ${rangeText(entry)}. */`,
      `const FORMAT${formatSuffix(format.format)}: EngineFormatTable<${types}, ${statuses}> = {`,
      `  format: ${JSON.stringify(format.format)},`,
      `  first: ${JSON.stringify(entry.first)},`,
      `  last: ${JSON.stringify(entry.last)},`,
      `  range: ${JSON.stringify(rangeText(entry))},`,
      `  eventTypes: ${isNewest ? "EVENT_TYPES" : `/* @__PURE__ */ Object.freeze(${JSON.stringify(table.eventTypes)} as const)`},`,
      `  runStatuses: ${isNewest ? "RUN_STATUSES" : `/* @__PURE__ */ Object.freeze(${JSON.stringify(table.runStatuses)} as const)`},`,
      `  defaults: ${JSON.stringify(table.defaults)},`,
      getter("expectations"),
      getter("nestedExpectations"),
      getter("numbers"),
      "};",
    );
  }
  lines.push(
    "",
    "/** Every engine format's table, in version order (the newest last). */",
    `export const ENGINE_FORMAT_TABLES = /* @__PURE__ */ Object.freeze([${formats.map((f) => `FORMAT${formatSuffix(f.format)}`).join(", ")}] as const);`,
    "",
    "/** Each event type of any modelled format, with the range of the first format that has it (what an unknown type's message names). */",
    `export const EVENT_TYPE_RANGES: Readonly<Record<string, string>> = /* @__PURE__ */ Object.freeze(${JSON.stringify(typeRanges)});`,
    "",
    "/** Every engine format's range (as in ENGINE_FORMAT_TABLES, in the same order): what resolving an engine version reads. */",
    `export const ENGINE_RANGES: readonly EngineRange[] = /* @__PURE__ */ Object.freeze(${JSON.stringify(
      versions.formats.map((entry) => ({
        format: entry.format,
        first: entry.first,
        last: entry.last,
        range: rangeText(entry),
      })),
    )});`,
  );
  for (const [i, format] of formats.entries()) {
    const statuses = `EngineFormats[${JSON.stringify(format.format)}]["runStatus"]`;
    lines.push(
      "",
      `/** The run lifecycle of engine ${rangeText(versions.formats[i]!)}. */`,
      `const LIFECYCLE${formatSuffix(format.format)}: RunLifecycle<${statuses}> = ${JSON.stringify(runLifecycle(format.lifecycle, tables[i]!.runStatuses))};`,
    );
  }
  lines.push(
    "",
    "/** Every engine format's run lifecycle, in the order of ENGINE_FORMAT_TABLES. */",
    `export const ENGINE_LIFECYCLES = /* @__PURE__ */ Object.freeze([${formats.map((f) => `LIFECYCLE${formatSuffix(f.format)}`).join(", ")}] as const);`,
  );
  return lines.join("\n");
}

/** The types of the tables, written into the generated module beside them. */
const FORMAT_TABLE_TYPES = `/**
 * The defaults of one object of an event (the event itself, a nested object, an array's items):
 * values for fields left out, and the plans of its fields that hold objects with defaults.
 */
export interface DefaultPlan {
  /** Field name -> the value the engine reads when it is absent (copy objects and arrays before use). */
  readonly fields?: Readonly<Record<string, unknown>>;
  /** Field name -> the plan of the object (or, with \`items\`, the array) it holds. */
  readonly nested?: Readonly<Record<string, DefaultPlan>>;
  /** For an array: the plan of each item. */
  readonly items?: DefaultPlan;
}

/** How the engine reads a number field: an unsigned integer up to \`max\` (digits), or a float below \`limit\` in magnitude. */
export type NumberField = { readonly integer: string } | { readonly float: number | null };

/**
 * The run lifecycle of one engine format, as its store allows moves (RunStatus::can_transition_to):
 * schemas/defs/run-status.json's x-transitions, for that format.
 */
export interface RunLifecycle<S extends string> {
  /** Per status, the other statuses a run may move to from it, in the engine's order; none for a terminal status. */
  readonly next: { readonly [K in S]: readonly S[] };
  /** The statuses a run never leaves. */
  readonly terminal: readonly S[];
  /** The statuses whose move to themselves is legal: the store's idempotent no-op on a terminal status. */
  readonly idempotent: readonly S[];
}

/** One engine format's range of versions. */
export interface EngineRange {
  /** Its id: the first engine version of its range. */
  readonly format: string;
  /** First and last MAJOR.MINOR of its range. */
  readonly first: string;
  readonly last: string;
  /** The range as people write it: "2.20.x–2.40.x". */
  readonly range: string;
}

/** What the runtime looks up for one engine format: its range, and what reading its events needs. */
export interface EngineFormatTable<T extends string, S extends string> extends EngineRange {
  readonly eventTypes: readonly T[];
  readonly runStatuses: readonly S[];
  /** Per event type, its defaults at any depth. */
  readonly defaults: { readonly [K in T]?: DefaultPlan };
  /** Per event type, what each of its own fields must be, in words. */
  readonly expectations: { readonly [K in T]: Readonly<Record<string, string>> };
  /** Per event type, what each nested field must be, by path ("requirement/required_approvers", "windows/*\\/utilization"). */
  readonly nestedExpectations: { readonly [K in T]?: Readonly<Record<string, string>> };
  /** Per event type, its number fields at any depth, by path, and how the engine reads each. */
  readonly numbers: { readonly [K in T]?: Readonly<Record<string, NumberField>> };
}`;

interface Table {
  eventTypes: string[];
  runStatuses: string[];
  defaults: Record<string, DefaultPlan>;
  expectations: Record<string, Record<string, string>>;
  nestedExpectations: Record<string, Record<string, string>>;
  numbers: Record<string, Record<string, NumberField>>;
}

interface DefaultPlan {
  fields?: Record<string, Json>;
  nested?: Record<string, DefaultPlan>;
  items?: DefaultPlan;
}

/** One format's table, from its bundle. */
function formatTable({ loaded, bundle }: FormatSchemas): Table {
  const $defs = bundle.$defs as Record<string, SchemaObject>;
  const table: Table = {
    eventTypes: loaded.variants.map(defName),
    runStatuses: ($defs["run-status"]?.enum ?? []) as string[],
    defaults: {},
    expectations: {},
    nestedExpectations: {},
    numbers: {},
  };
  for (const file of loaded.variants) {
    const type = defName(file);
    const variant = $defs[type]!;
    table.expectations[type] = {};
    const plan: DefaultPlan = {};
    for (const { path, schema } of fieldPaths(variant, $defs)) {
      const key = path.join("/");
      if (path.length === 1) table.expectations[type][key] = expectation(schema, $defs);
      else (table.nestedExpectations[type] ??= {})[key] = expectation(schema, $defs);
      if ("default" in schema) {
        const parent = planAt(plan, path.slice(0, -1));
        (parent.fields ??= {})[path.at(-1)!] = schema.default!;
      }
      const number = numberField(schema, $defs);
      if (number !== undefined) (table.numbers[type] ??= {})[key] = number;
    }
    if (Object.keys(plan).length > 0) table.defaults[type] = plan;
  }
  return table;
}

/** The plan of the object at `path` under `root` (made on the way): `*` steps into an array's items. */
function planAt(root: DefaultPlan, path: string[]): DefaultPlan {
  let plan = root;
  for (const step of path) plan = step === "*" ? (plan.items ??= {}) : ((plan.nested ??= {})[step] ??= {});
  return plan;
}

/**
 * A format's lifecycle as the runtime reads it: the moves to another status by status (every
 * status of the format, in the schema's order), the terminal statuses, and the statuses whose
 * move to themselves is the store's no-op.
 */
function runLifecycle({ transitions, terminal }: Lifecycle, statuses: readonly string[]) {
  return {
    next: Object.fromEntries(statuses.map((status) => [status, transitions[status]!.filter((to) => to !== status)])),
    terminal,
    idempotent: statuses.filter((status) => transitions[status]!.includes(status)),
  };
}

/** The event's own defaults of each type (the flat table of before nested defaults). */
function topDefaults(plans: Record<string, DefaultPlan>): Record<string, Record<string, Json>> {
  const out: Record<string, Record<string, Json>> = {};
  for (const [type, plan] of Object.entries(plans)) if (plan.fields) out[type] = plan.fields;
  return out;
}

/** The enum definitions of a format, in file order. */
function enumFiles({ loaded }: FormatSchemas): SchemaFile[] {
  return loaded.defs.filter((file) => Array.isArray(file.schema.enum));
}

/** A wire type as a constant name: `provider_account.updated` -> PROVIDER_ACCOUNT_UPDATED. */
function constantName(type: string): string {
  return type.replaceAll(".", "_").toUpperCase();
}

/** The constant that lists an enum's values: RunStatus -> RUN_STATUSES. */
function enumConstant(title: string): string {
  const name = title.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
  return name.endsWith("S") ? `${name}ES` : `${name}S`;
}
