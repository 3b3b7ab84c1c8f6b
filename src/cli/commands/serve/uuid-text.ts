// A UUID read as the engine's uuid crate (1.23.1) reads it from text (`Uuid::parse_str`, what its
// serde impl calls): 32 hex digits, or hyphenated (8-4-4-4-12), bare, braced or after a
// lower-case `urn:uuid:`, either case of hex digit; and, for anything else, the crate's own
// error message, which the engine's 400 answer carries.

/**
 * The UUID in lower-case hyphenated form, or the uuid crate's message for why `text` is none.
 * @example
 * parseUuidText("{0190F3A2-6C1E-7D3B-9A4F-2B8C1D0E5F67}"); // { uuid: "0190f3a2-6c1e-7d3b-9a4f-2b8c1d0e5f67" }
 * parseUuidText("123"); // { error: "invalid length: expected length 32 for simple format, found 3" }
 */
export function parseUuidText(text: string): { uuid: string } | { error: string } {
  const hex = digitsOf(text);
  if (hex !== undefined) {
    const h = hex.toLowerCase();
    return { uuid: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}` };
  }
  return { error: whyNot(text) };
}

const HEX = /^[0-9a-fA-F]+$/;

/** The 32 hex digits of a spelling the crate accepts; undefined otherwise. Lengths are in bytes, as the crate counts. */
function digitsOf(text: string): string | undefined {
  const bytes = Buffer.byteLength(text);
  if (bytes !== text.length) return undefined; // not ASCII: no spelling of a UUID
  if (bytes === 32) return HEX.test(text) ? text : undefined;
  let inner: string;
  if (bytes === 36) inner = text;
  else if (bytes === 38 && text.startsWith("{") && text.endsWith("}")) inner = text.slice(1, -1);
  else if (bytes === 45 && text.startsWith("urn:uuid:")) inner = text.slice(9);
  else return undefined;
  if (inner[8] !== "-" || inner[13] !== "-" || inner[18] !== "-" || inner[23] !== "-") return undefined;
  const digits = inner.slice(0, 8) + inner.slice(9, 13) + inner.slice(14, 18) + inner.slice(19, 23) + inner.slice(24);
  return HEX.test(digits) ? digits : undefined;
}

/** The crate's diagnosis of a string that is no UUID (InvalidUuid::into_err), as its Display writes it. */
function whyNot(text: string): string {
  let body = text;
  let offset = 0; // bytes before the UUID proper: "{" or "urn:uuid:"
  let simple = true;
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length >= 2 && text.startsWith("{") && text.endsWith("}")) {
    body = text.slice(1, -1);
    offset = 1;
    simple = false;
  } else if (text.startsWith("urn:uuid:")) {
    body = text.slice(9);
    offset = 9;
    simple = false;
  }
  let hyphens = 0;
  const groupEnds: number[] = [];
  let index = 0; // in bytes, as Rust's char_indices
  for (const character of body) {
    const code = character.codePointAt(0)!;
    if (code > 0xff) return `invalid character: found \`${character}\` at ${index + offset + 1}`;
    if (character === "-") {
      if (hyphens < 4) groupEnds.push(index);
      hyphens++;
    } else if (!/[0-9a-fA-F]/.test(character))
      return `invalid character: found \`${character}\` at ${index + offset + 1}`;
    index += Buffer.byteLength(character);
  }
  if (hyphens === 0 && simple) return `invalid length: expected length 32 for simple format, found ${bytes.length}`;
  if (hyphens !== 4) return `invalid group count: expected 5, found ${hyphens + 1}`;
  const starts = [0, 9, 14, 19, 24];
  const expected = [8, 4, 4, 4, 12];
  for (let group = 0; group < 4; group++)
    if (groupEnds[group] !== starts[group + 1]! - 1)
      return `invalid group length in group ${group}: expected ${expected[group]}, found ${groupEnds[group]! - starts[group]!}`;
  return `invalid group length in group 4: expected 12, found ${bytes.length - starts[4]!}`;
}
