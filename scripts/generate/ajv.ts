// Step 4: an Ajv instance that knows this project's vocabulary, set up to emit standalone
// ESM code. The formats and the x-engine-json keyword are compiled in as calls to the
// hand-written checks of src/rules, which the generated module imports by name.
import { Ajv, _, Name, type CodeOptions, type KeywordCxt } from "ajv";
import { and, getProperty, not, or, type Code, type CodeGen } from "ajv/dist/compile/codegen/index.js";
import names from "ajv/dist/compile/names.js";
import {
  engineJsonViolations,
  formats,
  isPlainRecord,
  isWellFormed,
  NO_NEWLINE_PATTERN,
  PATTERNS_CHECKED_BY_FORMATS,
} from "../../src/rules/index.js";
import { planFastPath, type FastPathPlan, type MemberPlan } from "./engine-json-fast.js";

/** Ajv's names of the generated functions' variables (`errors`, `vErrors`); a CommonJS default export. */
const N = (names.default ?? names) as typeof names.default;

/** What the generated module imports; the names used in the `code` snippets below. */
export const RULES_IMPORT = `import { formats, engineJsonViolations, escapePointer, fullWalks, isPlainRecord, isWellFormed, strictValidator } from "../src/rules/index.js";`;

/**
 * Ajv's core class, not Ajv2020: the 2020 class always tracks evaluated properties for
 * `unevaluatedProperties`, which allocates on every call, and these schemas use no keyword
 * whose meaning differs between the two (see validationOnly below). `layout`: how the code
 * is laid out (line breaks; the generator formats it with prettier afterwards anyway).
 */
export function createAjv(layout: Pick<CodeOptions, "lines"> = {}): Ajv {
  const ajv = new Ajv({
    strict: true,
    allErrors: true, // report every issue of an event, not only the first
    messages: false, // src/issues/from-errors.ts writes the messages; Ajv's own would only add bytes
    discriminator: true,
    strictNumbers: true, // NaN and Infinity are not numbers
    validateFormats: true,
    formats,
    code: { source: true, esm: true, formats: _`formats`, lines: true, ...layout },
  });
  addVocabulary(ajv, { fastPath: true });
  return ajv;
}

/**
 * The project's own keywords: `x-order` (an annotation) and `x-engine-json` (a rule).
 *
 * `x-engine-json` calls engineJsonViolations, which walks the whole event. With `fastPath`
 * (the generated validators) the keyword runs after the variant's other keywords instead,
 * and when they have all passed it first tries a cheaper check that is exact in that case
 * (see fastCheck and engine-json-fast.ts): only keys the schema names, and well-formed
 * free-text strings.
 * The full walk runs when that check fails or another keyword has failed, and its error is
 * moved to the front of the list, where the keyword reports it without the fast path: the
 * errors, and so the issues, are the same either way.
 */
export function addVocabulary(ajv: Pick<Ajv, "addKeyword">, { fastPath = false } = {}): void {
  ajv.addKeyword({ keyword: "x-order", schemaType: "number" });
  ajv.addKeyword({
    keyword: "x-engine-json",
    schemaType: "boolean",
    post: fastPath,
    error: {
      message: "must be JSON the engine can read",
      params: ({ params }) => _`{violations: ${params.violations}}`,
    },
    code(cxt: KeywordCxt) {
      if (cxt.schema !== true) return;
      const { gen } = cxt;
      const check = gen.scopeValue("func", {
        ref: engineJsonViolations,
        code: _`engineJsonViolations`,
      });
      if (!fastPath) {
        const violations = gen.const("violations", _`${check}(${cxt.data})`);
        cxt.setParams({ violations });
        cxt.fail(_`${violations} !== null`);
        return;
      }
      // The errors counted so far are this schema's own only at the top of a function.
      if (String(cxt.it.schemaPath) !== "" || cxt.it.dataLevel !== 0)
        throw new Error(`x-engine-json at ${cxt.it.errSchemaPath}: the fast path needs it at the root of a variant`);
      const fast = gen.let("fast", _`${N.errors} === 0`);
      gen.if(fast, () => fastCheck(cxt, fast));
      gen.if(_`!${fast}`, () => {
        const violations = gen.const("violations", _`${check}(${cxt.data})`);
        cxt.setParams({ violations });
        gen.if(_`${violations} !== null`, () => {
          cxt.error();
          gen.code(_`${N.vErrors}.unshift(${N.vErrors}.pop())`);
        });
      });
    },
  });
}

/**
 * Code that sets `fast` to false unless the fast check passes for the variant around `cxt`.
 * It is written into the variant's own function, where V8 sees only that variant's objects:
 * the prototype is read from a known shape, and keys are compared with constants.
 *
 * 1. The object is plain: its prototype is Object.prototype or null, or isPlainRecord says so
 *    (an object from another realm).
 * 2. Every key that `for…in` lists is a property the schema names; in a strict variant,
 *    `additionalProperties: false` has checked that already.
 * 3. Every free-text property that is a string is well-formed.
 * 4. No optional property is present with the value `undefined` (not JSON data; Ajv's own
 *    keywords read it as absent), as in an object built in code: `{ ..., error: undefined }`.
 * 5. The same, one level down, for an object it holds (an approval's requirement, each usage
 *    window of an array); for a map (labels), every key and every value; for an array, every item.
 * 6. No float is near the largest magnitude the engine takes (a cost near 2^96): the full walk
 *    takes it, which tells the text path to read the number as the engine does.
 *
 * A variant with a property that may hold any JSON value gets no fast path.
 */
