/**
 * What the engine's reader sees in JSON text that `JSON.parse` hides, for the text path
 * (parseEvent(text), the CLI). serde_json reads the text itself, so it refuses:
 *
 * - a number it cannot hold ("number out of range"), by its own arithmetic (serde-float.ts),
 *   in any field, and reads some that `JSON.parse` makes Infinity (numbers.ts);
 * - a cost (`cost_usd`, `limit_usd`...) by the double it computes, which near 2^96 is not always
 *   `JSON.parse`'s;
 * - an unsigned integer field (`duration_ms`, `count`, an approval's counts, at any depth)
 *   written as a float (`1.0`, `1E2`, `1e-400`) or beyond its maximum (`18446744073709551616`,
 *   which `JSON.parse` rounds to the same double as u64::MAX);
 * - a duplicate `type` or known field ("duplicate field `x`");
 * - a lone surrogate, an out-of-range number or nesting deeper than 127 anywhere, also in
 *   the first value of a duplicated key, which `JSON.parse` drops before anyone can look.
 *
 * needsTextScan (needs-scan.ts) is the cheap test run on a text whose parsed value passed with
 * no unknown field. A text it flags, one with unknown fields, or one whose value failed, is
 * read in full by textIssues, which also writes into the parsed value the doubles the engine
 * reads where they change the verdict (Infinity the engine reads as finite, a cost near
 * 2^96). Which fields are which comes from the engine format read (src/engine/). Left open: a
 * duplicate of a known field in an event that otherwise passes (see needsTextScan).
 */
import { NEWEST, type Format, type NumberField } from "../engine/index.js";
import { duplicateFieldIssue, loneSurrogateInTextIssue, tooDeepIssue } from "../issues/index.js";
import { escapePointer, isWellFormed, MAX_NESTING_DEPTH } from "../rules/engine-json.js";
import type { ValidationIssue } from "../types.js";
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  lineAndColumn,
  isNumberCharacter,
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
 * `format`: the engine format read (the newest by default).
 * @example
 * textIssues('{"type":"x","type":"x"}', { type: "x" }); // [{ path: "/type", code: "json_syntax", ... }]
 */
export function textIssues(text: string, value: unknown, format: Format = NEWEST): ValidationIssue[] {
  const scan = new TextScan(text, value, format);
  scan.readRoot();
  return scan.issues;
}

class TextScan {
  readonly issues: ValidationIssue[] = [];
  private i = 0;
  private tooDeepReported = false;
  /** Known fields of the event's type (the root's `type` in the parsed value), `type` included. */
  private readonly knownFields: Readonly<Record<string, string>> | undefined;
  /** What nested fields of the type must be, by path with `*` for an index or a key. */
  private readonly nestedFields: Readonly<Record<string, string>> | undefined;
  /** The number fields of the type at any depth, by the same paths. */
  private readonly numberFields: Readonly<Record<string, NumberField>> | undefined;

  constructor(
    private readonly text: string,
    private readonly root: unknown,
    format: Format,
  ) {
    const type = isRecord(root) ? root.type : undefined;
    const known = typeof type === "string" && format.eventTypes.includes(type);
    this.knownFields = known ? format.expectations[type] : undefined;
    this.nestedFields = known ? format.nestedExpectations[type] : undefined;
    this.numberFields = known ? format.numbers[type] : undefined;
  }

  readRoot(): void {
    this.value("", undefined, 1, this.root, undefined, true);
  }

  private skipSpace(): void {
    this.i = skipSpace(this.text, this.i);
  }

