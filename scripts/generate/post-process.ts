// Part of step 5: small rewrites of Ajv's standalone code, each for one cost on the success
// path that no Ajv option removes. Each one reads the code as a syntax tree (syntax-tree.ts),
// edits the ranges of the nodes it rewrites, and checks that the code has the shape it
// rewrites and that nothing of the old shape is left, so that an Ajv upgrade that changes
// its output stops the generator instead of producing half-rewritten code, while a change of
// spacing or line breaks (Ajv's `code.lines`, `code.optimize`) does not matter.
import { applyEdits, isIdentifier, nodes, parseModule, type AnyNode, type Edit } from "./syntax-tree.js";

/** The names Ajv gives its validator functions. */
const VALIDATOR = /^validate\d+$/;

/** The fields of the options object Ajv passes between validators. */
const AJV_OPTION_FIELDS = ["instancePath", "parentData", "parentDataProperty", "rootData"];

/**
 * Gives every validator the signature `(data, instancePath = "")`. Ajv passes an object of
 * four fields to each validator it calls, and each validator destructures it with a `{}`
 * default: an object allocated per call (two per event when the union calls a variant).
 * These validators read only `instancePath` (for error paths), so it becomes a plain
 * parameter. Refuses code that calls a validator any other way, or reads the other fields.
 *
 * Measured (`npm run bench:validate -- --quick`, generated with and without this step): it
 * takes the heap allocated per valid event from 112 bytes to 0 for parseEvent(text) beyond
 * JSON.parse, isEvent(value) and parseEvent(text, strict) (1.4 bytes, from 112.2). Allocation
 * is exact where the timings of that shared machine were not (see integerTests).
 * @example
 * plainParameters('function validate1(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){return true;}');
 * // 'function validate1(data, instancePath = ""){return true;}'
 */
export function plainParameters(code: string): string {
  const edits: Edit[] = [];
  for (const node of nodes(parseModule(code))) {
    if (node.type === "FunctionDeclaration" && isIdentifier(node.id, VALIDATOR)) {
      const params = node.params as AnyNode[];
      if (!isAjvSignature(params))
        throw new Error(
          `plainParameters: ${node.id.name} does not have Ajv's signature (data, {instancePath="", parentData, parentDataProperty, rootData=data}={})`,
        );
      edits.push({ start: params[1]!.start, end: params[1]!.end, text: 'instancePath = ""' });
    }
    if (node.type === "CallExpression" && isIdentifier(node.callee, VALIDATOR)) {
      const args = node.arguments as AnyNode[];
      if (args.length === 2 && isIdentifier(args[0], "data") && isAjvOptionsAtSamePath(args[1]!))
        edits.push({ start: args[1]!.start, end: args[1]!.end, text: "instancePath" });
    }
  }
  const out = applyEdits(code, edits);
  const left = [...nodes(parseModule(out))].find((node) =>
    isIdentifier(node, /^(parentData|parentDataProperty|rootData)$/),
  );
  if (left)
    throw new Error(
      `plainParameters: the validators still use \`${left.name as string}\` (a call at another path, or a keyword that reads it); extend this step for it`,
    );
  return out;
}

/** `(data, {instancePath="", parentData, parentDataProperty, rootData=data}={})`. */
function isAjvSignature(params: AnyNode[]): boolean {
  if (params.length !== 2 || !isIdentifier(params[0], "data")) return false;
  const options = params[1]!;
  if (options.type !== "AssignmentPattern") return false;
  const [pattern, fallback] = [options.left as AnyNode, options.right as AnyNode];
  if (fallback.type !== "ObjectExpression" || (fallback.properties as AnyNode[]).length !== 0) return false;
  if (pattern.type !== "ObjectPattern") return false;
  const properties = pattern.properties as AnyNode[];
  const expected: [string, (value: AnyNode) => boolean][] = [
    ["instancePath", (value) => value.type === "AssignmentPattern" && isStringLiteral(value.right as AnyNode, "")],
    ["parentData", (value) => isIdentifier(value, "parentData")],
    ["parentDataProperty", (value) => isIdentifier(value, "parentDataProperty")],
    ["rootData", (value) => value.type === "AssignmentPattern" && isIdentifier(value.right, "data")],
  ];
  return (
    properties.length === expected.length &&
    properties.every(
      (property, i) => isIdentifier(property.key, expected[i]![0]) && expected[i]![1](property.value as AnyNode),
    )
  );
}

/** `{instancePath,parentData,parentDataProperty,rootData}`: the caller's own options, passed on for the same data. */
function isAjvOptionsAtSamePath(node: AnyNode): boolean {
  if (node.type !== "ObjectExpression") return false;
  const properties = node.properties as AnyNode[];
  return (
    properties.length === AJV_OPTION_FIELDS.length &&
    properties.every((property, i) => property.shorthand === true && isIdentifier(property.key, AJV_OPTION_FIELDS[i]!))
  );
}

