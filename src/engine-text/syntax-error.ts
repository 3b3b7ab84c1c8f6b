/**
 * Where and why a text is not JSON, as the engine's reader would refuse it: `JSON.parse` says
 * so in words that differ by engine and often give no position; this scanner runs only after
 * `JSON.parse` has failed (or the bytes were not UTF-8), and finds the first offending
 * character by the grammar of RFC 8259. Iterative, so that deep nesting cannot overflow the
 * stack. The issue itself is written by src/issues/ (jsonSyntaxIssue).
 */
import { quote } from "../describe.js";
import { jsonSyntaxIssue } from "../issues/index.js";
import type { ValidationIssue } from "../types.js";
import { lineAndColumn, skipSpace, type TextPosition } from "./json-text.js";

/** `json_syntax` for a text that JSON.parse refused: where and why, found by a second, careful reading. */
export function jsonTextIssue(text: string): ValidationIssue {
  const { line, column, reason } = findJsonSyntaxError(text);
  return jsonSyntaxIssue(reason, { line, column, lineInMessage: true });
}

/** `json_syntax` for one NDJSON line that JSON.parse refused: the column, at the file's line `line`. */
export function jsonLineIssue(text: string, line: number): ValidationIssue {
  const { column, reason } = findJsonSyntaxError(text);
  return jsonSyntaxIssue(reason, { line, column, lineInMessage: false });
}

/**
 * `json_syntax` for bytes that are not UTF-8 (RFC 8259 JSON is UTF-8; the engine refuses other
 * bytes), found in `decoded` by the U+FFFD they decoded to. `line`: the line of an NDJSON line;
 * undefined for a document, whose message names the line within it.
 */
export function notUtf8Issue(decoded: string, line?: number): ValidationIssue {
  const inText = lineAndColumn(decoded, decoded.indexOf("\ufffd"));
  return line === undefined
    ? jsonSyntaxIssue("bytes that are not UTF-8", { line: inText.line, column: inText.column, lineInMessage: true })
    : jsonSyntaxIssue("bytes that are not UTF-8", { line, column: inText.column, lineInMessage: false });
}

interface JsonSyntaxError extends TextPosition {
  /** Offset of the offending character (UTF-16 code units from the start). */
  offset: number;
  /** What is wrong, for a person. */
  reason: string;
}

function findJsonSyntaxError(text: string): JsonSyntaxError {
  const at = (offset: number, reason: string): JsonSyntaxError => ({
    offset,
    ...lineAndColumn(text, offset),
    reason,
  });
  const n = text.length;
  const stack: number[] = []; // 91 "[" or 123 "{" for each open container
  let i = skipSpace(text, 0);
  // `expect` says what may come next: a value, a key, or what follows a value.
  let expect: "value" | "key" | "after" | "first-value-or-close" | "first-key-or-close" = "value";
  for (;;) {
    if (i >= n) {
      if (expect === "after" && stack.length === 0) return at(n, "no error found"); // should not happen: JSON.parse failed
      return at(n, "unexpected end of input: the JSON is cut short");
    }
    const c = text.charCodeAt(i);
    if (expect === "value" || expect === "first-value-or-close") {
      if (expect === "first-value-or-close" && c === 93 /* ] */) {
        stack.pop();
        i = skipSpace(text, i + 1);
        expect = "after";
        continue;
      }
      if (c === 123 /* { */ || c === 91 /* [ */) {
        stack.push(c);
        i = skipSpace(text, i + 1);
        expect = c === 123 ? "first-key-or-close" : "first-value-or-close";
        continue;
      }
      const end = c === 34 ? scanString(text, i) : scanScalar(text, i);
      if (typeof end !== "number") return at(end.offset, end.reason);
      i = skipSpace(text, end);
      expect = "after";
      continue;
    }
    if (expect === "key" || expect === "first-key-or-close") {
      if (expect === "first-key-or-close" && c === 125 /* } */) {
        stack.pop();
        i = skipSpace(text, i + 1);
        expect = "after";
        continue;
      }
      if (c !== 34) return at(i, `expected a property name in double quotes, found ${show(text, i)}`);
      const end = scanString(text, i);
      if (typeof end !== "number") return at(end.offset, end.reason);
      i = skipSpace(text, end);
      if (text.charCodeAt(i) !== 58 /* : */)
        return at(i, `expected ':' after the property name, found ${show(text, i)}`);
      i = skipSpace(text, i + 1);
      expect = "value";
      continue;
    }
    // after a value
    const open = stack[stack.length - 1];
    if (open === undefined) return at(i, `unexpected ${show(text, i)} after the end of the JSON value`);
    if (c === 44 /* , */) {
      i = skipSpace(text, i + 1);
      expect = open === 123 ? "key" : "value";
      if (open === 91 && text.charCodeAt(i) === 93) return at(i, "a trailing comma before ']' is not allowed");
      if (open === 123 && text.charCodeAt(i) === 125) return at(i, "a trailing comma before '}' is not allowed");
      continue;
    }
    if ((open === 123 && c === 125) || (open === 91 && c === 93)) {
      stack.pop();
      i = skipSpace(text, i + 1);
      continue;
    }
    return at(i, `expected ',' or '${open === 123 ? "}" : "]"}', found ${show(text, i)}`);
  }
}

type ScanResult = number | { offset: number; reason: string };

/** From an opening quote to just past the closing one. */
function scanString(text: string, start: number): ScanResult {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c < 0x20)
      return {
        offset: i,
        reason: `control character U+${hex4(c)} must be escaped inside a string`,
      };
    if (c === 92 /* \ */) {
      const e = text.charCodeAt(i + 1);
      if (e === 117 /* u */) {
        if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6)))
          return {
            offset: i,
            reason: "\\u must be followed by four hex digits",
          };
        i += 5;
      } else if ('"\\/bfnrt'.includes(text[i + 1] ?? "")) i++;
      else
        return {
          offset: i,
          reason: `invalid escape ${JSON.stringify(text.slice(i, i + 2))} in a string`,
        };
    }
  }
  return {
    offset: text.length,
    reason: "unterminated string: the closing '\"' is missing",
  };
}

const LITERALS = ["true", "false", "null"];
/** A JSON number, matched where it starts (sticky), however long. */
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** A number or a literal, to just past its end. */
function scanScalar(text: string, start: number): ScanResult {
  for (const word of LITERALS) if (text.startsWith(word, start)) return start + word.length;
  NUMBER.lastIndex = start;
  const match = NUMBER.exec(text);
  if (!match)
    return {
      offset: start,
      reason: `expected a value, found ${show(text, start)}`,
    };
  const end = start + match[0].length;
  if (/^[0-9.eE+-]/.test(text[end] ?? ""))
    return {
      offset: end,
      reason: `malformed number ${quote(text.slice(start, end + 1))}`,
    };
  return end;
}

function show(text: string, i: number): string {
  if (i >= text.length) return "the end of the input";
  const c = text.charCodeAt(i);
  // Control characters, a BOM and lone surrogates are named, not printed: a message stays readable text.
  const code = text.codePointAt(i)!;
  if (c < 0x20 || c === 0xfeff || (code >= 0xd800 && code <= 0xdfff)) return `U+${hex4(c)}`;
  return `'${String.fromCodePoint(code)}'`;
}

function hex4(c: number): string {
  return c.toString(16).toUpperCase().padStart(4, "0");
}
