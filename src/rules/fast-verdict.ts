// What the generated fast path (scripts/generate/fast-path.ts) answers of an event: false, it
// cannot vouch for it (the full path reads it); true, it is valid and, given the text JSON.parse
// made it of (a value parseEvent owns), every default it leaves out is filled in, in place;
// DEFAULTS_LEFT, it is valid, and its defaults are the caller's to fill in (src/defaults.ts).
// Filling the event's own defaults in the variant's check, where its fields were just read, saves
// the text path a second dispatch on the type; defaults inside a field (an approval's
// requirement, a usage window's) are left to the plans that walk them.

/**
 * The fast path's answer for a valid event whose defaults it left to the caller.
 * @example
 * if (verdict === DEFAULTS_LEFT) event = withDefaults(event, format, "owned");
 */
export const DEFAULTS_LEFT = 2;

/** What a generated fast path answers: false, true, or DEFAULTS_LEFT. */
export type FastVerdict = boolean | typeof DEFAULTS_LEFT;