function fastCheck(cxt: KeywordCxt, fast: Name): void {
  const { gen, data } = cxt;
  const schema = cxt.parentSchema as Record<string, unknown>;
  const plan = planFastPath(schema, cxt.it.schemaEnv.root.schema as Record<string, unknown>);
  if (plan === null) {
    gen.assign(fast, false);
    return;
  }
  const helpers = {
    plain: gen.scopeValue("func", { ref: isPlainRecord, code: _`isPlainRecord` }),
    wellFormed: gen.scopeValue("func", { ref: isWellFormed, code: _`isWellFormed` }),
  };
  checkObject(gen, data, plan, fast, helpers);
}

interface FastHelpers {
  plain: Name;
  wellFormed: Name;
}

/** Steps 1 to 4 (and 5 and 6 for its members) for the object `data`, known to be an object. */
function checkObject(gen: CodeGen, data: Code, plan: FastPathPlan, fast: Name, helpers: FastHelpers): void {
  const proto = gen.const("proto", _`Object.getPrototypeOf(${data})`);
  gen.assign(fast, and(fast, _`(${proto} === Object.prototype || ${proto} === null || ${helpers.plain}(${data}))`));
  if (!plan.closed)
    gen.if(fast, () =>
      gen.forIn("key", data, (key) =>
        gen.if(not(or(...plan.keys.map((name) => _`${key} === ${name}`))), () => {
          gen.assign(fast, false);
          gen.break();
        }),
      ),
    );
  const defined = plan.optional.map((name) => {
    const member = _`${data}${getProperty(name)}`;
    return _`(${member} !== undefined || !Object.prototype.hasOwnProperty.call(${data}, ${name}))`;
  });
  const tests = plan.freeText.map((name) => wellFormedTest(_`${data}${getProperty(name)}`, helpers));
  if (defined.length + tests.length > 0) gen.assign(fast, and(fast, ...defined, ...tests));
  for (const [name, member] of Object.entries(plan.members))
    gen.if(fast, () => checkMember(gen, gen.const("member", _`${data}${getProperty(name)}`), member, fast, helpers));
}

/** Step 5 or 6 for one value (of a property, an item, a map entry), of any type its keywords allow. */
function checkMember(gen: CodeGen, value: Code, plan: MemberPlan, fast: Name, helpers: FastHelpers): void {
  switch (plan.check) {
    case "none":
      return;
    case "wellFormed":
      gen.assign(fast, and(fast, wellFormedTest(value, helpers)));
      return;
    case "magnitude":
      gen.assign(fast, and(fast, _`!(${value} > ${plan.above} || ${value} < ${-plan.above})`));
      return;
    case "object":
      gen.if(_`${value} !== null && typeof ${value} == "object"`, () =>
        checkObject(gen, value, plan.plan, fast, helpers),
      );
      return;
    case "map":
      gen.if(_`${value} !== null && typeof ${value} == "object"`, () => {
        const proto = gen.const("proto", _`Object.getPrototypeOf(${value})`);
        gen.assign(fast, _`${proto} === Object.prototype || ${proto} === null || ${helpers.plain}(${value})`);
        gen.forIn("key", value, (key) => {
          gen.assign(fast, and(fast, _`${helpers.wellFormed}(${key})`));
          checkMember(gen, gen.const("entry", _`${value}[${key}]`), plan.values, fast, helpers);
          gen.if(not(fast), () => gen.break());
        });
      });
      return;
    case "array":
      if (plan.items.check === "none") return;
      gen.if(_`Array.isArray(${value})`, () =>
        gen.forRange("i", 0, _`${value}.length`, (i) => {
          checkMember(gen, gen.const("item", _`${value}[${i}]`), plan.items, fast, helpers);
          gen.if(not(fast), () => gen.break());
        }),
      );
  }
}

/** True unless `value` is a string with a lone surrogate. */
function wellFormedTest(value: Code, helpers: FastHelpers): Code {
  return _`(typeof ${value} !== "string" || ${helpers.wellFormed}(${value}))`;
}

/** Keywords that only annotate: the generated code needs none of them. */
const ANNOTATIONS = new Set(["$schema", "$comment", "title", "description", "examples", "default", "x-order"]);

/**
 * A copy of a bundle with only what validation reads, so the generated module does not
 * carry documentation. Property names are kept even when they look like annotations.
 */
export function validationOnly(node: unknown, inProperties = false): unknown {
  if (Array.isArray(node)) return node.map((item) => validationOnly(item));
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!inProperties && ANNOTATIONS.has(key)) continue;
    out[key] = validationOnly(value, !inProperties && (key === "properties" || key === "$defs"));
  }
  return out;
}

/**
 * Leaves out each `pattern` that sits beside a format which checks it in full (see
 * PATTERNS_CHECKED_BY_FORMATS), after making sure the schema still says what the format
 * was written against: a changed pattern must be matched by a changed format.
 */
export function dropPatternsCheckedByFormats(node: unknown, where = "#"): unknown {
  if (Array.isArray(node)) return node.map((item, i) => dropPatternsCheckedByFormats(item, `${where}/${i}`));
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = dropPatternsCheckedByFormats(value, `${where}/${key}`);
  const format = out.format as string | undefined;
  const covered = format === undefined ? undefined : PATTERNS_CHECKED_BY_FORMATS[format];
  if (covered !== undefined && "pattern" in out) {
    if (out.pattern !== covered)
      throw new Error(
        `${where}: the pattern beside format "${format}" differs from the one src/rules checks for it; update both together`,
      );
    delete out.pattern;
    const not = out.not as Record<string, unknown> | undefined;
    if (not !== undefined) {
      if (Object.keys(not).length !== 1 || not.pattern !== NO_NEWLINE_PATTERN)
        throw new Error(
          `${where}: beside format "${format}", \`not\` may only forbid a line break ({ "pattern": "\\n" })`,
        );
      delete out.not;
    }
  }
  return out;
}
