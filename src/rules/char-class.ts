/**
 * Set for a-f and A-F.
 * @example
 * CHAR_CLASS[0x61] === (HEX_LETTER | 10); // "a"
 */
const HEX_LETTER = 0x10;
/**
 * Set for every code unit that is not a hex digit.
 * @example
 * (CHAR_CLASS["g".charCodeAt(0)]! & NOT_HEX) !== 0; // true
 */
export const NOT_HEX = 0x20;
/**
 * Either bit set: not a decimal digit.
 * @example
 * (CHAR_CLASS["7".charCodeAt(0)]! & NOT_DECIMAL) === 0; // true, and the byte is 7
 */
export const NOT_DECIMAL = HEX_LETTER | NOT_HEX;

/**
 * One byte per UTF-16 code unit, for the straight-line format checks (uuid.ts, timestamp.ts):
 * the value of a decimal digit, HEX_LETTER plus the value of a hex letter, NOT_HEX for
 * anything else. A check ORs the bytes of the characters it needs and tests one mask, so a
 * valid string costs one table load per character and no branch per character.
 *
 * 64 KiB: an entry for every code unit, the non-ASCII look-alikes of digits included. A smaller
 * table would not do: a read past its end gives undefined, which ORs as 0, the digit zero.
 * @example
 * const t = CHAR_CLASS;
 * ((t[s.charCodeAt(0)]! | t[s.charCodeAt(1)]!) & NOT_HEX) === 0; // the first two characters of s are hex digits
 */
export const CHAR_CLASS: Uint8Array = /* @__PURE__ */ makeTable();

function makeTable(): Uint8Array {
  const table = new Uint8Array(0x10000).fill(NOT_HEX);
  for (let d = 0; d < 10; d++) table[48 + d] = d; // 0-9
  for (let x = 0; x < 6; x++) {
    table[65 + x] = HEX_LETTER | (10 + x); // A-F
    table[97 + x] = HEX_LETTER | (10 + x); // a-f
  }
  return table;
}
