// Part of step 5: the fast path of every engine format, written ahead of time beside Ajv's
// validators. Per format, a function that dispatches on the `type` string to one straight-line
// check per variant (each distinct check emitted once, shared by the formats that have it): the
// package's own format checks (src/rules), each field read once, a count of the enumerable keys
// instead of a walk over them, and, given the text JSON.parse read, the look at the spelling of
// the variant's unsigned integer fields (src/rules/integer-spelling.ts, as needs-scan.ts makes
// it), for the variants that have any. It answers true only for an event that the full path (Ajv's validator, its
// x-engine-json walk, strict mode's check and the text pre-check) accepts without a word; for
// anything else it answers false, and the full path, the one source of issues, reads the event.
// Given the text (a value parseEvent made, its own to change), a variant's check also fills in
// the event's own defaults where it left them out (the format's filler, fillers.ts), so the
// text path needs no second dispatch on the type; where a field that holds defaults of its own
// is there (an approval's requirement object), it answers DEFAULTS_LEFT instead, and the caller
// fills them in (src/rules/fast-verdict.ts).
// A UUID at the top of an event goes through a memo of the last one its field held (UuidMemo).
import * as rules from "../../src/rules/index.js";
import { ASCII_ONLY_FORMATS, FLOAT_NEAR_LIMIT, isWellFormed, nearLimit } from "../../src/rules/index.js";
import { defName as definitionName } from "./bundle.js";
import { fieldPaths, numberField } from "./field-paths.js";
import type { FormatSchemas } from "./filter-format.js";
import { integerTail, type FieldAfter } from "./integer-tails.js";
import type { SchemaObject } from "./load-schemas.js";

type Node = Record<string, unknown>;

/** What the fast path adds to the validators' module. */
export interface FastPathCode {
  /** What the code reads from src/rules, by name. */
  rules: string[];
  /** The constants (integer tails, memos), then the functions (each distinct one once), then one dispatcher per format. */
  declarations: string[];
  /** Per format, the name of its dispatcher: `fastEvent_2_52(data, text?)`. */
  dispatchers: Map<string, string>;
  /** Per format, an object literal: each type whose only integer has a look at its end -> that look's name. */
  ends: Map<string, string>;
}

/** The keywords the fast path understands; any other one stops the generator. */
const KEYWORDS = new Set([
  "$ref",
  "anyOf",
  "const",
  "enum",
  "type",
  "format",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "x-engine-json",
]);

/** The unsigned integer key of a variant, as needs-scan.ts looks for it (the runtime's IntegerKey). */
interface IntegerKey {
  field: string;
  key: string;
  max: string;
  own: boolean;
  repeated: boolean;
  /** For a variant's only integer field: the fields after it (integer-tails.ts). */
  after?: FieldAfter[];
}

/** One format, as the fast path is compiled for it. */
export interface FastPathInput {
  format: FormatSchemas;
  /** The schema its default Ajv validators are compiled from (emit-validators.ts's validatorSchemas). */
  schema: object;
  /** The name of its dispatcher. */
  name: string;
  /** Its defaults: each type's filler of the event's own fields, and the own fields that hold nested ones (fillers.ts). */
  defaults: { fillers: ReadonlyMap<string, string>; nested: ReadonlyMap<string, readonly string[]> };
}

/**
 * The fast paths of the formats, compiled from the same schemas as their Ajv validators.
 * @example
 * const { declarations, dispatchers } = fastPaths(formats.map((format) => ({ format, schema, name })));
 * dispatchers.get("2.52"); // "fastEvent_2_52"
 */
