/**
 * What the engine's reader sees in JSON text that `JSON.parse` hides, for the text path
 * (parseEvent(text), the CLI). serde_json reads the text itself, so it refuses:
 *
 * - a number it cannot hold ("number out of range"), by its own arithmetic (rules/serde-float.ts),
 *   in any field, and reads some that `JSON.parse` makes Infinity;
 * - `cost_usd` by the double it computes, which near 2^96 is not always `JSON.parse`'s;
 * - `duration_ms` written as a float (`1.0`, `1E2`, `1e-400`) or beyond u64::MAX
 *   (`18446744073709551616`, which `JSON.parse` rounds to the same double as u64::MAX);
 * - a duplicate `type` or known field ("duplicate field `x`");
 * - a lone surrogate, an out-of-range number or nesting deeper than 127 anywhere, also in
 *   the first value of a duplicated key, which `JSON.parse` drops before anyone can look.
 *
 * needsTextScan is the cheap test run on a text whose parsed value passed with no unknown
 * field: it looks at `cost_usd`, and at the text only right after `"duration_ms"`. A text it
 * flags, one with unknown fields, or one whose value failed, is read in full by textIssues, which also writes into the
 * parsed value the doubles the engine reads where they change the verdict (Infinity the
 * engine reads as finite, `cost_usd` near 2^96). Left open: a duplicate of a known field other
 * in an event that otherwise passes (see needsTextScan).
 */
import { EXPECTATIONS } from "../generated/constants.js";
import { escapePointer, isWellFormed, MAX_NESTING_DEPTH } from "./rules/engine-json.js";
import { serdeNumber } from "./rules/serde-float.js";
import type { EventType, ValidationIssue } from "./types.js";

/** |cost_usd| above this is near the engine's limit of 2^96 (7.92e28): read as the engine reads it. */
const COST_NEAR_LIMIT = 7.9e28;
/** 2^96: rust_decimal holds a cost of smaller magnitude. */
const COST_LIMIT = 2 ** 96;
/** |number| above this (or not finite) may be out of serde_json's range: read as the engine reads it. */
const FLOAT_NEAR_LIMIT = 1e300;
/** u64::MAX, the largest `duration_ms`. */
const U64_MAX = 18446744073709551615n;
/** u64::MAX in digits: a longer or greater `duration_ms` is past what the engine takes. */
const U64_MAX_TEXT = "18446744073709551615";

const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const MINUS = 45;
const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;
const DURATION = "duration_ms";
const DURATION_KEY = `"${DURATION}"`;

/**
 * False when `event`, which `JSON.parse` made of `text` and which passed the checks of the
 * value without meeting a key beyond its variant's fields (fullWalks), is certainly read alike
 * by the engine; true when the text needs the full read (textIssues). It looks only at
 * `cost_usd` (near the engine's limit of 2^96 above 7.9e28) and at the text after the last
 * `"duration_ms"` (written with a fraction or an exponent, past u64::MAX, or with an escape in
 * its key).
 *
 * Left open: a duplicate known field (`type`, `run_id`, or an earlier `duration_ms` with a
 * float) in an event that otherwise passes. Finding one takes a look at every key of the text,
 * which costs far more than the 5% of parseEvent allowed for these checks (docs/wire-format.md).
 */
export function needsTextScan(text: string, event: unknown): boolean {
  const { cost_usd: cost, duration_ms: duration } = event as { cost_usd?: unknown; duration_ms?: unknown };
  if (typeof cost === "number" && (cost > COST_NEAR_LIMIT || cost < -COST_NEAR_LIMIT)) return true;
  return duration !== undefined && durationNeedsScan(text);
}

/**
 * How far from the end of an event the engine writes `"duration_ms"`: after it come at most a
 * u64, `cost_usd` and `at` (about 90 characters). A forward search of this tail is the cheapest
 * way to find it (cheaper than lastIndexOf); the whole text is searched when it is not there.
 */
const DURATION_TAIL = 128;

