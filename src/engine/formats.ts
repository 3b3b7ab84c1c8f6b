// The engine formats the package reads, in version order (the newest last): for each, what the
// runtime looks up when an event is read with that format. Made from the generated tables
// (generated/constants.ts) and validators (generated/validators.js), which the generator makes
// from the schemas' version table: nothing here names a format.
import { ENGINE_FORMAT_TABLES, type DefaultPlan, type NumberField } from "../../generated/constants.js";
import { FORMAT_VALIDATORS } from "../../generated/validators.js";
import type { AjvError } from "../../generated/validators.js";
import type { IntegerAtEnd } from "../rules/integer-at-end.js";
import type { FastVerdict } from "../rules/fast-verdict.js";

/** A generated Event validator of one format. */
export interface FormatValidator {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}

export type { DefaultPlan, NumberField };

/**
 * A DefaultPlan in arrays, read by index: no `for...in` on the success path. `fresh[i]` says
 * that `values[i]` is an object or array, made anew for each event.
 */
export interface Filling {
  readonly keys: readonly string[];
  readonly values: readonly unknown[];
  readonly fresh: readonly boolean[];
  readonly nestedKeys: readonly string[];
  readonly nested: readonly Filling[];
  readonly items: Filling | undefined;
}

/** An unsigned integer field at any depth, as the pre-check of the text path looks for it. */
export interface IntegerKey {
  /** The event's own field that holds it: itself, or its container. */
  readonly field: string;
  /** Its key as written in the text, quoted: `"duration_ms"`. */
  readonly key: string;
  /** Its largest value, in digits. */
  readonly max: string;
  /** It is a field of the event itself (not nested). */
  readonly own: boolean;
  /** It repeats (in the items of an array). */
  readonly repeated: boolean;
  /** For a variant's only integer field: the look where the engine writes it (integerSpelledAtEnd). */
  readonly atEnd: IntegerAtEnd | undefined;
}

type FormatTable = (typeof ENGINE_FORMAT_TABLES)[number];

/**
 * One engine format, as the runtime reads events with it. What the success path reads are plain
 * fields of the object itself (a getter among them would cost every event a few percent); what
 * only the slow paths read are getters of the class, made on first use (the generated table
 * makes expectations and numbers then too).
 */
export class Format {
  /** Its id: the first MAJOR.MINOR of its range ("2.20"). */
  readonly format: string;
  readonly first: string;
  readonly last: string;
  /** The range as people write it: "2.20.x–2.40.x". */
  readonly range: string;
  readonly eventTypes: readonly string[];
  readonly runStatuses: readonly string[];
  readonly validate: FormatValidator;
  readonly validateStrict: FormatValidator;
  /**
   * The generated fast path (scripts/generate/fast-path.ts): true (or DEFAULTS_LEFT) only for an
   * event that validate and validateStrict accept, and that, given the text JSON.parse made it
   * of, the text path accepts without reading the text in full; false for anything it cannot
   * vouch for. Given the text, true also says that it filled in the event's defaults, in place
   * (src/rules/fast-verdict.ts).
   */
  readonly fast: (data: unknown, text?: string) => FastVerdict;
  /** Per event type, its defaults at any depth (as the generated tables say them). */
  readonly defaults: Readonly<Record<string, DefaultPlan | undefined>>;
  readonly #table: FormatTable;
  /** The generated looks at a variant's only integer where the engine writes it, by type. */
  readonly #ends: Readonly<Record<string, IntegerAtEnd | undefined>>;
  #fillingPlan: FillingPlan | undefined;
  #integerKeys: Readonly<Record<string, readonly IntegerKey[] | undefined>> | undefined;
  #typesWithIntegers: readonly string[] | undefined;

  constructor(table: FormatTable) {
    const validators = FORMAT_VALIDATORS[table.format as keyof typeof FORMAT_VALIDATORS];
    this.format = table.format;
    this.first = table.first;
    this.last = table.last;
    this.range = table.range;
    this.eventTypes = table.eventTypes as readonly string[];
    this.runStatuses = table.runStatuses as readonly string[];
    this.validate = validators.validate as FormatValidator;
    this.validateStrict = validators.strict as FormatValidator;
    this.fast = validators.fast;
    this.defaults = table.defaults;
    this.#table = table;
    this.#ends = validators.ends;
  }