export function fastPaths(inputs: readonly FastPathInput[]): FastPathCode {
  const out = new Emitter();
  const dispatchers = new Map<string, string>();
  const ends = new Map<string, string>();
  for (const { format, schema, name, defaults } of inputs) {
    const prepared = schema as Node;
    const $defs = prepared.$defs as Record<string, Node>;
    const bundleDefs = format.bundle.$defs as Record<string, SchemaObject>;
    const cases = format.loaded.variants.map((file) => {
      const defName = definitionName(file);
      const variant = $defs[defName];
      if (variant === undefined)
        throw new Error(`fast-path: the bundle of ${format.format} has no definition ${defName}`);
      const tag = ((variant.properties as Node).type as Node).const;
      if (typeof tag !== "string") throw new Error(`fast-path: ${defName} has no const type`);
      const integers = integerKeys(bundleDefs[defName]!, bundleDefs);
      const only = integers[0];
      const end = only?.after === undefined ? undefined : out.tail(only.key, only.max, only.after);
      const ending = { filler: defaults.fillers.get(defName), holders: defaults.nested.get(defName) ?? [] };
      return { tag, end, fn: out.variant(variant, $defs, integers, defName, ending) };
    });
    out.declarations.push(dispatcher(name, cases));
    dispatchers.set(format.format, name);
    const withEnds = cases.filter((c) => c.end !== undefined).map((c) => `${JSON.stringify(c.tag)}: ${c.end!}`);
    ends.set(format.format, `{ ${withEnds.join(", ")} }`);
  }
  const declarations = [...out.constantDeclarations(), ...out.declarations];
  return { ...out.imports(), declarations, dispatchers, ends };
}

/**
 * A variant's unsigned integer keys at any depth, in the order the runtime lists them
 * (src/engine/formats.ts reads them from the number fields of generated/constants.ts, which
 * are made from the same field paths in the same order).
 */
function integerKeys(variant: SchemaObject, $defs: Record<string, SchemaObject>): IntegerKey[] {
  const seen = new Set<string>();
  const keys: IntegerKey[] = [];
  for (const { path, schema } of fieldPaths(variant, $defs)) {
    const number = numberField(schema, $defs);
    const at = path.join("/");
    if (number === undefined || !("integer" in number) || seen.has(at)) continue;
    seen.add(at);
    keys.push({
      field: path[0]!,
      key: JSON.stringify(path.at(-1)!),
      max: number.integer,
      own: path.length === 1,
      repeated: path.includes("*"),
    });
  }
  const tail = integerTail(variant, $defs);
  if (tail !== undefined) keys[0]!.after = tail.after;
  return keys;
}

/**
 * The dispatcher of one format: an object with a plain prototype, whose `type` is a string;
 * compared by length first (a string JSON.parse made is not interned, so each comparison with
 * a constant compares characters), then with each type of that length.
 */
function dispatcher(name: string, cases: { tag: string; fn: string }[]): string {
  const byLength = new Map<number, { tag: string; fn: string }[]>();
  for (const c of cases) byLength.set(c.tag.length, [...(byLength.get(c.tag.length) ?? []), c]);
  const arms = [...byLength]
    .sort(([a], [b]) => a - b)
    .map(
      ([length, list]) =>
        `case ${length}: ${list.map(({ tag, fn }) => `if (type === ${JSON.stringify(tag)}) return ${fn}(data, text);`).join(" ")} break;`,
    );
  return [
    "/** The fast path of one format: true (or DEFAULTS_LEFT) only for an event its full path accepts without a word. */",
    `function ${name}(data, text) {`,
    'if (typeof data !== "object" || data === null) return false;',
    // Given its text, the value is what JSON.parse made of it: a plain object of this realm,
    // so the look at its prototype (a call on every event) is left to a caller's own values.
    "if (text === undefined) { const proto = Object.getPrototypeOf(data);",
    "if (proto !== Object.prototype && proto !== null && !isPlainRecord(data)) return false; }",
    "const type = data.type;",
    'if (typeof type !== "string") return false;',
    `switch (type.length) { ${arms.join(" ")} }`,
    "return false; }",
  ].join(" ");
}

/** How a variant's check ends once the event passed: see fast-path.ts's header. */
interface VariantEnd {
  /** The format's filler of the event's own defaults, if it has any (fillers.ts). */
  filler: string | undefined;
  /** Its own fields that hold defaults of their own (an approval's `requirement`). */
  holders: readonly string[];
}

