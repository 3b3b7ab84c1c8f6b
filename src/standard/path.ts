// JSON Pointers (RFC 6901), as our issues carry them, turned into Standard Schema paths: one key
// per reference token, `~1` and `~0` decoded, and a token that indexes an array as a number.

/**
 * The Standard Schema path of `pointer` in `input` (the value that was validated). `""`, the
 * whole input, is the empty path. Whether a token is an array index depends on the value it
 * indexes, so the input is walked along the pointer; where the walk leaves the input, the
 * remaining tokens stay strings.
 */
export function pointerToPath(pointer: string, input: unknown): PropertyKey[] {
  if (pointer === "") return [];
  const path: PropertyKey[] = [];
  let current: unknown = input;
  for (const token of pointer.slice(1).split("/")) {
    const key = token.replace(/~1/g, "/").replace(/~0/g, "~"); // in this order, as RFC 6901 says
    if (Array.isArray(current) && /^(0|[1-9][0-9]*)$/.test(key)) {
      path.push(Number(key));
      current = current[Number(key)];
    } else {
      path.push(key);
      current = readField(current, key);
    }
  }
  return path;
}

function readField(value: unknown, key: string): unknown {
  if (value === null || typeof value !== "object" || !Object.prototype.hasOwnProperty.call(value, key))
    return undefined;
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined; // a getter that throws: the rest of the path stays strings
  }
}