  /**
   * The defaults as withDefaults walks them, worked out on the first event read with this
   * format (not when the package loads): a method, not a getter, so that the format's own
   * fields stay plain data on the success path.
   */
  fillingPlan(): FillingPlan {
    return (this.#fillingPlan ??= fillingPlanOf(this.#table));
  }

  /** Per event type, what each of its own fields must be, in words. */
  get expectations(): Readonly<Record<string, Readonly<Record<string, string>> | undefined>> {
    return this.#table.expectations;
  }

  /** Per event type, what each nested field must be, by path with `*` for an index or key. */
  get nestedExpectations(): Readonly<Record<string, Readonly<Record<string, string>> | undefined>> {
    return this.#table.nestedExpectations;
  }

  /** Per event type, its number fields at any depth by path, and how the engine reads each. */
  get numbers(): Readonly<Record<string, Readonly<Record<string, NumberField>> | undefined>> {
    return this.#table.numbers;
  }

  /**
   * Per event type, its unsigned integer fields at any depth: what the pre-check of the text
   * path looks for (a float spelling, too many digits).
   */
  get integerKeys(): Readonly<Record<string, readonly IntegerKey[] | undefined>> {
    return (this.#integerKeys ??= integerKeysOf(this.numbers, this.#ends));
  }

  /** The types that have any, to compare with in turn. */
  get typesWithIntegers(): readonly string[] {
    return (this.#typesWithIntegers ??= Object.keys(this.integerKeys));
  }
}

/**
 * Every format, in version order; the newest last. Marked pure: a bundle of an app that reads
 * no event (Event's constants, filterEvents) leaves the formats, and their validators, out.
 */
export const FORMATS: readonly Format[] = /* @__PURE__ */ Object.freeze(
  /* @__PURE__ */ ENGINE_FORMAT_TABLES.map((table) => {
    const format = new Format(table);
    Object.freeze(format); // its private memos stay writable: they are not properties
    return format;
  }),
);

/** The newest format: the one read when no engine version is given. */
export const NEWEST: Format = /* @__PURE__ */ FORMATS.at(-1)!;

/** A format's defaults as withDefaults walks them: arrays read by index, in the same order. */
export interface FillingPlan {
  /** The types that have any defaults, to compare with in turn. */
  readonly types: readonly string[];
  /** Their plans. */
  readonly fillings: readonly Filling[];
  /** The generated function that fills in the event's own defaults in place (none: nested ones only). */
  readonly fillers: readonly (((event: object) => void) | undefined)[];
}

function fillingPlanOf(table: FormatTable): FillingPlan {
  const fill = FORMAT_VALIDATORS[table.format as keyof typeof FORMAT_VALIDATORS].fill as Record<
    string,
    FillingPlan["fillers"][number]
  >;
  return {
    types: Object.keys(table.defaults),
    fillings: Object.values(table.defaults as Record<string, DefaultPlan>).map(fillingOf),
    fillers: Object.keys(table.defaults).map((type) => fill[type]),
  };
}

function fillingOf(plan: DefaultPlan): Filling {
  const fields = Object.entries(plan.fields ?? {});
  const nested = Object.entries(plan.nested ?? {});
  return {
    keys: fields.map(([key]) => key),
    values: fields.map(([, value]) => value),
    fresh: fields.map(([, value]) => value !== null && typeof value === "object"),
    nestedKeys: nested.map(([key]) => key),
    nested: nested.map(([, inner]) => fillingOf(inner)),
    items: plan.items === undefined ? undefined : fillingOf(plan.items),
  };
}

function integerKeysOf(
  numbers: Format["numbers"],
  ends: Readonly<Record<string, IntegerAtEnd | undefined>>,
): Format["integerKeys"] {
  const out: Record<string, IntegerKey[]> = {};
  for (const [type, fields] of Object.entries(numbers)) {
    const keys: IntegerKey[] = [];
    for (const [path, field] of Object.entries(fields ?? {}))
      if ("integer" in field) {
        const steps = path.split("/");
        keys.push({
          field: steps[0]!,
          key: `"${steps.at(-1)!}"`,
          max: field.integer,
          own: steps.length === 1,
          repeated: steps.includes("*"),
          atEnd: ends[type],
        });
      }
    if (keys.length > 0) out[type] = keys;
  }
  return out;
}
