// Where the events of a JSON document start, for the report: the document is parsed by
// JSON.parse, which gives no positions, so a light scan of the text finds them.

/** The line of the first character that is not whitespace. */
export function firstLine(text: string): number {
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c !== 32 && c !== 9 && c !== 13) break;
  }
  return line;
}

/** The line on which each top-level element of a JSON array starts, found by a light scan. */
export function arrayElementLines(text: string, count: number): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectingElement = false;
  for (let i = 0; i < text.length && lines.length < count; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 10) continue;
    if (depth === 1 && expectingElement) {
      lines.push(line);
      expectingElement = false;
    }
    if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      depth++;
      if (depth === 1) expectingElement = true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
    else if (c === 44 /* , */ && depth === 1) expectingElement = true;
  }
  return lines;
}