/** The functions written so far (each distinct body once), and the memos they use. */
class Emitter {
  readonly declarations: string[] = [];
  private readonly names = new Map<string, string>(); // parameters and body -> name
  private readonly memos = new Map<string, string>(); // field -> memo name
  private readonly tails = new Map<string, string>(); // the look at an integer where the engine writes it -> name
  private readonly used = new Set<string>(["isPlainRecord"]);

  /** The name of a function with `params` and `body`, declared once. */
  private fn(prefix: string, params: string, body: string, comment: string): string {
    const key = `${params}\n${body}`;
    let name = this.names.get(key);
    if (name === undefined) {
      name = `${prefix}${this.names.size}`;
      this.names.set(key, name);
      // One line per function, as Ajv's code with `code.lines: false`: prettier lays it out.
      this.declarations.push(`/** ${comment} */ function ${name}(${params}) { ${body.replaceAll("\n", " ")} }`);
    }
    return name;
  }

  /**
   * The check of a variant (an object with a plain prototype, known by the dispatcher to have its
   * `type`), ending as fast-path.ts's header says: given the text, the event's own defaults
   * filled in with `filler` (if it has any), then DEFAULTS_LEFT where a field of `holders` (one
   * with defaults inside) holds a value, else true.
   */
  variant(schema: Node, $defs: Record<string, Node>, integers: IntegerKey[], name: string, ending: VariantEnd): string {
    const body = this.objectBody(schema, $defs, { root: true, integers });
    if (!body.endsWith("\nreturn true;")) throw new Error(`fast-path: the check of ${name} does not end in its answer`);
    const given: string[] = [];
    if (ending.filler !== undefined) given.push(`${ending.filler}(data);`);
    if (ending.holders.length > 0) {
      this.used.add("DEFAULTS_LEFT");
      const held = ending.holders.map((field) => `${member("data", field)} != null`).join(" || ");
      given.push(`if (${held}) return DEFAULTS_LEFT;`);
    }
    const answer = given.length === 0 ? "" : `if (text !== undefined) { ${given.join(" ")} }\n`;
    const code = `${body.slice(0, -"return true;".length)}${answer}return true;`;
    return this.fn("fast", "data, text", code, `The fast path of ${name}.`);
  }

  /** The statements of an object's check, ending in `return true`; `data` is known to be an object. */
  private objectBody(
    schema: Node,
    $defs: Record<string, Node>,
    at: { root: boolean; integers?: IntegerKey[] },
  ): string {
    checkKeywords(schema);
    const properties = schema.properties as Record<string, Node>;
    const required = new Set((schema.required ?? []) as string[]);
    const names = Object.keys(properties);
    for (const name of required)
      if (!names.includes(name)) throw new Error(`fast-path: required "${name}" is not a property; teach fast-path.ts`);
    const lines: string[] = [];
    const locals = new Map<string, string>();
    names.forEach((name, i) => {
      if (!isWellFormed(name)) throw new Error(`fast-path: property name ${JSON.stringify(name)} is not well-formed`);
      // The dispatcher compared the variant's `type` with its constant already.
      if (at.root && name === "type") return;
      const local = `f${i}`;
      locals.set(name, local);
      lines.push(`const ${local} = ${member("data", name)};`);
    });
    for (const name of names) {
      const property = properties[name]!;
      if (at.root && name === "type") continue;
      const local = locals.get(name)!;
      const memo = at.root ? name : undefined;
      const test = this.check(property, local, $defs, memo);
      lines.push(
        required.has(name) ? `if (!${test}) return false;` : `if (${local} !== undefined && !${test}) return false;`,
      );
    }
    // Every key for…in lists is a property of the schema when their numbers agree: each
    // property read above that is not undefined is one of the keys (a key whose value is
    // undefined, not JSON data, makes the numbers differ).
    const optional = names
      .filter((name) => !required.has(name))
      .map((name) => ` + (${locals.get(name)!} !== undefined)`);
    lines.push(
      "let keys = 0;",
      "for (const key in data) keys++;",
      `if (keys !== ${required.size}${optional.join("")}) return false;`,
    );
    if (at.integers !== undefined && at.integers.length > 0) lines.push(...this.integerLooks(at.integers, locals));
    lines.push("return true;");
    return lines.join("\n");
  }

