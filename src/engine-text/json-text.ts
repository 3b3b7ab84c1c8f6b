// What every reader of JSON text here shares (the scan, its pre-check, the syntax-error finder):
// the characters of JSON's grammar by code, whitespace, and where an offset is as line and
// column. One copy, so that they agree on what is whitespace and on how lines are counted.

export const QUOTE = 34;
export const BACKSLASH = 92;
export const COLON = 58;
export const MINUS = 45;
export const OPEN_BRACE = 123;
export const CLOSE_BRACE = 125;
export const OPEN_BRACKET = 91;
export const CLOSE_BRACKET = 93;

/** A character a JSON number may hold (a digit, `-`, `+`, `.`, `e` or `E`): how far a number's text runs. */
export function isNumberCharacter(c: number): boolean {
  return (c >= 48 && c <= 57) || c === MINUS || c === 43 || c === 46 || c === 101 || c === 69;
}

/** The offset of the first character at or after `i` that is not JSON whitespace (space, tab, LF, CR). */
export function skipSpace(text: string, i: number): number {
  let c = text.charCodeAt(i);
  while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
  return i;
}

/** Where `offset` is in `text`, both 1-based: lines end at "\n", a column counts UTF-16 code units. */
export interface TextPosition {
  line: number;
  column: number;
}

/** The line and column of `offset` in `text` (for a message: only an error pays for the count). */
export function lineAndColumn(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
