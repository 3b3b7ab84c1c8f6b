// Glob patterns, for arguments the shell did not expand (quoted, or on a shell without
// globbing): `*` and `?` within one path segment, `[...]` character classes (`[!...]` or
// `[^...]` negated, ranges such as `[0-9]`), `**` for any number of directories, and `\` to
// escape. As in a shell, a name starting with "." is matched only by a segment that starts
// with "." itself, and `**` does not descend into such directories.
import { readdirSync, statSync, type Dirent } from "node:fs";
import { join } from "node:path";

/**
 * True when `pattern` holds an unescaped `*`, `?` or `[`.
 * @example
 * hasGlobMagic("events/*.ndjson"); // true
 * hasGlobMagic("events/a.ndjson"); // false
 */
export function hasGlobMagic(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (c === "*" || c === "?" || c === "[") return true;
  }
  return false;
}

/** A compiled path segment: `**`, or a test for one name. */
type Segment = { globstar: true } | { globstar: false; literal: string | null; test: (name: string) => boolean };

/**
 * Compiles one path segment (no "/") into a test for a file or directory name.
 * @example
 * compileSegment("*.json")("a.json"); // true
 * compileSegment("*.json")(".hidden.json"); // false
 */
function compileSegment(segment: string): (name: string) => boolean {
  const tokens = tokenize(segment);
  const dotAllowed = segment.startsWith(".");
  return (name) => (dotAllowed || !name.startsWith(".")) && matchTokens(tokens, name);
}

/**
 * One element of a segment: a literal character, `?` (any one character), `*` (any run), or a
 * class. Matched without building a regular expression from user input: no pattern a user types
 * can make matching backtrack catastrophically.
 */
type Token =
  | { kind: "char"; char: string }
  | { kind: "any" }
  | { kind: "star" }
  | { kind: "class"; negated: boolean; test: (c: string) => boolean };

function tokenize(segment: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === "\\" && i + 1 < segment.length) tokens.push({ kind: "char", char: segment[++i]! });
    else if (c === "*") {
      if (tokens.at(-1)?.kind !== "star") tokens.push({ kind: "star" }); // ** within a segment is *
    } else if (c === "?") tokens.push({ kind: "any" });
    else if (c === "[") {
      const cls = characterClass(segment, i);
      if (cls === null) tokens.push({ kind: "char", char: "[" });
      else {
        tokens.push(cls.token);
        i = cls.end;
      }
    } else tokens.push({ kind: "char", char: c });
  }
  return tokens;
}

/** `[...]` starting at `start`: its token and the index of its `]`, or null when it is not closed. */
function characterClass(segment: string, start: number): { token: Token; end: number } | null {
  let i = start + 1;
  let negated = false;
  if (segment[i] === "!" || segment[i] === "^") {
    negated = true;
    i++;
  }
  const singles = new Set<string>();
  const ranges: [string, string][] = [];
  let first = true;
  for (; i < segment.length; i++) {
    let c = segment[i]!;
    if (c === "]" && !first) {
      const test = (ch: string) => singles.has(ch) || ranges.some(([lo, hi]) => ch >= lo && ch <= hi);
      return { token: { kind: "class", negated, test }, end: i };
    }
    first = false;
    if (c === "\\" && i + 1 < segment.length) c = segment[++i]!;
    if (segment[i + 1] === "-" && i + 2 < segment.length && segment[i + 2] !== "]") {
      let hi = segment[i + 2]!;
      i += 2;
      if (hi === "\\" && i + 1 < segment.length) hi = segment[++i]!;
      ranges.push([c, hi]);
    } else singles.add(c);
  }
  return null;
}

function matchOne(token: Token, c: string): boolean {
  switch (token.kind) {
    case "char":
      return token.char === c;
    case "any":
      return c !== "/";
    case "class":
      return c !== "/" && token.test(c) !== token.negated; // a class never matches the separator
    default:
      return false;
  }
}

/**
 * Wildcard matching with one backtrack point (the last `*` seen): at most
 * tokens × characters steps, whatever the pattern.
 */
function matchTokens(tokens: Token[], name: string): boolean {
  let t = 0;
  let n = 0;
  let starT = -1;
  let starN = 0;
  while (n < name.length) {
    const token = tokens[t];
    if (token !== undefined && token.kind === "star") {
      starT = t++;
      starN = n;
    } else if (token !== undefined && matchOne(token, name[n]!)) {
      t++;
      n++;
    } else if (starT !== -1 && name[starN] !== "/") {
      t = starT + 1;
      n = ++starN;
    } else return false;
  }
  while (tokens[t]?.kind === "star") t++;
  return t === tokens.length;
}

function compile(pattern: string): Segment[] {
  return pattern.split("/").map((part): Segment => {
    if (part === "**") return { globstar: true };
    return {
      globstar: false,
      literal: hasGlobMagic(part) ? null : part.replace(/\\(.)/g, "$1"),
      test: compileSegment(part),
    };
  });
}

/**
 * The existing files and directories that `pattern` matches, sorted. Unreadable
 * directories are passed over, as a shell does.
 * @example
 * expandGlob("fixtures/**\/*.ndjson"); // ["fixtures/a/day1.ndjson", "fixtures/day0.ndjson"]
 */
export function expandGlob(pattern: string): string[] {
  const segments = compile(pattern);
  const found = new Set<string>();
  // The segments before the first one with magic name a fixed starting directory.
  let first = 0;
  let base = "";
  while (first < segments.length - 1) {
    const segment = segments[first]!;
    if (segment.globstar || segment.literal === null) break;
    if (first === 0)
      base = segment.literal === "" ? "/" : segment.literal; // "" before a leading "/"
    else base = join(base, segment.literal);
    first++;
  }
  walk(base, segments, first, found);
  return [...found].sort();
}

function walk(path: string, segments: Segment[], i: number, found: Set<string>): void {
  if (i === segments.length) {
    found.add(path);
    return;
  }
  const segment = segments[i]!;
  const last = i === segments.length - 1;
  if (!segment.globstar && segment.literal !== null) {
    const next = path === "" ? segment.literal : join(path, segment.literal);
    if (last ? exists(next) : isDirectory(next)) walk(next, segments, i + 1, found);
    return;
  }
  let entries: Dirent[];
  try {
    entries = readdirSync(path === "" ? "." : path, { withFileTypes: true });
  } catch {
    return;
  }
  if (segment.globstar) {
    walk(path, segments, i + 1, found); // `**` as no directory at all
    for (const entry of entries)
      if (entry.isDirectory() && !entry.name.startsWith("."))
        walk(path === "" ? entry.name : join(path, entry.name), segments, i, found);
    return;
  }
  for (const entry of entries) {
    if (!segment.test(entry.name)) continue;
    const next = path === "" ? entry.name : join(path, entry.name);
    if (last) found.add(next);
    else if (entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(next))) walk(next, segments, i + 1, found);
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