  /** The look at the text of each unsigned integer key, as needsTextScan makes it (needs-scan.ts). */
  private integerLooks(integers: IntegerKey[], locals: Map<string, string>): string[] {
    this.used.add("integerSearchStart").add("integerSpellingsAt");
    const lines = ["if (text !== undefined) {", `let from = integerSearchStart(text, ${integers.length});`];
    for (const { field, key, max, repeated, own, after } of integers) {
      const holder = locals.get(field);
      if (holder === undefined) throw new Error(`fast-path: integer key ${key} under an unknown field ${field}`);
      const look = `from = integerSpellingsAt(text, ${JSON.stringify(key)}, ${JSON.stringify(max)}, ${repeated}, ${own}, from); if (from < 0) return false;`;
      // As needs-scan.ts makes it: where the engine writes the only integer first, then a search.
      const unsearched =
        after === undefined ? "" : ` && !integerSpelledAtEnd(text, data, ${holder}, ${this.tail(key, max, after)})`;
      lines.push(`if (${holder} != null${unsearched}) { ${look} }`);
    }
    lines.push("}");
    return lines;
  }

  /** The name of the look at an integer where the engine writes it (integerAtEnd), declared once. */
  tail(key: string, max: string, after: FieldAfter[]): string {
    // integerAtEnd writes both into a pattern as they are: letters and `_`, and digits only.
    if (!/^"[a-z_]+"$/.test(key) || !/^[1-9][0-9]*$/.test(max))
      throw new Error(`fast-path: the integer ${key} (at most ${max}) cannot be looked at where the engine writes it`);
    this.used.add("integerSpelledAtEnd").add("integerAtEnd");
    const literal = `/* @__PURE__ */ integerAtEnd(${JSON.stringify(key)}, ${JSON.stringify(max)}, ${JSON.stringify(after)})`;
    let name = this.tails.get(literal);
    if (name === undefined) {
      name = `atEnd${this.tails.size}`;
      this.tails.set(literal, name);
    }
    return name;
  }

  /**
   * A boolean expression, true only when the value `v` (a local) passes `schema` and the
   * x-engine-json walk would find nothing in it. `memo`: the field's name, for a UUID at the
   * top of an event.
   */
  private check(schema: Node, v: string, $defs: Record<string, Node>, memo?: string): string {
    checkKeywords(schema);
    const tests: string[] = [];
    if (typeof schema.$ref === "string") tests.push(this.check(resolve(schema.$ref, $defs), v, $defs, memo));
    if (Array.isArray(schema.anyOf))
      tests.push(`(${(schema.anyOf as Node[]).map((branch) => this.check(branch, v, $defs, memo)).join(" || ")})`);
    if ("const" in schema) tests.push(`${v} === ${scalar(schema.const)}`);
    if (Array.isArray(schema.enum))
      tests.push(`(${schema.enum.map((value) => `${v} === ${scalar(value)}`).join(" || ")})`);
    if (schema.type !== undefined) tests.push(this.typeCheck(schema, v, $defs, memo));
    if (tests.length === 0)
      throw new Error(`fast-path: a schema that allows any value (${JSON.stringify(schema)}); teach fast-path.ts`);
    return tests.length === 1 ? tests[0]! : `(${tests.join(" && ")})`;
  }

