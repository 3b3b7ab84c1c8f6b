// Part of step 5, on the copy of the bundle that only the validators read: an `anyOf` with a
// branch that is nothing but `{ "type": T }`, whose other branches all require type T as
// well, accepts exactly the values of type T. StepKind is such a schema (a built-in kind, or
// any string). Ajv would try the branches in turn and, for a custom kind ("gitlab"), build
// the first branch's errors before the second one passes: objects made on the success path.
// Checked as `{ "type": T }` it costs one typeof. A value of another type gets one `type`
// error instead of the branches' errors plus `anyOf`, which src/issues/from-errors.ts reports alike
// (the same path, code `type`).

type Node = Record<string, unknown>;

/**
 * The bundle (already stripped to what validation reads) with every such `anyOf` replaced
 * by its plain branch. Refuses a `$ref` that does not point into the bundle's `$defs`.
 * @example
 * collapseSubtypeAnyOf({ $defs: { k: { anyOf: [{ $ref: "#/$defs/e" }, { type: "string" }] }, e: { type: "string", enum: ["a"] } } });
 * // -> $defs.k is { type: "string" }
 */
export function collapseSubtypeAnyOf(bundle: Node): Node {
  const defs = (bundle.$defs ?? {}) as Record<string, Node>;
  const resolve = (branch: Node, where: string): Node => {
    if (typeof branch.$ref !== "string") return branch;
    const match = /^#\/\$defs\/([^/]+)$/.exec(branch.$ref);
    const target = match ? defs[match[1]!] : undefined;
    if (!target) throw new Error(`${where}: $ref "${branch.$ref}" does not name a definition of the bundle`);
    return resolve(target, `#/$defs/${match![1]}`);
  };
  const visit = (node: unknown, where: string): unknown => {
    if (Array.isArray(node)) return node.map((item, i) => visit(item, `${where}/${i}`));
    if (!node || typeof node !== "object") return node;
    const out: Node = {};
    for (const [key, value] of Object.entries(node)) out[key] = visit(value, `${where}/${key}`);
    const anyOf = out.anyOf;
    if (!Array.isArray(anyOf) || Object.keys(out).length !== 1) return out;
    const plain = anyOf.find((branch: Node) => Object.keys(branch).length === 1 && typeof branch.type === "string") as
      Node | undefined;
    if (!plain) return out;
    const narrower = anyOf.every(
      (branch: Node, i: number) => resolve(branch, `${where}/anyOf/${i}`).type === plain.type,
    );
    return narrower ? { type: plain.type } : out;
  };
  return visit(bundle, "#") as Node;
}
