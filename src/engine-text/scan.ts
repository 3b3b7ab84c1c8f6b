/**
 * What the engine's reader sees in JSON text that `JSON.parse` hides, for the text path
 * (parseEvent(text), the CLI). serde_json reads the text itself, so it refuses:
 *
 * - a number it cannot hold ("number out of range"), by its own arithmetic (serde-float.ts),
 *   in any field, and reads some that `JSON.parse` makes Infinity (numbers.ts);
 * - `cost_usd` by the double it computes, which near 2^96 is not always `JSON.parse`'s;
 * - `duration_ms` written as a float (`1.0`, `1E2`, `1e-400`) or beyond u64::MAX
 *   (`18446744073709551616`, which `JSON.parse` rounds to the same double as u64::MAX);
 * - a duplicate `type` or known field ("duplicate field `x`");
 * - a lone surrogate, an out-of-range number or nesting deeper than 127 anywhere, also in
 *   the first value of a duplicated key, which `JSON.parse` drops before anyone can look.
 *
 * needsTextScan (needs-scan.ts) is the cheap test run on a text whose parsed value passed with
 * no unknown field. A text it flags, one with unknown fields, or one whose value failed, is
 * read in full by textIssues, which also writes into the parsed value the doubles the engine
 * reads where they change the verdict (Infinity the engine reads as finite, `cost_usd` near
 * 2^96). Left open: a duplicate of a known field in an event that otherwise passes (see
 * needsTextScan).
 */
import { EXPECTATIONS } from "../../generated/constants.js";
import { duplicateFieldIssue, loneSurrogateInTextIssue, tooDeepIssue } from "../issues/index.js";
import { escapePointer, isWellFormed, MAX_NESTING_DEPTH } from "../rules/engine-json.js";
import type { EventType, ValidationIssue } from "../types.js";
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  lineAndColumn,
  MINUS,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
  skipSpace,
} from "./json-text.js";
import { numberIssue, type Slot } from "./numbers.js";

/**
 * Reads `text` as the engine's reader does and returns what it refuses that the checks of
 * the parsed value cannot see (empty when nothing). `value` is what `JSON.parse` made of the
 * same text, owned by the caller: where the engine reads a number as another double that
 * decides its verdict (`cost_usd` near 2^96, Infinity it reads as finite), that double is
 * written into `value`, so that the checks of the value that follow judge the engine's number.
 * @example
 * textIssues('{"type":"x","type":"x"}', { type: "x" }); // [{ path: "/type", code: "json_syntax", ... }]
 */
export function textIssues(text: string, value: unknown): ValidationIssue[] {
  const scan = new TextScan(text, value);
  scan.readRoot();
  return scan.issues;
}

class TextScan {
  readonly issues: ValidationIssue[] = [];
  private i = 0;
  private tooDeepReported = false;
  /** Known fields of the event's type (the root's `type` in the parsed value), `type` included. */
  private readonly knownFields: Readonly<Record<string, string>> | undefined;

  constructor(
    private readonly text: string,
    private readonly root: unknown,
  ) {
    const type = isRecord(root) ? root.type : undefined;
    this.knownFields = typeof type === "string" && hasOwn(EXPECTATIONS, type) ? EXPECTATIONS[type as EventType] : undefined;
  }

  readRoot(): void {
    this.value("", 1, this.root, undefined, true);
  }

  private skipSpace(): void {
    this.i = skipSpace(this.text, this.i);
  }