  /** The check of `type` with the keywords that apply to each type it names. */
  private typeCheck(schema: Node, v: string, $defs: Record<string, Node>, memo?: string): string {
    const types = (Array.isArray(schema.type) ? schema.type : [schema.type]) as string[];
    // A string equal to a constant is as good as the constant; otherwise it may hold a lone surrogate.
    const fixed = "const" in schema || Array.isArray(schema.enum);
    const tests = types.map((type) => {
      switch (type) {
        case "null":
          return `${v} === null`;
        case "boolean":
          return `typeof ${v} === "boolean"`;
        case "string":
          return this.stringCheck(schema, v, fixed, memo);
        case "integer":
          return `(typeof ${v} === "number" && Number.isInteger(${v})${bounds(schema, v)}${this.numberFormat(schema, v)})`;
        case "number":
          return `(typeof ${v} === "number"${bounds(schema, v)}${magnitude(schema, v)})`;
        case "object":
          return this.objectCheck(schema, v, $defs);
        case "array":
          return this.arrayCheck(schema, v, $defs);
        default:
          throw new Error(`fast-path: type "${type}"; teach fast-path.ts`);
      }
    });
    return tests.length === 1 ? tests[0]! : `(${tests.join(" || ")})`;
  }

  private stringCheck(schema: Node, v: string, fixed: boolean, memo: string | undefined): string {
    const format = schema.format;
    this.used.add("isWellFormed");
    if (format === undefined)
      return fixed ? `typeof ${v} === "string"` : `(typeof ${v} === "string" && isWellFormed(${v}))`;
    if (typeof format !== "string") throw new Error("fast-path: a format that is not a name");
    const check =
      memo !== undefined && format === "uuid" ? `${this.memo(memo)}.isUuid(${v})` : `${this.formatCheck(format)}(${v})`;
    // A format that accepts ASCII only vouches for well-formedness as well.
    const wellFormed = fixed || ASCII_ONLY_FORMATS.includes(format) ? "" : ` && isWellFormed(${v})`;
    return `(typeof ${v} === "string" && ${check}${wellFormed})`;
  }

  private numberFormat(schema: Node, v: string): string {
    return typeof schema.format === "string" ? ` && ${this.formatCheck(schema.format)}(${v})` : "";
  }

  /** The src/rules function behind a format of `formats` (the one Ajv's code calls), by its exported name. */
  private formatCheck(format: string): string {
    const definition = (rules.formats as Record<string, unknown>)[format];
    const check =
      typeof definition === "function" ? definition : (definition as { validate?: unknown } | undefined)?.validate;
    if (typeof check !== "function") throw new Error(`fast-path: no format "${format}" in src/rules`);
    const name = check.name;
    if ((rules as Record<string, unknown>)[name] !== check)
      throw new Error(`fast-path: the check of format "${format}" is not exported from src/rules as ${name}`);
    this.used.add(name);
    return name;
  }

  /** An object with named properties (a struct), or with any keys (a map). */
  private objectCheck(schema: Node, v: string, $defs: Record<string, Node>): string {
    this.used.add("isPlainRecord");
    const plain = `if (typeof data !== "object" || data === null) return false;
const proto = Object.getPrototypeOf(data);
if (proto !== Object.prototype && proto !== null && !isPlainRecord(data)) return false;`;
    if (schema.properties !== undefined) {
      const body = `${plain}\n${this.objectBody(schema, $defs, { root: false })}`;
      return `${this.fn("fastObject", "data", body, "The fast path of an object an event holds.")}(${v})`;
    }
    const values = schema.additionalProperties;
    if (values === null || typeof values !== "object")
      throw new Error("fast-path: an object with neither properties nor a schema for its values; teach fast-path.ts");
    this.used.add("isWellFormed");
    const body = `${plain}
for (const key in data) {
const value = data[key];
if (!isWellFormed(key) || !${this.check(values as Node, "value", $defs)}) return false;
}
return true;`;
    return `${this.fn("fastMap", "data", body, "The fast path of a map an event holds: every key and value.")}(${v})`;
  }

  private arrayCheck(schema: Node, v: string, $defs: Record<string, Node>): string {
    const items = schema.items;
    if (items === null || typeof items !== "object" || Array.isArray(items))
      throw new Error("fast-path: an array without one schema for its items; teach fast-path.ts");
    const body = `if (!Array.isArray(data)) return false;
for (let i = 0; i < data.length; i++) {
const item = data[i];
if (!${this.check(items as Node, "item", $defs)}) return false;
}
return true;`;
    return `${this.fn("fastArray", "data", body, "The fast path of an array an event holds: every item.")}(${v})`;
  }

