/** How long a quoted value may get in a message before it is cut. */
export const QUOTE_LIMIT = 80;

/**
 * A value as an error message shows it: numbers and literals as they are, strings quoted
 * and cut to about 80 characters, containers by kind only (an event can be megabytes).
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case "string":
      return quote(value);
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "boolean":
      return String(value);
    case "undefined":
      return "nothing";
    case "bigint":
      return `the bigint ${value}n`;
    case "symbol":
      return "a symbol";
    case "function":
      return "a function";
    default:
      if (value === null) return "null";
      if (Array.isArray(value)) return "an array";
      return "an object";
  }
}

/** A string in double quotes, JSON-escaped, cut to QUOTE_LIMIT characters with its full length said. */
export function quote(s: string): string {
  if (s.length <= QUOTE_LIMIT) return JSON.stringify(s);
  return `${JSON.stringify(s.slice(0, QUOTE_LIMIT))}… (${s.length} characters)`;
}
