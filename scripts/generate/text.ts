// Small text helpers shared by the emit steps.

/** The first sentence of a description: what a one-line doc comment or a `types` listing shows. */
export function firstSentence(text: string): string {
  const match = /^.*?[.!?](?=\s|$)/.exec(text);
  return match ? match[0] : text;
}
