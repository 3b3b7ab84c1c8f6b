// Part of step 4: what the x-engine-json keyword's fast path must still check for one
// variant, worked out from its schema. The full walk (src/rules/engine-json.ts) looks at
// every key and value of an event; but once the variant's other keywords have passed, most
// of that is known already: a UUID, a timestamp, an enum value or a const is ASCII, a
// number is finite (strictNumbers). What is left: that the object has no keys beyond the
// schema's properties, and that its free-text strings are well-formed.
import { isWellFormed } from "../../src/rules/engine-json.js";
import { ASCII_ONLY_FORMATS } from "../../src/rules/index.js";

type Node = Record<string, unknown>;

/** What a property needs beyond its own keywords, once they have passed. */
export type MemberCheck =
  /** Nothing: its keywords allow only finite numbers, booleans, null, or well-formed strings. */
  | "none"
  /** A well-formed-string check when it is a string (its keywords allow any string). */
  | "wellFormed"
  /** The full walk of its value (it may hold an object or an array). */
  | "generic";

export interface FastPathPlan {
  /** The variant's property names, in schema order. */
  keys: string[];
  /** The properties whose strings need the well-formedness check (their keywords allow any string). */
  freeText: string[];
}

/**
 * The fast-path plan for a variant schema whose `$ref`s point into `root.$defs`, or null
 * when a property may hold an object or an array (the full walk must look inside it).
 * @example
 * planFastPath({ properties: { type: { const: "x" }, line: { type: "string" } } }, {});
 * // { keys: ["type", "line"], freeText: ["line"] }
 */
export function planFastPath(variant: Node, root: Node): FastPathPlan | null {
  const properties = (variant.properties ?? {}) as Record<string, Node>;
  const keys = Object.keys(properties);
  for (const key of keys)
    if (!isWellFormed(key)) throw new Error(`property name ${JSON.stringify(key)} is not well-formed Unicode`);
  const freeText: string[] = [];
  for (const name of keys) {
    const check = memberCheck(properties[name]!, root, 0);
    if (check === "generic") return null;
    if (check === "wellFormed") freeText.push(name);
  }
  return { keys, freeText };
}

const ORDER: MemberCheck[] = ["none", "wellFormed", "generic"];

/** The least check a value needs once `schema` has passed (keywords combine with AND, so the strictest one wins). */
function memberCheck(schema: Node, root: Node, depth: number): MemberCheck {
  if (depth > 20) return "generic"; // a $ref cycle: no claim
  const candidates: MemberCheck[] = [typeCheck(schema)];
  if ("const" in schema) candidates.push(scalarCheck([schema.const]));
  if (Array.isArray(schema.enum)) candidates.push(scalarCheck(schema.enum));
  if (
    typeof schema.format === "string" &&
    ASCII_ONLY_FORMATS.includes(schema.format) &&
    schema.type === "string" // the format applies to strings, and only strings pass
  )
    candidates.push("none");
  if (typeof schema.$ref === "string") candidates.push(memberCheck(resolve(schema.$ref, root), root, depth + 1));
  return candidates.reduce((a, b) => (ORDER.indexOf(a) <= ORDER.indexOf(b) ? a : b));
}

/** By `type` alone: numbers are finite (strictNumbers), strings need the check, containers the walk. */
function typeCheck(schema: Node): MemberCheck {
  const types = typeof schema.type === "string" ? [schema.type] : Array.isArray(schema.type) ? schema.type : null;
  if (types === null) return "generic";
  if (types.some((t) => t === "object" || t === "array")) return "generic";
  return types.includes("string") ? "wellFormed" : "none";
}

/** For `const` and `enum`: the value equals one of these, so it is as good as they are. */
function scalarCheck(values: unknown[]): MemberCheck {
  for (const value of values) {
    if (typeof value === "string" ? !isWellFormed(value) : value !== null && typeof value === "object")
      return "generic";
  }
  return "none";
}

function resolve(ref: string, root: Node): Node {
  const match = /^#\/\$defs\/([^/]+)$/.exec(ref);
  const target = match ? (root.$defs as Record<string, Node> | undefined)?.[match[1]!] : undefined;
  if (!target) throw new Error(`$ref "${ref}" does not name a definition of the bundle`);
  return target;
}
