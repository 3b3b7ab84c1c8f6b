// The engine formats the package reads, in version order (the newest last): for each, what the
// runtime looks up when an event is read with that format. Made from the generated tables
// (generated/constants.ts) and validators (generated/validators.js), which the generator makes
// from the schemas' version table: nothing here names a format.
import { ENGINE_FORMAT_TABLES, type DefaultPlan, type NumberField } from "../../generated/constants.js";
import { FORMAT_VALIDATORS } from "../../generated/validators.js";
import type { AjvError } from "../../generated/validators.js";

/** A generated Event validator of one format. */
export interface FormatValidator {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}

/** One engine format, as the runtime reads events with it. */
export interface Format {
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
  /** Per event type, its defaults at any depth; and the types that have any, to compare with in turn. */
  readonly defaults: Readonly<Record<string, DefaultPlan | undefined>>;
  readonly typesWithDefaults: readonly string[];
  /** Per event type, what each of its own fields must be, in words. */
  readonly expectations: Readonly<Record<string, Readonly<Record<string, string>> | undefined>>;
  /** Per event type, what each nested field must be, by path with `*` for an index or key. */
  readonly nestedExpectations: Readonly<Record<string, Readonly<Record<string, string>> | undefined>>;
  /** Per event type, its number fields at any depth by path, and how the engine reads each. */
  readonly numbers: Readonly<Record<string, Readonly<Record<string, NumberField>> | undefined>>;
  /**
   * Per event type, the names of its unsigned integer fields (at any depth) with the largest
   * value in digits, and whether the field repeats (in an array's items): what the pre-check
   * of the text path looks for (a float spelling, too many digits).
   */
  readonly integerKeys: Readonly<Record<string, readonly IntegerKey[] | undefined>>;
}

export type { DefaultPlan, NumberField };

/** An unsigned integer field by its key: [key, its maximum in digits, whether it repeats]. */
export type IntegerKey = readonly [key: string, max: string, repeated: boolean];

/**
 * Every format, in version order; the newest last. Marked pure: a bundle of an app that reads
 * no event (Event's constants, filterEvents) leaves the formats, and their validators, out.
 */
export const FORMATS: readonly Format[] = /* @__PURE__ */ Object.freeze(
  /* @__PURE__ */ ENGINE_FORMAT_TABLES.map((table): Format => {
    const validators = FORMAT_VALIDATORS[table.format as keyof typeof FORMAT_VALIDATORS];
    const numbers = table.numbers as Format["numbers"];
    return Object.freeze({
      format: table.format,
      first: table.first,
      last: table.last,
      range: table.range,
      eventTypes: table.eventTypes as readonly string[],
      runStatuses: table.runStatuses as readonly string[],
      validate: validators.validate as FormatValidator,
      validateStrict: validators.strict as FormatValidator,
      defaults: table.defaults as Format["defaults"],
      typesWithDefaults: Object.keys(table.defaults),
      expectations: table.expectations as Format["expectations"],
      nestedExpectations: table.nestedExpectations as Format["nestedExpectations"],
      numbers,
      integerKeys: integerKeysOf(numbers),
    });
  }),
);

/** The newest format: the one read when no engine version is given. */
export const NEWEST: Format = /* @__PURE__ */ FORMATS.at(-1)!;

function integerKeysOf(numbers: Format["numbers"]): Format["integerKeys"] {
  const out: Record<string, IntegerKey[]> = {};
  for (const [type, fields] of Object.entries(numbers)) {
    const keys: IntegerKey[] = [];
    for (const [path, field] of Object.entries(fields ?? {}))
      if ("integer" in field) keys.push([path.slice(path.lastIndexOf("/") + 1), field.integer, path.includes("*")]);
    if (keys.length > 0) out[type] = keys;
  }
  return out;
}
