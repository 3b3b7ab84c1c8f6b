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

/**
 * A string in double quotes, JSON-escaped, cut to at most QUOTE_LIMIT characters between
 * the quotes, with its full length said when cut. The limit counts what the message shows:
 * an escape such as `\u0001` counts six, so 80 control characters cannot make a 480-character
 * quote; and a cut never splits a surrogate pair.
 */
export function quote(s: string): string {
  if (s.length <= QUOTE_LIMIT) {
    const whole = JSON.stringify(s);
    if (whole.length <= QUOTE_LIMIT + 2) return whole;
  }
  let shown = "";
  for (const char of s) {
    // code points: a pair stays whole, a lone surrogate comes alone (and JSON.stringify escapes it)
    const escaped = JSON.stringify(char).slice(1, -1);
    if (shown.length + escaped.length > QUOTE_LIMIT) break;
    shown += escaped;
  }
  return `"${shown}"… (${s.length} characters)`;
}
