// Part of step 5: one module holds the validators of every engine format, and most of them are
// the same from one format to the next (a variant or a definition that did not change). Ajv
// compiles each format's bundle on its own, so its code has each of them once per format,
// under other names. This step merges them on the syntax tree (syntax-tree.ts): top-level
// constants with the same initializer, then validator functions whose code is the same once
// each is written with its own name as `SELF`, round after round (merging two functions can
// make their callers the same), until nothing changes. It then drops the constants that no
// code reads any more, and checks that no duplicate is left, so that an extra format costs
// only what it changes.
import { applyEdits, isIdentifier, parseModule, references, type AnyNode, type Edit } from "./syntax-tree.js";

/** The names Ajv gives its validator functions. */
const VALIDATOR = /^validate\d+$/;
/** The names Ajv gives the values its code reads (schemas, formats, functions): schema12, formats0, func4. */
const SCOPE_VALUE = /^[a-z]+\d+$/;

interface Declaration {
  name: string;
  /** The whole declaration, which a merge removes. */
  node: AnyNode;
  /** What makes two of them the same: a constant's initializer, a function's text with its name as SELF. */
  key: string;
}

/**
 * `code` with every duplicate validator function and constant merged into one, and the
 * constants nothing reads left out; an error if a duplicate is left.
 * @example
 * mergeDuplicates("function validate1(d){return d > 0} function validate2(d){return d > 0} export const a = validate1, b = validate2;");
 * // "function validate1(d){return d > 0}  export const a = validate1, b = validate1;"
 */
export function mergeDuplicates(code: string): string {
  let out = code;
  for (;;) {
    const next = merge(merge(out, constants), functions);
    if (next === out) break;
    out = next;
  }
  out = dropUnread(out);
  const program = parseModule(out);
  const left = [...twins(constants(out, program)), ...twins(functions(out, program))];
  if (left.length > 0) throw new Error(`mergeDuplicates: duplicates are left: ${left.join(", ")}`);
  return out;
}

/** Top-level `const <scope value> = …;` declarations, keyed by their initializer's text. */
function constants(code: string, program: AnyNode): Declaration[] {
  const out: Declaration[] = [];
  for (const node of program.body as AnyNode[]) {
    if (node.type !== "VariableDeclaration" || node.kind !== "const") continue;
    const declarations = node.declarations as AnyNode[];
    const declarator = declarations[0]!;
    const init = declarator.init as AnyNode | null;
    if (declarations.length !== 1 || !isIdentifier(declarator.id, SCOPE_VALUE) || !init) continue;
    out.push({ name: declarator.id.name, node, key: code.slice(init.start, init.end) });
  }
  return out;
}

/** Top-level validator functions, keyed by their text with their own name written SELF. */
function functions(code: string, program: AnyNode): Declaration[] {
  const out: Declaration[] = [];
  for (const node of program.body as AnyNode[]) {
    if (node.type !== "FunctionDeclaration" || !isIdentifier(node.id, VALIDATOR)) continue;
    const name = node.id.name;
    const edits: Edit[] = [{ start: node.id.start, end: node.id.end, text: "SELF" }];
    for (const ref of references(node))
      if (ref.name === name) edits.push({ start: ref.start, end: ref.end, text: "SELF" });
    const shifted = edits.map((e) => ({ ...e, start: e.start - node.start, end: e.end - node.start }));
    out.push({ name, node, key: applyEdits(code.slice(node.start, node.end), shifted) });
  }
  return out;
}

/** One round: each declaration with the key of an earlier one goes, and what read it reads the earlier one. */
function merge(code: string, declarations: (code: string, program: AnyNode) => Declaration[]): string {
  const program = parseModule(code);
  const first = new Map<string, string>();
  const renames = new Map<string, string>();
  const removed: AnyNode[] = [];
  for (const { name, node, key } of declarations(code, program)) {
    const kept = first.get(key);
    if (kept === undefined) first.set(key, name);
    else {
      renames.set(name, kept);
      removed.push(node);
    }
  }
  if (removed.length === 0) return code;
  const edits: Edit[] = removed.map((node) => ({ start: node.start, end: node.end, text: "" }));
  const gone = new Set(removed);
  for (const node of program.body as AnyNode[]) {
    if (gone.has(node)) continue;
    for (const ref of references(node)) {
      const target = renames.get(ref.name);
      if (target !== undefined) edits.push({ start: ref.start, end: ref.end, text: target });
    }
  }
  return applyEdits(code, edits);
}

/** Drops the top-level scope constants that no code reads, until none is left (one may read another). */
function dropUnread(code: string): string {
  let out = code;
  for (;;) {
    const program = parseModule(out);
    const read = new Set<string>();
    for (const ref of references(program)) read.add(ref.name);
    const unread = constants(out, program).filter(({ name }) => !read.has(name));
    if (unread.length === 0) return out;
    out = applyEdits(
      out,
      unread.map(({ node }) => ({ start: node.start, end: node.end, text: "" })),
    );
  }
}

/** The names of declarations whose key an earlier one has: the duplicates a merge missed. */
function twins(declarations: Declaration[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const { name, key } of declarations) {
    if (seen.has(key)) out.push(name);
    seen.add(key);
  }
  return out;
}