/**
 * `Number.isInteger(x)` for Ajv's integer test `typeof x == "number" && !(x % 1) &&
 * !isNaN(x) && isFinite(x)`, which means the same for every value: `x % 1` of a double is a
 * call into C (fmod) in V8's optimized code, and durations above 2^31 are doubles. Refuses
 * code with an integer test of any other shape (a `% 1` left).
 *
 * Measured (`npm run bench:validate -- --quick`, one run with and one without, on a shared
 * 2-core machine at load 9): validateEvent(value) on the engine vectors 240 ns/event with it,
 * 245 without; on the engine mix 446 and 692. Round-to-round swings in those runs reached
 * 50%, more than either difference: the effect is below what this measurement resolves, not
 * shown to be nil. Kept until a run on a quiet machine decides.
 * @example
 * integerTests('if(!(((typeof data == "number") && (!(data % 1) && !isNaN(data))) && (isFinite(data)))){}');
 * // 'if(!(Number.isInteger(data))){}'
 */
export function integerTests(code: string): string {
  const edits: Edit[] = [];
  let inside = -1; // the end of the last test rewritten: its own `% 1` is not a leftover
  for (const node of nodes(parseModule(code))) {
    if (node.start < inside) continue;
    const tested = ajvIntegerTest(node);
    if (tested !== undefined) {
      edits.push({ start: node.start, end: node.end, text: `Number.isInteger(${tested})` });
      inside = node.end;
    } else if (node.type === "BinaryExpression" && node.operator === "%" && isNumberLiteral(node.right as AnyNode, 1))
      throw new Error(
        `integerTests: an integer test of another shape than Ajv's \`typeof x == "number" && !(x % 1) && !isNaN(x) && isFinite(x)\` is left in the validators, at offset ${node.start}`,
      );
  }
  return applyEdits(code, edits);
}

/** The variable that `node` tests to be an integer, when it is Ajv's test; otherwise undefined. */
function ajvIntegerTest(node: AnyNode): string | undefined {
  if (!isAnd(node)) return undefined;
  const [left, isFinite] = [node.left as AnyNode, node.right as AnyNode];
  if (!isAnd(left) || !isAnd(left.right as AnyNode)) return undefined;
  const typeofTest = left.left as AnyNode;
  const [notFraction, notNaN] = [(left.right as AnyNode).left as AnyNode, (left.right as AnyNode).right as AnyNode];
  if (typeofTest.type !== "BinaryExpression" || typeofTest.operator !== "==") return undefined;
  const typeOf = typeofTest.left as AnyNode;
  if (typeOf.type !== "UnaryExpression" || typeOf.operator !== "typeof") return undefined;
  if (!isStringLiteral(typeofTest.right as AnyNode, "number")) return undefined;
  const x = typeOf.argument as AnyNode;
  if (!isIdentifier(x, /^data\d*$/)) return undefined;
  const fraction =
    notFraction.type === "UnaryExpression" && notFraction.operator === "!"
      ? (notFraction.argument as AnyNode)
      : undefined;
  const ok =
    fraction?.type === "BinaryExpression" &&
    fraction.operator === "%" &&
    isIdentifier(fraction.left, x.name) &&
    isNumberLiteral(fraction.right as AnyNode, 1) &&
    notNaN.type === "UnaryExpression" &&
    notNaN.operator === "!" &&
    isCallOf(notNaN.argument as AnyNode, "isNaN", x.name) &&
    isCallOf(isFinite, "isFinite", x.name);
  return ok ? x.name : undefined;
}

/**
 * The discriminator's comparisons `tag0 === "run_created"`, each guarded by the length of
 * the wire type: `(tag0.length === 11 && tag0 === "run_created")`. The tag comes from
 * JSON.parse, which does not intern string values, so each comparison is a call that
 * compares characters; most variants' types differ in length, and comparing lengths is
 * one instruction. Refuses code whose unions do not compare the tag this way once per variant.
 *
 * Measured as integerTests was, with and without: validateEvent(value) on the engine vectors
 * 240 ns/event with it, 245 without; within the noise of those runs, so not decided either way.
 * @example
 * guardTagComparisons('if(tag0 === "log_line"){}', 1); // 'if((tag0.length === 8 && tag0 === "log_line")){}'
 */
export function guardTagComparisons(code: string, comparisons: number): string {
  const edits: Edit[] = [];
  for (const node of nodes(parseModule(code))) {
    const tag = tagComparison(node);
    if (tag === undefined) continue;
    const literal = (node.right as AnyNode).raw as string;
    edits.push({ start: node.start, end: node.end, text: `(tag0.length === ${tag.length} && tag0 === ${literal})` });
  }
  if (edits.length !== comparisons)
    throw new Error(
      `guardTagComparisons: found ${edits.length} comparisons \`tag0 === "…"\` of the discriminator's tag, expected ${comparisons} (one per variant and union)`,
    );
  return applyEdits(code, edits);
}

/** The type compared with, when `node` is `tag0 === "<type>"`. */
function tagComparison(node: AnyNode): string | undefined {
  if (node.type !== "BinaryExpression" || node.operator !== "===" || !isIdentifier(node.left, "tag0")) return undefined;
  const right = node.right as AnyNode;
  return right.type === "Literal" && typeof right.value === "string" ? right.value : undefined;
}