/**
 * True unless the first `"duration_ms"` key found (searching the text's tail first, then the
 * whole text) has an integer of at most u64::MAX.
 */
function durationNeedsScan(text: string): boolean {
  let at = text.indexOf(DURATION_KEY, text.length - DURATION_TAIL);
  if (at === -1) at = text.indexOf(DURATION_KEY);
  for (; at !== -1; at = text.indexOf(DURATION_KEY, at + DURATION_KEY.length)) {
    let i = skipSpace(text, at + DURATION_KEY.length);
    if (text.charCodeAt(i) !== COLON) continue; // the string "duration_ms" as a value
    i = skipSpace(text, i + 1);
    if (text.charCodeAt(i) === MINUS) i++;
    const start = i;
    let c = text.charCodeAt(i);
    while (c >= 48 && c <= 57) c = text.charCodeAt(++i);
    if (c === 46 || c === 101 || c === 69) return true; // . e E: a float
    return i - start >= U64_MAX_TEXT.length && isPastU64Max(text, start, i);
  }
  return true; // not written plainly: the key has an escape
}

/** The digits text[start, end) as an integer are above u64::MAX (compared as text, without a copy). */
function isPastU64Max(text: string, start: number, end: number): boolean {
  if (end - start !== U64_MAX_TEXT.length) return true;
  for (let k = 0; k < U64_MAX_TEXT.length; k++) {
    const d = text.charCodeAt(start + k) - U64_MAX_TEXT.charCodeAt(k);
    if (d !== 0) return d > 0;
  }
  return false;
}

function skipSpace(text: string, i: number): number {
  let c = text.charCodeAt(i);
  while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
  return i;
}

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
    let c = this.text.charCodeAt(this.i);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = this.text.charCodeAt(++this.i);
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
        if (!this.tooDeepReported)
          this.issues.push({
            path,
            code: "too_deep",
            message: `nests deeper than ${MAX_NESTING_DEPTH} levels, the most the engine reads`,
          });
        this.tooDeepReported = true;
        this.skipContainer();
      } else if (c === OPEN_BRACE) this.object(path, depth, parsed, isRoot);
      else this.array(path, depth, parsed);
    } else if (c === QUOTE) {
      const s = this.string();
      if (!isWellFormed(s)) this.issues.push(loneSurrogate(path));
    } else if (c === MINUS || (c >= 48 && c <= 57)) this.number(path, holder);
    else this.i += c === 102 ? 5 : 4; // false, true, null
  }

  private object(path: string, depth: number, parsed: unknown, isRoot: boolean): void {
    this.i++;
    const record = isRecord(parsed) ? parsed : undefined;
    const seen = isRoot ? new Set<string>() : undefined;
    this.skipSpace();
    if (this.text.charCodeAt(this.i) === 125) {
      this.i++;
      return;
    }
    for (;;) {
      this.skipSpace();
      const keyAt = this.i;
      const key = this.string();
      const child = `${path}/${escapePointer(key)}`;
      if (!isWellFormed(key)) this.issues.push(loneSurrogate(child));
      if (seen !== undefined) {
        if (seen.has(key) && this.knownFields !== undefined && hasOwn(this.knownFields, key))
          this.issues.push(duplicateField(child, key, this.text, keyAt));
        seen.add(key);
      }
      this.skipSpace();
      this.i++; // the colon
      const member = record !== undefined && hasOwn(record, key) ? record[key] : undefined;
      const slot = record !== undefined ? { holder: record, key, isRootField: isRoot } : undefined;
      this.value(child, depth + 1, member, slot, false);
      this.skipSpace();
      if (this.text.charCodeAt(this.i++) === 125) return; // `}`, else `,`
    }
  }

  private array(path: string, depth: number, parsed: unknown): void {
    this.i++;
    const items = Array.isArray(parsed) ? (parsed as unknown[]) : undefined;
    this.skipSpace();
    if (this.text.charCodeAt(this.i) === 93) {
      this.i++;
      return;
    }
    for (let index = 0; ; index++) {
      const slot = items !== undefined ? { holder: items as unknown as Record<string, unknown>, key: String(index), isRootField: false } : undefined;
      this.value(`${path}/${index}`, depth + 1, items?.[index], slot, false);
      this.skipSpace();
      if (this.text.charCodeAt(this.i++) === 93) return; // `]`, else `,`
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
      else if (c === 125 || c === 93) open--;
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
    const token = this.text.slice(start, this.i);
    // A field of the event's own variant: in another variant `duration_ms` is an unknown field.
    const rootField =
      slot?.isRootField === true && this.knownFields !== undefined && hasOwn(this.knownFields, slot.key)
        ? slot.key
        : undefined;
    if (rootField === DURATION) {
      const issue = durationIssue(token);
      if (issue !== undefined) {
        this.issues.push(issue);
        return;
      }
    }
    const parsed = Number(token);
    const nearLimit = !(Math.abs(parsed) <= FLOAT_NEAR_LIMIT);
    const costNearLimit = rootField === "cost_usd" && Math.abs(parsed) > COST_NEAR_LIMIT;
    if (!nearLimit && !costNearLimit) return;
    const engine = serdeNumber(token);
    if (engine === undefined) {
      this.issues.push({
        path,
        code: "range",
        message: `is a number the engine cannot hold (serde_json: number out of range), got ${shortToken(token)}`,
      });
      return;
    }
    if (costNearLimit && !(Math.abs(engine) < COST_LIMIT)) {
      this.issues.push({
        path,
        code: "range",
        message: `must be of magnitude below 2^96, got ${shortToken(token)}, which the engine reads as ${engine}`,
      });
      return;
    }
    // JSON.parse's double stays where it gives the engine's verdict; where it would not (Infinity
    // the engine reads as finite, a cost the engine reads below 2^96), the engine's double goes in,
    // if the value JSON.parse kept here is this token's (a later duplicate key would differ).
    const misjudged = !Number.isFinite(parsed) || (costNearLimit && !(Math.abs(parsed) < COST_LIMIT));
    if (misjudged && slot !== undefined && Object.is(slot.holder[slot.key], parsed)) slot.holder[slot.key] = engine;
  }
}

