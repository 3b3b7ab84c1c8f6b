import { CHAR_CLASS, NOT_DECIMAL } from "./char-class.js";

/** The pattern of schemas/defs/timestamp.json (calendar included), which `isTimestamp` checks without a regex. */
export const TIMESTAMP_PATTERN =
  "^(?:[0-9]{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)T(?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\\.[0-9]+)?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$";

/**
 * The `date-time` format as the engine reads it (chrono's RFC 3339 parser), minus the
 * looser spellings it also takes: `YYYY-MM-DDTHH:MM:SS`, an optional fraction of any
 * length, then `Z` or `±HH:MM`. The date must exist (leap years included), hour < 24,
 * minute < 60, second <= 60 (a leap second), offset hours < 24 and minutes < 60.
 * Equivalent to TIMESTAMP_PATTERN; test/rules/format-checks.test.ts (and test/rules/rules.test.ts) check that.
 *
 * Straight code for the fixed part (the separators, then the 14 digits through CHAR_CLASS
 * with one mask test), a loop only for the fraction.
 * @example
 * isTimestamp("2026-11-25T22:24:21.123456789Z"); // true
 * isTimestamp("2026-02-29T00:00:00Z"); // false: 2026 is not a leap year
 */
export function isTimestamp(s: string): boolean {
  const n = s.length;
  if (
    n < 20 || // the shortest form is YYYY-MM-DDTHH:MM:SSZ
    s.charCodeAt(4) !== 45 /* - */ ||
    s.charCodeAt(7) !== 45 /* - */ ||
    s.charCodeAt(10) !== 84 /* T, upper case only */ ||
    s.charCodeAt(13) !== 58 /* : */ ||
    s.charCodeAt(16) !== 58 /* : */
  )
    return false;
  const t = CHAR_CLASS;
  const y0 = t[s.charCodeAt(0)]!;
  const y1 = t[s.charCodeAt(1)]!;
  const y2 = t[s.charCodeAt(2)]!;
  const y3 = t[s.charCodeAt(3)]!;
  const mo0 = t[s.charCodeAt(5)]!;
  const mo1 = t[s.charCodeAt(6)]!;
  const d0 = t[s.charCodeAt(8)]!;
  const d1 = t[s.charCodeAt(9)]!;
  const h0 = t[s.charCodeAt(11)]!;
  const h1 = t[s.charCodeAt(12)]!;
  const mi0 = t[s.charCodeAt(14)]!;
  const mi1 = t[s.charCodeAt(15)]!;
  const s0 = t[s.charCodeAt(17)]!;
  const s1 = t[s.charCodeAt(18)]!;
  if (((y0 | y1 | y2 | y3 | mo0 | mo1 | d0 | d1 | h0 | h1 | mi0 | mi1 | s0 | s1) & NOT_DECIMAL) !== 0) return false;
  // Every byte above is now the digit's value.
  const month = mo0 * 10 + mo1;
  const day = d0 * 10 + d1;
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    (day > 28 && day > daysInMonth(y0 * 1000 + y1 * 100 + y2 * 10 + y3, month)) ||
    h0 * 10 + h1 > 23 ||
    mi0 * 10 + mi1 > 59 ||
    s0 * 10 + s1 > 60
  )
    return false;
  let i = 19;
  if (s.charCodeAt(i) === 46 /* . */) {
    const start = ++i;
    while (i < n && (t[s.charCodeAt(i)]! & NOT_DECIMAL) === 0) i++;
    if (i === start) return false; // a dot needs at least one digit
  }
  const zone = s.charCodeAt(i);
  if (zone === 90 /* Z, upper case only */) return i + 1 === n;
  if ((zone !== 43 /* + */ && zone !== 45) /* - */ || i + 6 !== n || s.charCodeAt(i + 3) !== 58 /* : */) return false;
  const oh0 = t[s.charCodeAt(i + 1)]!;
  const oh1 = t[s.charCodeAt(i + 2)]!;
  const om0 = t[s.charCodeAt(i + 4)]!;
  const om1 = t[s.charCodeAt(i + 5)]!;
  return ((oh0 | oh1 | om0 | om1) & NOT_DECIMAL) === 0 && oh0 * 10 + oh1 < 24 && om0 * 10 + om1 < 60;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Proleptic Gregorian, as chrono counts: year 0 is a leap year. */
function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}
