/**
 * The fast path of the x-engine-json keyword in the validators of the full path. The full walk
 * (engine-json.ts) looks at every key and value of an event; once the variant's other keywords
 * have passed, most of that is known already (a UUID, a timestamp, an enum value is ASCII; a
 * number is finite). A variant's plan (worked out from its schema by the generator,
 * scripts/generate/engine-json-fast.ts) says what is left to look at. The walk runs only when
 * the plan does not pass, which also tells the text path (fullWalks) to read the text in full.
 */
import { isPlainRecord, isWellFormed } from "./engine-json.js";

/** What a value needs beyond its own keywords, once they have passed. */
export type MemberPlan =
  /** Nothing: its keywords allow only finite numbers, booleans, null, or well-formed strings. */
  | { readonly check: "none" }
  /** A well-formed-string check when it is a string (its keywords allow any string). */
  | { readonly check: "wellFormed" }
  /** A number that leaves the fast path when its magnitude exceeds `above` (near the engine's limit). */
  | { readonly check: "magnitude"; readonly above: number }
  /** An object with named properties: the root's checks, one level down. */
  | { readonly check: "object"; readonly plan: WalkPlan }
  /** An object of any keys (a map): every key well-formed, every value per `values`. */
  | { readonly check: "map"; readonly values: MemberPlan }
  /** An array: every item per `items`. */
  | { readonly check: "array"; readonly items: MemberPlan };

/** What the fast path checks of one object. */
export interface WalkPlan {
  /** The object's property names, in schema order. */
  readonly keys: readonly string[];
  /** True when its keywords refuse other keys already (`additionalProperties: false`). */
  readonly closed: boolean;
  /** The properties it may leave out, which must not be present with the value `undefined`. */
  readonly optional: readonly string[];
  /** The properties whose strings need the well-formedness check (their keywords allow any string). */
  readonly freeText: readonly string[];
  /** The properties that need more than that (objects, maps, arrays, floats near a limit). */
  readonly members: Readonly<Record<string, MemberPlan>>;
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * True when the object `data`, whose variant's other keywords have passed, needs no walk:
 * 1. it is plain (its prototype is Object.prototype or null, or isPlainRecord says so: an
 *    object from another realm); 2. every key `for…in` lists is a property the schema names;
 * 3. no optional property is present with the value `undefined` (not JSON data, which the
 *    schema's keywords read as absent); 4. every free-text string is well-formed; 5. the same
 *    one level down for an object it holds, every key and value of a map, every item of an
 *    array; 6. no float is near the largest magnitude the engine reads.
 * @example
 * passesWalkPlan({ keys: ["a"], closed: false, optional: [], freeText: ["a"], members: {} }, { a: "x" }); // true
 */
export function passesWalkPlan(plan: WalkPlan, data: object): boolean {
  const proto = Object.getPrototypeOf(data);
  if (!(proto === Object.prototype || proto === null || isPlainRecord(data))) return false;
  if (!plan.closed) for (const key in data) if (!plan.keys.includes(key)) return false;
  const record = data as Record<string, unknown>;
  for (const name of plan.optional) if (record[name] === undefined && hasOwn.call(data, name)) return false;
  for (const name of plan.freeText) {
    const value = record[name];
    if (typeof value === "string" && !isWellFormed(value)) return false;
  }
  for (const name in plan.members) if (!passesMember(plan.members[name]!, record[name])) return false;
  return true;
}

function passesMember(plan: MemberPlan, value: unknown): boolean {
  switch (plan.check) {
    case "none":
      return true;
    case "wellFormed":
      return typeof value !== "string" || isWellFormed(value);
    case "magnitude":
      return !((value as number) > plan.above || (value as number) < -plan.above);
    case "object":
      return value === null || typeof value !== "object" || passesWalkPlan(plan.plan, value);
    case "map": {
      if (value === null || typeof value !== "object") return true;
      const proto = Object.getPrototypeOf(value);
      if (!(proto === Object.prototype || proto === null || isPlainRecord(value))) return false;
      for (const key in value)
        if (!isWellFormed(key) || !passesMember(plan.values, (value as Record<string, unknown>)[key])) return false;
      return true;
    }
    case "array":
      if (plan.items.check === "none" || !Array.isArray(value)) return true;
      for (const item of value) if (!passesMember(plan.items, item)) return false;
      return true;
  }
}
