// Part of step 5: what the x-engine-json keyword's fast path must still check for one
// variant, worked out from its schema (written into the variant's table, validator-tables.ts,
// and read by src/rules/walk-plan.ts). The full walk (src/rules/engine-json.ts) looks at
// every key and value of an event; but once the variant's other keywords have passed, most
// of that is known already: a UUID, a timestamp, an enum value or a const is ASCII, a
// number is finite (strictNumbers). What is left: that the object has no keys beyond the
// schema's properties, that its free-text strings are well-formed, and, inside the objects,
// maps and arrays it holds (an approval's requirement, labels, a list of usage windows), the
// same again. One more thing sends an event to the full walk, and from there the text path to
// the engine's own reading of the text: a float near the largest magnitude the engine takes.
import { isWellFormed } from "../../src/rules/engine-json.js";
import { ASCII_ONLY_FORMATS, FLOAT_NEAR_LIMIT, nearLimit } from "../../src/rules/index.js";
import type { MemberPlan, WalkPlan } from "../../src/rules/walk-plan.js";

export type { MemberPlan };

type Node = Record<string, unknown>;

/** The plan of one object, as src/rules/walk-plan.ts reads it. */
export type FastPathPlan = WalkPlan;

/** A member check that the fast path cannot make: the value may hold anything. */
class NoFastPath extends Error {}

/**
 * The fast-path plan for a variant schema whose `$ref`s point into `root.$defs`, or null
 * when a property may hold something the plan cannot vouch for (any JSON value).
 * @example
 * planFastPath({ properties: { type: { const: "x" }, line: { type: "string" } } }, {});
 * // { keys: ["type", "line"], closed: false, optional: ["type", "line"], freeText: ["line"], members: {} }
 */
export function planFastPath(variant: Node, root: Node): FastPathPlan | null {
  try {
    return objectPlan(variant, root, 0);
  } catch (error) {
    if (error instanceof NoFastPath) return null;
    throw error;
  }
}

function objectPlan(schema: Node, root: Node, depth: number): FastPathPlan {
  const properties = (schema.properties ?? {}) as Record<string, Node>;
  const keys = Object.keys(properties);
  for (const key of keys)
    if (!isWellFormed(key)) throw new Error(`property name ${JSON.stringify(key)} is not well-formed Unicode`);
  const required = new Set((schema.required ?? []) as string[]);
  const freeText: string[] = [];
  const members: Record<string, MemberPlan> = {};
  for (const name of keys) {
    const member = memberPlan(properties[name]!, root, depth + 1);
    if (member.check === "wellFormed") freeText.push(name);
    else if (member.check !== "none") members[name] = member;
  }
  return {
    keys,
    closed: schema.additionalProperties === false && !("patternProperties" in schema),
    optional: keys.filter((name) => !required.has(name)),
    freeText,
    members,
  };
}

/**
 * The least check a value needs once `schema` has passed. Keywords combine with AND, so the
 * constraint that says the most wins: a string with an `enum` of plain values needs nothing
 * more, although its `type` alone would need the well-formedness check. The alternatives of
 * an `anyOf` (a requirement or null) each get theirs; the value is one of them, and each check
 * of a container starts by testing that the value is one (so null passes it).
 */
function memberPlan(schema: Node, root: Node, depth: number): MemberPlan {
  if (depth > 20) throw new NoFastPath(); // a $ref cycle: no claim
  const candidates: (() => MemberPlan)[] = [() => typePlan(schema, root, depth)];
  if ("const" in schema) candidates.push(() => scalarPlan([schema.const]));
  if (Array.isArray(schema.enum)) candidates.push(() => scalarPlan(schema.enum as unknown[]));
  if (typeof schema.$ref === "string")
    candidates.push(() => memberPlan(resolve(schema.$ref as string, root), root, depth + 1));
  if (Array.isArray(schema.anyOf)) candidates.push(() => anyOfPlan(schema.anyOf as Node[], root, depth));
  let best: MemberPlan | undefined;
  for (const candidate of candidates) {
    let plan: MemberPlan;
    try {
      plan = candidate();
    } catch (error) {
      if (error instanceof NoFastPath) continue;
      throw error;
    }
    if (best === undefined || ORDER.indexOf(plan.check) < ORDER.indexOf(best.check)) best = plan;
  }
  if (best === undefined) throw new NoFastPath();
  return best;
}

/** From the least check to the most. */
const ORDER: MemberPlan["check"][] = ["none", "wellFormed", "magnitude", "object", "map", "array"];

/** Each alternative of an `anyOf` gets its plan; the value needs the one that is not "none", if only one is not. */
function anyOfPlan(branches: Node[], root: Node, depth: number): MemberPlan {
  const strong = branches.map((branch) => memberPlan(branch, root, depth + 1)).filter((plan) => plan.check !== "none");
  if (strong.length === 0) return { check: "none" };
  if (strong.length === 1) return strong[0]!;
  if (strong.every((plan) => plan.check === "wellFormed")) return { check: "wellFormed" };
  throw new NoFastPath();
}

/** By `type` (and what goes with it: `format`, `properties`, `items`, ...). */
function typePlan(schema: Node, root: Node, depth: number): MemberPlan {
  const types = typeof schema.type === "string" ? [schema.type] : Array.isArray(schema.type) ? schema.type : null;
  if (types === null) throw new NoFastPath();
  if (types.length === 1 && types[0] === "object") {
    if (schema.properties !== undefined) return { check: "object", plan: objectPlan(schema, root, depth) };
    const values = schema.additionalProperties;
    if (values !== null && typeof values === "object")
      return { check: "map", values: memberPlan(values as Node, root, depth + 1) };
    throw new NoFastPath();
  }
  if (types.length === 1 && types[0] === "array") {
    const items = schema.items;
    if (items !== null && typeof items === "object")
      return { check: "array", items: memberPlan(items as Node, root, depth + 1) };
    throw new NoFastPath();
  }
  if (types.some((t) => t === "object" || t === "array")) throw new NoFastPath();
  if (types.includes("string"))
    return typeof schema.format === "string" && ASCII_ONLY_FORMATS.includes(schema.format) && types.length === 1
      ? { check: "none" } // the format applies to strings, and only strings pass
      : { check: "wellFormed" };
  if (types.includes("number")) {
    // A float the engine reads with its own parser: near its limit, JSON.parse's double may
    // not be the engine's, and only the text can tell (the text path reads it then).
    const limit = schema.exclusiveMaximum;
    return { check: "magnitude", above: typeof limit === "number" ? nearLimit(limit) : FLOAT_NEAR_LIMIT };
  }
  return { check: "none" }; // integers (their keywords bound them), booleans, null
}

/** For `const` and `enum`: the value equals one of these, so it is as good as they are. */
function scalarPlan(values: unknown[]): MemberPlan {
  for (const value of values) {
    if (typeof value === "string" ? !isWellFormed(value) : value !== null && typeof value === "object")
      throw new NoFastPath();
  }
  return { check: "none" };
}

function resolve(ref: string, root: Node): Node {
  const match = /^#\/\$defs\/([^/]+)$/.exec(ref);
  const target = match ? (root.$defs as Record<string, Node> | undefined)?.[match[1]!] : undefined;
  if (!target) throw new Error(`$ref "${ref}" does not name a definition of the bundle`);
  return target;
}
