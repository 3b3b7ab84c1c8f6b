/** The pattern of schemas/defs/timestamp.json (calendar included), which `isTimestamp` checks without a regex. */
export const TIMESTAMP_PATTERN =
  "^(?:[0-9]{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)T(?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\\.[0-9]+)?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$";

/**
 * The `date-time` format as the engine reads it (chrono's RFC 3339 parser), minus the
 * looser spellings it also takes: `YYYY-MM-DDTHH:MM:SS`, an optional fraction of any
 * length, then `Z` or `±HH:MM`. The date must exist (leap years included), hour < 24,
 * minute < 60, second <= 60 (a leap second), offset hours < 24 and minutes < 60.
 * Equivalent to TIMESTAMP_PATTERN; test/rules.test.ts checks that.
 */
export function isTimestamp(s: string): boolean {
  const n = s.length;
  if (n < 20) return false; // the shortest form is YYYY-MM-DDTHH:MM:SSZ
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if (
    year < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 60 ||
    s.charCodeAt(4) !== 45 /* - */ ||
    s.charCodeAt(7) !== 45 /* - */ ||
    s.charCodeAt(10) !== 84 /* T, upper case only */ ||
    s.charCodeAt(13) !== 58 /* : */ ||
    s.charCodeAt(16) !== 58 /* : */
  ) {
    return false;
  }
  let i = 19;
  if (s.charCodeAt(i) === 46 /* . */) {
    const start = ++i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    if (i === start) return false; // a dot needs at least one digit
  }
  const zone = s.charCodeAt(i);
  if (zone === 90 /* Z, upper case only */) return i + 1 === n;
  if (zone !== 43 /* + */ && zone !== 45 /* - */) return false;
  if (i + 6 !== n || s.charCodeAt(i + 3) !== 58 /* : */) return false;
  const offsetHours = digits(s, i + 1, 2);
  const offsetMinutes = digits(s, i + 4, 2);
  return offsetHours >= 0 && offsetHours < 24 && offsetMinutes >= 0 && offsetMinutes < 60;
}

/** The decimal value of `count` digits at `at`, or -1 if any of them is not a digit. */
function digits(s: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return -1;
    value = value * 10 + (c - 48);
  }
  return value;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Proleptic Gregorian, as chrono counts: year 0 is a leap year. */
function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}