  private memo(field: string): string {
    let name = this.memos.get(field);
    if (name === undefined) {
      name = `memo_${/^[A-Za-z_$][\w$]*$/.test(field) ? field : this.memos.size}`;
      this.memos.set(field, name);
    }
    return name;
  }

  constantDeclarations(): string[] {
    const tails = [...this.tails].map(
      ([literal, name]) =>
        `/** The look at an integer where the engine writes it (src/rules/integer-at-end.ts). */ const ${name} = ${literal};`,
    );
    const memos = [...this.memos].map(
      ([field, name]) =>
        `/** The last ${field} that passed (src/rules/id-memo.ts). */ const ${name} = /* @__PURE__ */ new UuidMemo();`,
    );
    if (memos.length > 0) this.used.add("UuidMemo");
    return [...tails, ...memos];
  }

  /** The names the code reads from src/rules (after constantDeclarations). */
  imports(): { rules: string[] } {
    const fromRules = [...this.used].sort();
    for (const name of fromRules) if (!(name in rules)) throw new Error(`fast-path: src/rules exports no ${name}`);
    return { rules: fromRules };
  }
}

/** Refuses a keyword the fast path does not understand: it would vouch for values the schema refuses. */
function checkKeywords(schema: Node): void {
  for (const key of Object.keys(schema))
    if (!KEYWORDS.has(key)) throw new Error(`fast-path: keyword "${key}" is not understood; teach fast-path.ts`);
}

/** ` && v >= min ...` for the bounds a number schema has. */
function bounds(schema: Node, v: string): string {
  const out: string[] = [];
  const limit = (key: string, op: string) => {
    const value = schema[key];
    if (value === undefined) return;
    if (typeof value !== "number") throw new Error(`fast-path: ${key} is not a number`);
    out.push(` && ${v} ${op} ${numberLiteral(value)}`);
  };
  limit("minimum", ">=");
  limit("maximum", "<=");
  limit("exclusiveMinimum", ">");
  limit("exclusiveMaximum", "<");
  return out.join("");
}

/**
 * A float near the largest magnitude the engine reads (a cost near 2^96, any float near
 * 1.8e308) is left to the full path, whose walk tells the text path to read it as the engine
 * does (src/rules/number-limits.ts); this also refuses NaN and the infinities.
 */
function magnitude(schema: Node, v: string): string {
  const limit = schema.exclusiveMaximum;
  const above = typeof limit === "number" ? nearLimit(limit) : FLOAT_NEAR_LIMIT;
  return ` && ${v} < ${numberLiteral(above)} && ${v} > ${numberLiteral(-above)}`;
}

function numberLiteral(value: number): string {
  return Object.is(value, -0) ? "-0" : String(value);
}

/** A const or enum value as a literal; only strings, numbers, booleans and null. */
function scalar(value: unknown): string {
  if (value === null || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value)))
    return String(value);
  if (typeof value === "string") {
    if (!isWellFormed(value)) throw new Error(`fast-path: a constant ${JSON.stringify(value)} that is not well-formed`);
    return JSON.stringify(value);
  }
  throw new Error(`fast-path: a const or enum value ${JSON.stringify(value)} that is not a scalar; teach fast-path.ts`);
}

/** `data.name`, or `data["name"]` for a name that is not an identifier. */
function member(object: string, name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `${object}.${name}` : `${object}[${JSON.stringify(name)}]`;
}

function resolve(ref: string, $defs: Record<string, Node>): Node {
  const match = /^#\/\$defs\/([^/]+)$/.exec(ref);
  const target = match ? $defs[match[1]!] : undefined;
  if (!target) throw new Error(`fast-path: $ref "${ref}" does not name a definition of the bundle`);
  return target;
}