  /**
   * One value at `path`, `depth` containers deep once entered. `parsed` is what `JSON.parse`
   * holds at this place (for a duplicated key: the last value), `holder[key]` where it sits.
   * `field`: the path of the variant's field here, `*` for an index or a map key
   * ("windows/*\/utilization"), or undefined inside an unknown field.
   */
  private value(
    path: string,
    field: string | undefined,
    depth: number,
    parsed: unknown,
    holder: Slot | undefined,
    isRoot: boolean,
  ): void {
    this.skipSpace();
    const c = this.text.charCodeAt(this.i);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (depth > MAX_NESTING_DEPTH) {
        if (!this.tooDeepReported) this.issues.push(tooDeepIssue(path));
        this.tooDeepReported = true;
        this.skipContainer();
      } else if (c === OPEN_BRACE) this.object(path, field, depth, parsed, isRoot);
      else this.array(path, field, depth, parsed);
    } else if (c === QUOTE) {
      const s = this.string();
      if (!isWellFormed(s)) this.issues.push(loneSurrogateInTextIssue(path));
    } else if (c === MINUS || (c >= 48 && c <= 57)) this.number(path, field, holder);
    else this.i += c === 102 ? 5 : 4; // false, true, null
  }

  private object(path: string, field: string | undefined, depth: number, parsed: unknown, isRoot: boolean): void {
    this.i++;
    const record = isRecord(parsed) ? parsed : undefined;
    // The event and the objects nested in it (a requirement, a usage window) are structs to the
    // engine, which refuses a field written twice; a map (labels) keeps the last value.
    const seen = isRoot || field !== undefined ? new Set<string>() : undefined;
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
        const known = isRoot
          ? this.knownFields !== undefined && hasOwn(this.knownFields, key)
          : this.isStructField(field!, key);
        if (seen.has(key) && known) {
          const { line, column } = lineAndColumn(this.text, keyAt);
          this.issues.push(duplicateFieldIssue(child, key, line, column));
        }
        seen.add(key);
      }
      this.skipSpace();
      this.i++; // the colon
      const member = record !== undefined && hasOwn(record, key) ? record[key] : undefined;
      const slot = record !== undefined ? { holder: record, key } : undefined;
      this.value(child, this.fieldOf(field, key, isRoot), depth + 1, member, slot, false);
      this.skipSpace();
      if (this.text.charCodeAt(this.i++) === CLOSE_BRACE) return; // else `,`
    }
  }

  private array(path: string, field: string | undefined, depth: number, parsed: unknown): void {
    this.i++;
    const items = Array.isArray(parsed) ? (parsed as unknown[]) : undefined;
    this.skipSpace();
    if (this.text.charCodeAt(this.i) === CLOSE_BRACKET) {
      this.i++;
      return;
    }
    for (let index = 0; ; index++) {
      const slot =
        items !== undefined ? { holder: items as unknown as Record<string, unknown>, key: String(index) } : undefined;
      this.value(
        `${path}/${index}`,
        field === undefined ? undefined : `${field}/*`,
        depth + 1,
        items?.[index],
        slot,
        false,
      );
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

  /**
   * The field path of the member `key` of an object at field path `field` (the event itself
   * when `isRoot`): undefined where the variant has no such field (an unknown field, and all
   * in it). Of a map (labels), any key is its `*`.
   */
  private fieldOf(field: string | undefined, key: string, isRoot: boolean): string | undefined {
    if (isRoot) return this.knownFields !== undefined && hasOwn(this.knownFields, key) ? key : undefined;
    if (field === undefined || this.nestedFields === undefined) return undefined;
    const named = `${field}/${key}`;
    if (hasOwn(this.nestedFields, named)) return named;
    const any = `${field}/*`;
    return hasOwn(this.nestedFields, any) ? any : undefined;
  }

  /** True when `key` names a field of the struct at field path `field` (not a map's key). */
  private isStructField(field: string, key: string): boolean {
    return this.nestedFields !== undefined && hasOwn(this.nestedFields, `${field}/${key}`);
  }

  private number(path: string, field: string | undefined, slot: Slot | undefined): void {
    const start = this.i;
    let c = this.text.charCodeAt(this.i);
    while (isNumberCharacter(c)) c = this.text.charCodeAt(++this.i);
    // A field of the event's own variant: in another variant `duration_ms` is an unknown field.
    const kind = field === undefined ? undefined : this.numberFields?.[field];
    const expected =
      kind === undefined ? undefined : field!.includes("/") ? this.nestedFields?.[field!] : this.knownFields?.[field!];
    const issue = numberIssue(this.text.slice(start, this.i), path, kind, expected, slot);
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
