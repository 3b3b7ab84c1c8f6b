// Small text helpers shared by the emit steps.

/** The first sentence of a description: what a one-line doc comment or a `types` listing shows. */
export function firstSentence(text: string): string {
  const match = /^.*?[.!?](?=\s|$)/.exec(text);
  return match ? match[0] : text;
}

/**
 * Code that makes `value` from its JSON text at run time: `JSON.parse('…')`. For the large
 * tables the package makes on first use. A JavaScript engine scans a string literal far faster
 * than it parses an object literal of the same data, and JSON.parse then builds the value faster
 * than the literal's compiled code would (V8's "The cost of JavaScript in 2019": for objects of
 * 10 kB or more): the main entry's cold import is about 0.6 ms shorter (docs/benchmarks.md).
 * Written as the emit steps wrote these tables before, `JSON.stringify(value)`, so the value is
 * the same (and a `__proto__` key, should one appear, is a key, as JSON.parse reads it).
 * @example
 * parsedJson({ a: "it's" }); // JSON.parse('{"a":"it\'s"}')
 */
export function parsedJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new Error("parsedJson: a value JSON cannot hold");
  // Single quotes, which JSON text rarely holds, so that its many double quotes need no escape.
  return `JSON.parse('${text.replace(/[\\']/g, (c) => `\\${c}`)}')`;
}
