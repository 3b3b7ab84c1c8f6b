// Part of step 5: Ajv's standalone code as a syntax tree (acorn), and edits made by the
// ranges of its nodes, so that a rewrite depends on what the code is, not on how Ajv spaces
// or breaks it.
import { parse, type Node } from "acorn";

/** An acorn node with its children reachable by key, as the walk below reads them. */
export type AnyNode = Node & Record<string, unknown>;

/**
 * The module `code` parsed as ES2022, or an error that says the generator was given code it
 * cannot read (so no rewrite is attempted on a guess).
 */
export function parseModule(code: string): AnyNode {
  try {
    return parse(code, { ecmaVersion: 2022, sourceType: "module" }) as unknown as AnyNode;
  } catch (error) {
    throw new Error(`Ajv's standalone code does not parse as an ES2022 module: ${(error as Error).message}`);
  }
}

/** Every node under `root` (itself included), parents before children, in source order. */
export function* nodes(root: AnyNode): Generator<AnyNode> {
  yield root;
  for (const key of Object.keys(root)) {
    if (key === "loc" || key === "range") continue;
    const value = root[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) yield* nodes(item);
    } else if (isNode(value)) yield* nodes(value);
  }
}

function isNode(value: unknown): value is AnyNode {
  return value !== null && typeof value === "object" && typeof (value as { type?: unknown }).type === "string";
}

/** True when `node` is the identifier `name` (a string) or one whose name matches `name` (a RegExp). */
export function isIdentifier(node: unknown, name: string | RegExp): node is AnyNode & { name: string } {
  if (!isNode(node) || node.type !== "Identifier") return false;
  return typeof name === "string" ? node.name === name : name.test(node.name as string);
}

/** One replacement of the text of `code` from `start` to `end`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** `code` with `edits` made; edits may come in any order but must not overlap. */
export function applyEdits(code: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) throw new Error(`two rewrites of the generated code overlap at offset ${edit.start}`);
    out += code.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + code.slice(at);
}

/**
 * Every identifier under `root` that reads a variable: not a property name (`x.name`,
 * `{ name: … }`) and not the name a declaration binds (`function name`, `const name =`).
 */
export function* references(root: AnyNode): Generator<AnyNode & { name: string }> {
  const visit = function* (
    node: AnyNode,
    parent: AnyNode | undefined,
    key: string,
  ): Generator<AnyNode & { name: string }> {
    if (node.type === "Identifier") {
      if (!isBindingOrPropertyName(parent, key)) yield node as AnyNode & { name: string };
      return;
    }
    for (const child of Object.keys(node)) {
      if (child === "loc" || child === "range") continue;
      const value = node[child];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) yield* visit(item, node, child);
      } else if (isNode(value)) yield* visit(value, node, child);
    }
  };
  yield* visit(root, undefined, "");
}

function isBindingOrPropertyName(parent: AnyNode | undefined, key: string): boolean {
  if (parent === undefined) return false;
  if (parent.type === "MemberExpression") return key === "property" && parent.computed !== true;
  if (parent.type === "Property") return key === "key" && parent.computed !== true && parent.shorthand !== true;
  if (parent.type === "FunctionDeclaration" || parent.type === "FunctionExpression") return key === "id";
  if (parent.type === "VariableDeclarator") return key === "id";
  return false;
}
