// The spellings of a UUID and of a timestamp that the engine reads (the uuid crate, chrono's
// relaxed RFC 3339) but never writes, which the package refuses on purpose: the classifiers the
// agreement tests name them with. Apart from conformance.ts, so that a test can use them without
// loading the 2.14 vectors.
import { validateEvent } from "../../src/index.js";

export const HYPHENATED_UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
export const SIMPLE_UUID = /^[0-9A-Fa-f]{32}$/;

export function isUuidBody(s: string): boolean {
  return HYPHENATED_UUID.test(s) || SIMPLE_UUID.test(s);
}

/** A UUID spelling the engine (the uuid crate) reads but never writes; null for anything else. */
export function looseUuidClass(s: string): string | null {
  if (SIMPLE_UUID.test(s)) return "uuid: unhyphenated";
  if (s.startsWith("{") && s.endsWith("}") && isUuidBody(s.slice(1, -1))) return "uuid: braced";
  if (/^urn:uuid:/i.test(s) && isUuidBody(s.slice("urn:uuid:".length))) return "uuid: urn:uuid: prefix";
  return null;
}

export const TIMESTAMP_BASE = { type: "user_signed_out", user_id: "460a7a4d-ab36-70a1-98a2-709815e295fd" };

export function acceptsTimestamp(at: string): boolean {
  return validateEvent({ ...TIMESTAMP_BASE, at }).ok;
}

/**
 * chrono 0.4.44's relaxed RFC 3339, as the engine reads `at` (each checked with the oracle):
 * whitespace around and between the components (around each `-` and `:` too), a space or a lower-case `t` for `T`, `z`
 * or `UTC` (any case) for `Z`, one-digit month, day, hour, minute or second, a year of
 * fewer than four digits or with a sign, an offset without its colon or with spaces around
 * it. Returns the classes found when undoing them gives a timestamp we accept; null when the
 * string is wrong for any other reason.
 */
export const RELAXED_TIMESTAMP =
  /^(\s*)([+-]?)([0-9]+)\s*-\s*([0-9]{1,2})\s*-\s*([0-9]{1,2})(?:([Tt])(\s*)|(\s+))([0-9]{1,2})\s*:\s*([0-9]{1,2})\s*:\s*([0-9]{1,2})(\.[0-9]+)?(\s*)(?:(Z)|(z)|([Uu][Tt][Cc])|([+-])([0-9]{2})(\s*:\s*|)([0-9]{2}))(\s*)$/;

export function looseTimestampClass(s: string): string | null {
  const m = RELAXED_TIMESTAMP.exec(s);
  if (m === null) return null;
  const [, , sign, year, month, day, t, , spaceSeparator, hour, minute, second, fraction] = m;
  const [upperZ, lowerZ, utc, offsetSign, offsetHour, offsetColon, offsetMinute] = m.slice(14);
  const found: string[] = [];
  if (sign !== "") found.push("timestamp: signed year");
  if (year!.length < 4) found.push("timestamp: year of fewer than four digits");
  if ([month, day, hour, minute, second].some((part) => part!.length === 1))
    found.push("timestamp: one-digit month, day, hour, minute or second");
  if (spaceSeparator !== undefined) found.push("timestamp: space instead of T");
  if (t === "t") found.push("timestamp: lower-case t");
  if (lowerZ !== undefined) found.push("timestamp: lower-case z");
  if (utc !== undefined) found.push("timestamp: UTC as the zone");
  if (offsetColon === "") found.push("timestamp: +HHMM offset without colon");
  if ((offsetColon ?? ":") !== ":" && offsetColon !== "") found.push("timestamp: spaces in the offset");
  // Any whitespace but the one space that stands for T and those in the offset (a class of
  // their own): around the string, after T, around a `-` or `:` separator, before the zone.
  const spaces = (text: string | undefined) => text?.match(/\s/g)?.length ?? 0;
  if (spaces(s) > (spaceSeparator === " " ? 1 : 0) + spaces(offsetColon))
    found.push("timestamp: whitespace around or between components");
  const zone = (upperZ ?? lowerZ ?? utc) !== undefined ? "Z" : `${offsetSign}${offsetHour}:${offsetMinute}`;
  const two = (part: string) => part.padStart(2, "0");
  const strict = `${year!.padStart(4, "0")}-${two(month!)}-${two(day!)}T${two(hour!)}:${two(minute!)}:${two(second!)}${fraction ?? ""}${zone}`;
  return found.length > 0 && acceptsTimestamp(strict) ? [...new Set(found)].join(", ") : null;
}