interface Slot {
  holder: Record<string, unknown>;
  key: string;
  /** A field of the event itself (not of a value nested in it). */
  isRootField: boolean;
}

/** A `duration_ms` token the engine refuses whatever JSON.parse makes of it: a float, or an integer past u64::MAX. */
function durationIssue(token: string): ValidationIssue | undefined {
  if (/[.eE]/.test(token))
    return {
      path: `/${DURATION}`,
      code: "type",
      message: `must be an integer from 0 to 18446744073709551615 written without a fraction or exponent, got ${shortToken(token)}, which the engine reads as a float`,
    };
  if (token.charCodeAt(0) !== MINUS && BigInt(token) > U64_MAX)
    return {
      path: `/${DURATION}`,
      code: "range",
      message: `must be an integer from 0 to 18446744073709551615, got ${shortToken(token)}`,
    };
  return undefined;
}

function duplicateField(path: string, key: string, text: string, at: number): ValidationIssue {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < at; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const column = at - lineStart + 1;
  return {
    path,
    code: "json_syntax",
    message: `is written twice (line ${line}, column ${column}): the engine refuses a duplicate field ${JSON.stringify(key)}`,
    line,
    column,
  };
}

function loneSurrogate(path: string): ValidationIssue {
  return {
    path,
    code: "invalid_unicode",
    message: "must be valid Unicode, but holds a lone surrogate (the engine refuses it, even in a value a later duplicate key replaces)",
  };
}

/** A number's text for a message: a 400-digit number is shown by its ends. */
function shortToken(token: string): string {
  return token.length <= 40 ? token : `${token.slice(0, 20)}…${token.slice(-12)} (${token.length} characters)`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

const hasOwnProperty = Object.prototype.hasOwnProperty;
function hasOwn(object: object, key: string): boolean {
  return hasOwnProperty.call(object, key);
}