/**
 * The per-variant validators as the variant functions that the union already holds, instead
 * of compiling each variant a second time: `export const validateRunCreated = validate11;`
 * for each variant, found from the union's dispatch on `type` (an `if` on `tag0 === "<type>"`
 * whose block starts by calling a validator on the same data). Refuses a union that does not
 * dispatch to exactly one function per variant.
 * @example
 * variantExports(code, "validateEvent", [{ tag: "run_created", name: "validateRunCreated" }]);
 * // ['export const validateRunCreated = validate11;']
 */
export function variantExports(
  code: string,
  unionExport: string,
  variants: readonly { tag: string; name: string }[],
): string[] {
  const program = parseModule(code);
  const root = exportedFunction(program, unionExport);
  const union = (program.body as AnyNode[]).find(
    (node) => node.type === "FunctionDeclaration" && isIdentifier(node.id, root),
  );
  if (!union) throw new Error(`variantExports: ${unionExport} is ${root}, which is not a function of the module`);
  const dispatch = new Map<string, string>();
  for (const node of nodes(union)) {
    if (node.type !== "IfStatement") continue;
    const tag = [...nodes(node.test as AnyNode)].map(tagComparison).find((t) => t !== undefined);
    if (tag === undefined) continue;
    const target = dispatchTarget(node.consequent as AnyNode);
    if (target === undefined) continue;
    if (dispatch.has(tag)) throw new Error(`variantExports: ${unionExport} (${root}) has two branches for "${tag}"`);
    dispatch.set(tag, target);
  }
  const lines = variants.map(({ tag, name }) => {
    const fn = dispatch.get(tag);
    if (!fn) throw new Error(`variantExports: ${unionExport} does not dispatch "${tag}" to a validator of its own`);
    return `export const ${name} = ${fn};`;
  });
  if (dispatch.size !== variants.length)
    throw new Error(`variantExports: ${unionExport} dispatches ${dispatch.size} tags, expected ${variants.length}`);
  return lines;
}

/** The function behind `export const <name> = validateN;`. */
function exportedFunction(program: AnyNode, name: string): string {
  for (const node of program.body as AnyNode[]) {
    if (node.type !== "ExportNamedDeclaration") continue;
    const declaration = node.declaration as AnyNode | null;
    for (const declarator of (declaration?.declarations ?? []) as AnyNode[])
      if (isIdentifier(declarator.id, name) && isIdentifier(declarator.init, VALIDATOR))
        return (declarator.init as AnyNode).name as string;
  }
  throw new Error(`variantExports: no \`export const ${name} = validate…;\` in the code`);
}

/** `validateN` when `block` starts with `if (!validateN(data, instancePath …))`. */
function dispatchTarget(block: AnyNode): string | undefined {
  const first = block.type === "BlockStatement" ? (block.body as AnyNode[])[0] : undefined;
  if (first?.type !== "IfStatement") return undefined;
  const test = first.test as AnyNode;
  if (test.type !== "UnaryExpression" || test.operator !== "!") return undefined;
  let call = test.argument as AnyNode;
  while (call.type === "LogicalExpression") call = call.left as AnyNode; // `!(validateN(…) && …)`
  if (call.type !== "CallExpression" || !isIdentifier(call.callee, VALIDATOR)) return undefined;
  const args = call.arguments as AnyNode[];
  if (args.length !== 2 || !isIdentifier(args[0], "data") || !isIdentifier(args[1], "instancePath")) return undefined;
  return (call.callee as AnyNode).name as string;
}

/**
 * Refuses generated code that would need something at run time that the package does not
 * ship: `require(…)` (Ajv's runtime helpers, ajv-formats) or `new RegExp(…)` (a pattern
 * left for Ajv to check, which a format in src/rules should check instead).
 * @example
 * refuseRuntimeNeeds('const f = require("ajv/dist/runtime/ucs2length");'); // throws
 */
export function refuseRuntimeNeeds(code: string): void {
  for (const node of nodes(parseModule(code))) {
    if (node.type === "CallExpression" && isIdentifier(node.callee, "require"))
      throw new Error("the generated validators would need ajv at run time: inline what they require");
    if (node.type === "NewExpression" && isIdentifier(node.callee, "RegExp"))
      throw new Error("a regex is left in the generated validators: check it with a format in src/rules");
  }
}

function isAnd(node: AnyNode): boolean {
  return node.type === "LogicalExpression" && node.operator === "&&";
}

function isStringLiteral(node: AnyNode, value: string): boolean {
  return node.type === "Literal" && node.value === value;
}

function isNumberLiteral(node: AnyNode, value: number): boolean {
  return node.type === "Literal" && node.value === value;
}

function isCallOf(node: AnyNode, callee: string, argument: string): boolean {
  const args = node.arguments as AnyNode[] | undefined;
  return (
    node.type === "CallExpression" &&
    isIdentifier(node.callee, callee) &&
    args?.length === 1 &&
    isIdentifier(args[0], argument)
  );
}
