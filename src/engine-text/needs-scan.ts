// The pre-check of the text path, on the success path of parseEvent(text): whether a text whose
// parsed value passed needs the full read (scan.ts). It must cost next to nothing for an event
// as the engine writes it: it allocates nothing, and looks only at the text of the event's
// unsigned integer fields (the schemas say which: duration_ms, count, an approval's counts...).
// The look at one key is src/rules/integer-spelling.ts's, which the generated fast path
// (scripts/generate/fast-path.ts) makes key by key too: one procedure, so the two never differ.
// A variant's only integer is first looked at where the engine writes it (src/rules/integer-at-end.ts),
// as the fast path does, and searched for only when it is not there.
import type { Format, IntegerKey } from "../engine/index.js";
import { integerSpelledAtEnd } from "../rules/integer-at-end.js";
import { integerSearchStart, integerSpellingsAt } from "../rules/integer-spelling.js";

/**
 * False when `event`, which `JSON.parse` made of `text` and which passed the checks of the
 * value of `format` without meeting a key beyond its variant's fields or a float near a limit
 * (both send the validators to the full walk, fullWalks, and so the text to the full read), is
 * certainly read alike by the engine; true when the text needs the full read (textIssues). It
 * looks at the text after each key named as one of the variant's unsigned integer fields: an
 * integer written with a fraction or an exponent (`1.0`, `1E2`), one with more digits than the
 * field's maximum allows, or a key written with an escape.
 *
 * Left open: a duplicate known field (`type`, `run_id`, or an earlier `duration_ms` with a
 * float) in an event that otherwise passes. Finding one takes a look at every key of the text,
 * which costs far more than the 5% of parseEvent allowed for these checks (docs/wire-format.md).
 */
export function needsTextScan(text: string, event: unknown, format: Format): boolean {
  const type = (event as { type: string }).type;
  const types = format.typesWithIntegers;
  // Compared in turn, as withDefaults does: JSON.parse does not intern string values, which
  // makes a lookup by the event's type cost more than these comparisons.
  let keys: readonly IntegerKey[] | undefined;
  for (let i = 0; i < types.length && keys === undefined; i++) {
    const candidate = types[i]!;
    if (candidate.length === type.length && candidate === type) keys = format.integerKeys[candidate];
  }
  if (keys === undefined) return false;
  const only = keys[0]!;
  // An event as the engine writes it: its only integer read where the engine puts it, unsearched.
  if (only.atEnd !== undefined) {
    const held = (event as Record<string, unknown>)[only.field];
    if (held == null || integerSpelledAtEnd(text, event as object, held as number, only.atEnd)) return false;
  }
  let from = integerSearchStart(text, keys.length);
  for (let i = 0; i < keys.length; i++) {
    const integer = keys[i]!;
    // An absent field, or an absent or null container, has no integer to look at.
    if ((event as Record<string, unknown>)[integer.field] == null) continue;
    from = integerSpellingsAt(text, integer.key, integer.max, integer.repeated, integer.own, from);
    if (from < 0) return true;
  }
  return false;
}
