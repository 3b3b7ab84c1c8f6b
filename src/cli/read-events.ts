// Reads the events of one file, with where each came from. NDJSON is streamed line by
// line, so a file of any size is read in constant memory.
import { createReadStream, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { isLineDelimited } from "./sources.js";

export interface RawEvent {
  /** 1-based line of the event in its file. */
  line: number;
  /** For an event inside a JSON array: its index. */
  index?: number;
  /** The event's JSON text, or (inside a .json array) the parsed value. */
  text?: string;
  value?: unknown;
}

export async function* readEvents(path: string): AsyncGenerator<RawEvent> {
  if (isLineDelimited(path)) yield* readLines(path);
  else yield* readJsonFile(path);
}

async function* readLines(path: string): AsyncGenerator<RawEvent> {
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
  let line = 0;
  for await (let text of lines) {
    line++;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte order mark
    if (text.trim() === "") continue; // blank lines separate nothing
    yield { line, text };
  }
}

async function* readJsonFile(path: string): AsyncGenerator<RawEvent> {
  let text = readFileSync(path, "utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    yield { line: 1, text }; // the validator reports where the syntax breaks
    return;
  }
  if (!Array.isArray(value)) {
    yield { line: 1, value };
    return;
  }
  const lines = arrayElementLines(text, value.length);
  for (let index = 0; index < value.length; index++) yield { line: lines[index] ?? 1, index, value: value[index] };
}

/** The line on which each top-level element of a JSON array starts, found by a light scan. */
function arrayElementLines(text: string, count: number): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectingElement = false;
  for (let i = 0; i < text.length && lines.length < count; i++) {
    const c = text[i];
    if (c === "\n") line++;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\n") continue;
    if (depth === 1 && expectingElement) {
      lines.push(line);
      expectingElement = false;
    }
    if (c === '"') inString = true;
    else if (c === "[" || c === "{") {
      depth++;
      if (depth === 1) expectingElement = true;
    } else if (c === "]" || c === "}") depth--;
    else if (c === "," && depth === 1) expectingElement = true;
  }
  return lines;
}
