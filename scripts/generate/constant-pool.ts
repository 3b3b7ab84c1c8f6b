// Part of step 5: generated data written once however often it is used. A value (a schema
// definition, a strict shape) gets a constant the first time it is seen, named with a prefix
// and a number; an equal value seen again (compared as JSON) gets the same name.

export interface ConstantPool {
  /** The constant's name for `value`, a new one when no equal value was named before. */
  nameOf(value: unknown): string;
  /** `const <name> = <value as JSON>;` for every value named, in the order they were named. */
  declarations(): string[];
}

/**
 * @example
 * const pool = constantPool("shape");
 * pool.nameOf({ keys: ["a"] }) === pool.nameOf({ keys: ["a"] }); // true: "shape0"
 */
export function constantPool(prefix: string): ConstantPool {
  const names = new Map<string, string>(); // value as JSON -> constant name
  return {
    nameOf(value) {
      const json = JSON.stringify(value);
      if (!names.has(json)) names.set(json, `${prefix}${names.size}`);
      return names.get(json)!;
    },
    declarations: () => [...names].map(([json, name]) => `const ${name} = ${json};`),
  };
}
