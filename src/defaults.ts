// Reading as serde reads: a field the engine fills with a default when it is absent gets that
// default on parse, at any depth (an approval's requirement, each usage window), so that a
// parsed event matches its type. The plans come from the schemas (generated/constants.ts).
import type { Filling, Format } from "./engine/index.js";

/** Whose a value is: made by parseEvent from text (filled in place), or the caller's (copied where filled). */
export type Ownership = "owned" | "borrowed";

/**
 * `event` (valid for `format`) with every absent defaulted field filled in: the event itself
 * when nothing was missing (the common case: no allocation), else, for a borrowed event, a
 * copy of each object that gets a field (the caller's objects are left as they were). An
 * object or array default is a fresh one per event, never shared.
 */
export function withDefaults<E>(event: E, format: Format, ownership: Ownership): E {
  const type = (event as { type: string }).type;
  const plan = format.fillingPlan();
  const types = plan.types;
  // Compared in turn: cheaper than a lookup by name, since JSON.parse does not intern string
  // values, and the length test skips most comparisons of characters.
  for (let i = 0; i < types.length; i++) {
    const candidate = types[i]!;
    if (candidate.length !== type.length || candidate !== type) continue;
    // An event parseEvent made: its own fields by the generated filler, which stores them by
    // name (a store by a key read from the plan costs ten times as much); the nested ones here.
    const filler = plan.fillers[i];
    if (ownership === "owned" && filler !== undefined) {
      filler(event as object);
      return fill(event, plan.fillings[i]!, ownership, false);
    }
    return fill(event, plan.fillings[i]!, ownership, true);
  }
  return event;
}

/**
 * True when `event` (valid for `format`) has every defaulted field, at any depth: what
 * withDefaults would leave as it is. Allocates nothing (isEvent asks this of every value).
 */
export function hasEveryDefault(event: unknown, format: Format): boolean {
  const type = (event as { type: string }).type;
  const plan = format.fillingPlan();
  const types = plan.types;
  for (let i = 0; i < types.length; i++) {
    const candidate = types[i]!;
    if (candidate.length === type.length && candidate === type) return isComplete(event, plan.fillings[i]!);
  }
  return true;
}

function isComplete(value: unknown, filling: Filling): boolean {
  const object = value as Record<string, unknown>;
  const keys = filling.keys;
  for (let i = 0; i < keys.length; i++) if (object[keys[i]!] === undefined) return false;
  const nestedKeys = filling.nestedKeys;
  for (let i = 0; i < nestedKeys.length; i++) {
    const member = object[nestedKeys[i]!];
    if (member === null || typeof member !== "object") continue;
    const inner = filling.nested[i]!;
    if (!Array.isArray(member)) {
      if (!isComplete(member, inner)) return false;
      continue;
    }
    const items = inner.items;
    if (items === undefined) continue;
    for (const item of member) if (item !== null && typeof item === "object" && !isComplete(item, items)) return false;
  }
  return true;
}

function fill<T>(value: T, filling: Filling, ownership: Ownership, own: boolean): T {
  const original = value as unknown as Record<string, unknown>;
  let out = original;
  const { keys, values } = filling;
  for (let i = 0; own && i < keys.length; i++) {
    const key = keys[i]!;
    if (out[key] !== undefined) continue;
    if (ownership === "borrowed" && out === original) out = { ...original };
    out[key] = filling.fresh[i] ? fresh(values[i]) : values[i];
  }
  const nestedKeys = filling.nestedKeys;
  for (let i = 0; i < nestedKeys.length; i++) {
    const key = nestedKeys[i]!;
    const member = out[key];
    if (member === null || typeof member !== "object") continue; // null, where the field may be null
    const inner = filling.nested[i]!;
    const filled = Array.isArray(member) ? fillItems(member, inner, ownership) : fill(member, inner, ownership, true);
    if (filled === member) continue;
    if (ownership === "borrowed" && out === original) out = { ...original };
    out[key] = filled;
  }
  return out as unknown as T;
}

function fillItems(items: unknown[], filling: Filling, ownership: Ownership): unknown[] {
  const itemFilling = filling.items;
  if (itemFilling === undefined) return items;
  let out = items;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === null || typeof item !== "object") continue;
    const filled = fill(item, itemFilling, ownership, true);
    if (filled === item) continue;
    if (ownership === "borrowed" && out === items) out = items.slice();
    out[i] = filled;
  }
  return out;
}

/**
 * An object or array default as a value of its own, so that no two events share one: `{}`
 * and `[]` (the only object defaults the engine has) made anew, any other one copied.
 */
function fresh(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : structuredClone(value);
  for (const _ in value as object) return structuredClone(value);
  return {};
}