  /**
   * One value at `path`, `depth` containers deep once entered. `parsed` is what `JSON.parse`
   * holds at this place (for a duplicated key: the last value), `holder[key]` where it sits.
   */
  private value(path: string, depth: number, parsed: unknown, holder: Slot | undefined, isRoot: boolean): void {
    this.skipSpace();
    const c = this.text.charCodeAt(this.i);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (depth > MAX_NESTING_DEPTH) {
        if (!this.tooDeepReported) this.issues.push(tooDeepIssue(path));
        this.tooDeepReported = true;
        this.skipContainer();
      } else if (c === OPEN_BRACE) this.object(path, depth, parsed, isRoot);
      else this.array(path, depth, parsed);
    } else if (c === QUOTE) {
      const s = this.string();
      if (!isWellFormed(s)) this.issues.push(loneSurrogateInTextIssue(path));
    } else if (c === MINUS || (c >= 48 && c <= 57)) this.number(path, holder);
    else this.i += c === 102 ? 5 : 4; // false, true, null
  }

  private object(path: string, depth: number, parsed: unknown, isRoot: boolean): void {
    this.i++;
    const record = isRecord(parsed) ? parsed : undefined;
    const seen = isRoot ? new Set<string>() : undefined;
    this.skipSpace();
    if (this.text.charCodeAt(this.i) === CLOSE_BRACE) {
      this.i++;
      return;
    }
    for (;;) {
      this.skipSpace();
      const keyAt = this.i;
      const key = this.string();
      const child = `${path}/${escapePointer(key)}`;
      if (!isWellFormed(key)) this.issues.push(loneSurrogateInTextIssue(child));
      if (seen !== undefined) {
        if (seen.has(key) && this.knownFields !== undefined && hasOwn(this.knownFields, key)) {
          const { line, column } = lineAndColumn(this.text, keyAt);
          this.issues.push(duplicateFieldIssue(child, key, line, column));
        }
        seen.add(key);
      }
      this.skipSpace();
      this.i++; // the colon
      const member = record !== undefined && hasOwn(record, key) ? record[key] : undefined;
      const slot = record !== undefined ? { holder: record, key, isRootField: isRoot } : undefined;
      this.value(child, depth + 1, member, slot, false);
      this.skipSpace();
      if (this.text.charCodeAt(this.i++) === CLOSE_BRACE) return; // else `,`
    }
  }

  private array(path: string, depth: number, parsed: unknown): void {
    this.i++;
    const items = Array.isArray(parsed) ? (parsed as unknown[]) : undefined;
    this.skipSpace();
    if (this.text.charCodeAt(this.i) === CLOSE_BRACKET) {
      this.i++;
      return;
    }
    for (let index = 0; ; index++) {
      const slot = items !== undefined ? { holder: items as unknown as Record<string, unknown>, key: String(index), isRootField: false } : undefined;
      this.value(`${path}/${index}`, depth + 1, items?.[index], slot, false);
      this.skipSpace();
      if (this.text.charCodeAt(this.i++) === CLOSE_BRACKET) return; // else `,`
    }
  }

  /** Past a container too deep to read, without recursion: brackets counted, strings skipped. */
  private skipContainer(): void {
    let open = 0;
    do {
      const c = this.text.charCodeAt(this.i);
      if (c === QUOTE) {
        this.string();
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) open++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) open--;
      this.i++;
    } while (open > 0);
  }

  /** The string at the cursor, decoded (lone surrogates kept, as `JSON.parse` keeps them). */
  private string(): string {
    const start = this.i;
    let escaped = false;
    let i = start + 1;
    for (;;) {
      const c = this.text.charCodeAt(i);
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        escaped = true;
        i++;
      }
      i++;
    }
    this.i = i + 1;
    return escaped ? (JSON.parse(this.text.slice(start, i + 1)) as string) : this.text.slice(start + 1, i);
  }

  private number(path: string, slot: Slot | undefined): void {
    const start = this.i;
    let c = this.text.charCodeAt(this.i);
    while (c === MINUS || c === 43 || c === 46 || c === 101 || c === 69 || (c >= 48 && c <= 57))
      c = this.text.charCodeAt(++this.i);
    // A field of the event's own variant: in another variant `duration_ms` is an unknown field.
    const field =
      slot?.isRootField === true && this.knownFields !== undefined && hasOwn(this.knownFields, slot.key)
        ? slot.key
        : undefined;
    const expected = field === undefined ? undefined : this.knownFields![field];
    const issue = numberIssue(this.text.slice(start, this.i), path, field, expected, slot);
    if (issue !== undefined) this.issues.push(issue);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

const hasOwnProperty = Object.prototype.hasOwnProperty;
function hasOwn(object: object, key: string): boolean {
  return hasOwnProperty.call(object, key);
}
