// Small text helpers shared by the emit steps.

/** The first sentence of a description: what a one-line doc comment or a `types` listing shows. */
export function firstSentence(text: string): string {
  const match = /^.*?[.!?](?=\s|$)/.exec(text);
  return match ? match[0] : text;
}

/**
 * Code that makes `value` from its JSON text at run time: `JSON.parse('…' + '…')`. For the large
 * tables the package makes on first use. A JavaScript engine scans string literals far faster
 * than it parses object literals of the same data, and JSON.parse then builds the value faster
 * than the literals' compiled code would (V8's "The cost of JavaScript in 2019": for objects of
 * 10 kB or more): the main entry compiles about 0.5 ms faster (docs/benchmarks.md).
 * The text is cut into one string per member of the value's first two levels (a definition, an
 * event type's words), so that a change to the schemas changes those lines of the generated
 * module, not one line of the whole table. It is JSON.stringify's text, so the value is the one
 * the emit steps wrote as a literal before (and a `__proto__` key, should one appear, is a key,
 * as JSON.parse reads it).
 * @example
 * parsedJson({ a: "it's" }); // JSON.parse('{"a":"it\'s"}')
 */
export function parsedJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new Error("parsedJson: a value JSON cannot hold");
  const parts = pieces(value, 2);
  if (parts.join("") !== text) throw new Error("parsedJson: the pieces do not make JSON.stringify's text");
  // Single quotes, which JSON text rarely holds, so that its many double quotes need no escape.
  const quoted = parts.map((part) => `'${part.replace(/[\\']/g, (c) => `\\${c}`)}'`);
  return `JSON.parse(${quoted.join(" + ")})`;
}

/** The JSON text of `value`, with each member of its objects and arrays `depth` levels down in a piece of its own. */
function pieces(value: unknown, depth: number): string[] {
  if (depth === 0 || value === null || typeof value !== "object") return [JSON.stringify(value)];
  const array = Array.isArray(value);
  const members: [string | undefined, unknown][] = array
    ? value.map((item) => [undefined, item])
    : Object.entries(value).filter(([, member]) => member !== undefined);
  if (members.length === 0) return [JSON.stringify(value)];
  const out: string[] = [];
  for (const [i, [key, member]] of members.entries()) {
    const sub = pieces(member, depth - 1);
    const opening = i === 0 ? (array ? "[" : "{") : ",";
    sub[0] = `${opening}${key === undefined ? "" : `${JSON.stringify(key)}:`}${sub[0]}`;
    out.push(...sub);
  }
  out[out.length - 1] += array ? "]" : "}";
  return out;
}
