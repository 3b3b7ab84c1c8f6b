// The shape of one event type in one engine format, as the kit needs it to write and change
// events at any depth: each object's fields in the engine's order, which of them the engine
// reads with a default when absent, and how it reads each number. Made once per format and
// type from the format's generated tables (expectations, nested expectations, defaults, number
// fields), so that a new field or nested object needs nothing in the kit.
import type { DefaultPlan, Format, NumberField } from "../engine/index.js";

/**
 * Where things are in an event: a path of field names from the event down, with `*` for an
 * array's items and a map's values ("" the event itself, "requirement", "windows/*",
 * "windows/*\/utilization", "labels/*").
 */
export type Pattern = string;

/** What the kit knows of an event type of a format, by pattern. */
export interface Shape {
  /** Each object's fields in the engine's order; an object not here is a map (labels). */
  readonly order: ReadonlyMap<Pattern, readonly string[]>;
  /** Each object's fields the engine reads with a default when they are absent. */
  readonly defaulted: ReadonlyMap<Pattern, ReadonlySet<string>>;
  /** The number fields and how the engine reads each: an unsigned integer, or a float. */
  readonly numbers: Readonly<Record<Pattern, NumberField>>;
}

const shapes = new WeakMap<Format, Map<string, Shape>>();

/** The shape of `type` in `format` (made on first use). */
export function shapeOf(format: Format, type: string): Shape {
  let byType = shapes.get(format);
  if (byType === undefined) shapes.set(format, (byType = new Map()));
  let shape = byType.get(type);
  if (shape === undefined) byType.set(type, (shape = makeShape(format, type)));
  return shape;
}

/** The pattern of a field `name` of the object at `pattern`. */
export function inner(pattern: Pattern, name: string): Pattern {
  return pattern === "" ? name : `${pattern}/${name}`;
}

function makeShape(format: Format, type: string): Shape {
  const order = new Map<Pattern, string[]>([["", Object.keys(format.expectations[type] ?? {})]]);
  // Nested paths come parent first, children in the engine's order: "requirement/reason", …
  for (const path of Object.keys(format.nestedExpectations[type] ?? {})) {
    const cut = path.lastIndexOf("/");
    const name = path.slice(cut + 1);
    if (name === "*") continue; // an array's items or a map's values: no fields of their own
    const parent = path.slice(0, cut);
    const siblings = order.get(parent) ?? [];
    siblings.push(name);
    order.set(parent, siblings);
  }
  const defaulted = new Map<Pattern, Set<string>>();
  const walk = (plan: DefaultPlan | undefined, pattern: Pattern) => {
    if (plan === undefined) return;
    if (plan.fields !== undefined) defaulted.set(pattern, new Set(Object.keys(plan.fields)));
    for (const [name, nested] of Object.entries(plan.nested ?? {})) walk(nested, inner(pattern, name));
    if (plan.items !== undefined) walk(plan.items, inner(pattern, "*"));
  };
  walk(format.defaults[type], "");
  return { order, defaulted, numbers: format.numbers[type] ?? {} };
}
