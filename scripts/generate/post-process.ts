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
 * default: an object allocated per call (two per event when the union calls a variant, one
 * more per nested object such as an approval's requirement or a usage window).
 * These validators read only `instancePath` (for error paths), so it becomes a plain
 * parameter. Refuses code that calls a validator any other way, or reads the other fields.
 *
 * Measured (`npm run bench:validate -- --quick`, generated with and without this step): it
 * takes the heap allocated per valid event from 112 bytes to 0 for parseEvent(text) beyond
 * JSON.parse, isEvent(value) and parseEvent(text, strict) (1.4 bytes, from 112.2). Allocation
 * is exact where timings on a shared machine are not. (Two other rewrites, Number.isInteger for
 * Ajv's integer test and a length test before each comparison of the tag, were dropped: in three
 * interleaved quick runs each, validateEvent(value) on the engine vectors took a median of 251
 * ns/event with both, 248 without the first and 253 without the second, within the noise.)
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
      else if (args.length === 2 && isAjvOptionsAtChild(args[1]!)) {
        const path = instancePathOf(args[1]!);
        edits.push({ start: args[1]!.start, end: args[1]!.end, text: code.slice(path.start, path.end) });
      }
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

/**
 * `{instancePath: <path>, parentData: <data>, parentDataProperty: <key>, rootData}`: the options
 * of a call for a value inside the caller's data (a nested object, an array's item). Only the
 * path is passed on: the callee, like every validator here, reads nothing else.
 */
function isAjvOptionsAtChild(node: AnyNode): boolean {
  if (node.type !== "ObjectExpression") return false;
  const properties = node.properties as AnyNode[];
  return (
    properties.length === AJV_OPTION_FIELDS.length &&
    properties.every((property, i) => isIdentifier(property.key, AJV_OPTION_FIELDS[i]!)) &&
    properties[3]!.shorthand === true && // rootData, unchanged
    properties[0]!.shorthand !== true // a path of its own
  );
}

/** The `instancePath` expression of an options object that isAjvOptionsAtChild accepted. */
function instancePathOf(node: AnyNode): AnyNode {
  return (node.properties as AnyNode[])[0]!.value as AnyNode;
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

/** The type compared with, when `node` is `tag0 === "<type>"`: the union's dispatch on `type`. */
function tagComparison(node: AnyNode): string | undefined {
  if (node.type !== "BinaryExpression" || node.operator !== "===" || !isIdentifier(node.left, "tag0")) return undefined;
  const right = node.right as AnyNode;
  return right.type === "Literal" && typeof right.value === "string" ? right.value : undefined;
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

/** The function errorCalls writes the error sites as calls of; emitted once at the top of the module. */
export const PUSH_ERROR = `function pushError(list, instancePath, schemaPath, keyword, params) {
  const error = { instancePath, schemaPath, keyword, params };
  if (list === null) return [error];
  list.push(error);
  return list;
}`;

/**
 * Writes each place where Ajv records an error as one call of pushError (PUSH_ERROR):
 * `const errN = {instancePath, schemaPath, keyword, params}; if (vErrors === null) {vErrors =
 * [errN];} else {vErrors.push(errN);}` becomes `vErrors = pushError(vErrors, instancePath,
 * schemaPath, keyword, params);`. The error objects are the same, fields in the same order;
 * the code of a thousand error sites is a third smaller (1.2 KB of the main entry after gzip).
 * Errors are recorded only for invalid input: the success path does not change. Refuses a
 * module where an error is still recorded any other way.
 * @example
 * errorCalls('const err0 = {instancePath, schemaPath: "#/required", keyword: "required", params: {missingProperty: "a"}}; if (vErrors === null) {vErrors = [err0];} else {vErrors.push(err0);}');
 * // 'vErrors = pushError(vErrors, instancePath, "#/required", "required", {missingProperty: "a"});'
 */
export function errorCalls(code: string): string {
  const edits: Edit[] = [];
  for (const node of nodes(parseModule(code))) {
    const body = node.type === "BlockStatement" || node.type === "Program" ? (node.body as AnyNode[]) : [];
    for (let i = 0; i + 1 < body.length; i++) {
      const fields = errorFields(body[i]!, body[i + 1]!);
      if (fields === undefined) continue;
      const text = fields.map((field) => code.slice(field.start, field.end)).join(", ");
      edits.push({ start: body[i]!.start, end: body[i + 1]!.end, text: `vErrors = pushError(vErrors, ${text});` });
    }
  }
  const out = applyEdits(code, edits);
  const left = [...nodes(parseModule(out))].find(
    (node) => node.type === "MemberExpression" && isIdentifier(node.object, "vErrors") && isIdentifier(node.property, "push"),
  );
  if (left) throw new Error("errorCalls: an error is still recorded with vErrors.push; extend this step for it");
  return out;
}

const ERROR_FIELDS = ["instancePath", "schemaPath", "keyword", "params"];

/**
 * The four field values (instancePath, schemaPath, keyword, params) when `declaration` and
 * `record` are Ajv's error site: `const errN = {…}` and the `if` that appends errN to vErrors.
 */
function errorFields(declaration: AnyNode, record: AnyNode): AnyNode[] | undefined {
  if (declaration.type !== "VariableDeclaration" || (declaration.declarations as AnyNode[]).length !== 1) return undefined;
  const declarator = (declaration.declarations as AnyNode[])[0]!;
  const object = declarator.init as AnyNode | null;
  if (!isIdentifier(declarator.id, /^err\d+$/) || object?.type !== "ObjectExpression") return undefined;
  const properties = object.properties as AnyNode[];
  if (properties.length !== 4 || !properties.every((p, i) => isIdentifier(p.key, ERROR_FIELDS[i]!))) return undefined;
  const name = declarator.id.name;
  const text = (node: AnyNode | null | undefined): string => {
    if (!node) return "";
    if (node.type === "BlockStatement" && (node.body as AnyNode[]).length === 1) return text((node.body as AnyNode[])[0]);
    if (node.type === "ExpressionStatement") return text(node.expression as AnyNode);
    if (node.type === "AssignmentExpression" && isIdentifier(node.left, "vErrors")) {
      const right = node.right as AnyNode;
      const items = right.type === "ArrayExpression" ? (right.elements as AnyNode[]) : [];
      return items.length === 1 && isIdentifier(items[0], name) ? "first" : "";
    }
    if (node.type === "CallExpression") {
      const callee = node.callee as AnyNode;
      const args = node.arguments as AnyNode[];
      const push = callee.type === "MemberExpression" && isIdentifier(callee.object, "vErrors") && isIdentifier(callee.property, "push");
      return push && args.length === 1 && isIdentifier(args[0], name) ? "push" : "";
    }
    return "";
  };
  const test = record.test as AnyNode | undefined;
  const isNullTest =
    test?.type === "BinaryExpression" && test.operator === "===" && isIdentifier(test.left, "vErrors") && (test.right as AnyNode).type === "Literal" && (test.right as AnyNode).value === null;
  if (record.type !== "IfStatement" || !isNullTest || text(record.consequent as AnyNode) !== "first" || text(record.alternate as AnyNode) !== "push")
    return undefined;
  return properties.map((p) => p.value as AnyNode);
}

/**
 * Writes `escapePointer(key)` (src/rules) for the JSON Pointer escape Ajv inlines into the
 * error path of a value under a key it does not know beforehand (a map's entry, such as a
 * label): `key.replace(/~/g, "~0").replace(/\//g, "~1")`. Two regular expressions that would
 * be the only ones in the module, for a function the package has already. Refuses code with
 * such an escape in any other shape, and leaves none behind.
 * @example
 * pointerEscapes('const p = "/labels/" + key0.replace(/~/g, "~0").replace(/\\//g, "~1");');
 * // 'const p = "/labels/" + escapePointer(key0);'
 */
export function pointerEscapes(code: string): string {
  const edits: Edit[] = [];
  for (const node of nodes(parseModule(code))) {
    if (!isReplaceCall(node, "/", "~1")) continue;
    const inner = (node.callee as AnyNode).object as AnyNode;
    if (!isReplaceCall(inner, "~", "~0"))
      throw new Error("pointerEscapes: a `/` escape without the `~` escape before it; extend this step for it");
    const key = (inner.callee as AnyNode).object as AnyNode;
    edits.push({ start: node.start, end: node.end, text: `escapePointer(${code.slice(key.start, key.end)})` });
  }
  const out = applyEdits(code, edits);
  if ([...nodes(parseModule(out))].some((node) => node.type === "Literal" && "regex" in node))
    throw new Error("pointerEscapes: a regular expression is left in the generated validators");
  return out;
}

/** `<x>.replace(/<pattern>/g, "<replacement>")`. */
function isReplaceCall(node: AnyNode, pattern: string, replacement: string): boolean {
  if (node.type !== "CallExpression") return false;
  const callee = node.callee as AnyNode;
  if (callee.type !== "MemberExpression" || !isIdentifier(callee.property, "replace")) return false;
  const [regex, text] = node.arguments as AnyNode[];
  const literal = regex?.regex as { pattern: string; flags: string } | undefined;
  const wanted = pattern.replace(/[/\\]/g, (c) => `\\${c}`); // "/" is written \/ in a regex literal
  return literal?.pattern === wanted && literal.flags === "g" && text?.type === "Literal" && text.value === replacement;
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

function isStringLiteral(node: AnyNode, value: string): boolean {
  return node.type === "Literal" && node.value === value;
}

