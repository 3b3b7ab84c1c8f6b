// Editing JSON text without parsing it into values: the engine writes numbers that JSON.parse
// would change (18446744073709551615, 2.2498565746739617e+18), so a near miss must be made on
// the text itself, leaving every byte it does not mean to change as the engine wrote it.

/** One member of an object text: its key as written (with quotes) and its value's text. */
export interface Member {
  rawKey: string;
  value: string;
}

/** A step of a path into a JSON text: an object key, or an array index. */
export type Step = string | number;

function skipSpace(text: string, at: number): number {
  while (at < text.length && " \t\r\n".includes(text[at]!)) at++;
  return at;
}

/** The index just past the string token that starts at `at` (a `"`). */
function stringEnd(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\\") i += 2;
    else if (c === '"') return i + 1;
    else i++;
  }
  throw new Error(`unterminated string at ${at}`);
}

/** The index just past the value that starts at `at`. */
function valueEnd(text: string, at: number): number {
  const c = text[at];
  if (c === '"') return stringEnd(text, at);
  if (c === "{" || c === "[") {
    let depth = 0;
    let i = at;
    while (i < text.length) {
      const d = text[i]!;
      if (d === '"') {
        i = stringEnd(text, i);
        continue;
      }
      if (d === "{" || d === "[") depth++;
      else if (d === "}" || d === "]") {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    throw new Error(`unterminated container at ${at}`);
  }
  let i = at;
  while (i < text.length && !",}] \t\r\n".includes(text[i]!)) i++;
  return i;
}

/** The members of an object text, in order, duplicates kept. */
export function objectMembers(text: string): Member[] {
  let i = skipSpace(text, 0);
  if (text[i] !== "{") throw new Error(`not an object: ${text.slice(0, 40)}`);
  i = skipSpace(text, i + 1);
  const out: Member[] = [];
  if (text[i] === "}") return out;
  for (;;) {
    const keyEnd = stringEnd(text, i);
    const rawKey = text.slice(i, keyEnd);
    i = skipSpace(text, keyEnd);
    if (text[i] !== ":") throw new Error(`expected : at ${i}`);
    i = skipSpace(text, i + 1);
    const end = valueEnd(text, i);
    out.push({ rawKey, value: text.slice(i, end) });
    i = skipSpace(text, end);
    if (text[i] === ",") i = skipSpace(text, i + 1);
    else if (text[i] === "}") return out;
    else throw new Error(`expected , or } at ${i}`);
  }
}

/** The items of an array text, in order. */
export function arrayItems(text: string): string[] {
  let i = skipSpace(text, 0);
  if (text[i] !== "[") throw new Error(`not an array: ${text.slice(0, 40)}`);
  i = skipSpace(text, i + 1);
  const out: string[] = [];
  if (text[i] === "]") return out;
  for (;;) {
    const end = valueEnd(text, i);
    out.push(text.slice(i, end));
    i = skipSpace(text, end);
    if (text[i] === ",") i = skipSpace(text, i + 1);
    else if (text[i] === "]") return out;
    else throw new Error(`expected , or ] at ${i}`);
  }
}

export function objectText(members: readonly Member[]): string {
  return `{${members.map((m) => `${m.rawKey}:${m.value}`).join(",")}}`;
}

export function arrayText(items: readonly string[]): string {
  return `[${items.join(",")}]`;
}

/** The key a raw key spells (escapes decoded). */
export function keyOf(member: Member): string {
  return JSON.parse(member.rawKey) as string;
}

/** The text of the value at `path`, or undefined when there is none. */
export function valueAt(text: string, path: readonly Step[]): string | undefined {
  if (path.length === 0) return text;
  const [step, ...rest] = path;
  if (typeof step === "number") {
    const items = arrayItems(text);
    return step < items.length ? valueAt(items[step]!, rest) : undefined;
  }
  const member = objectMembers(text).find((m) => keyOf(m) === step);
  return member === undefined ? undefined : valueAt(member.value, rest);
}

/**
 * The text with the value at `path` replaced by what `edit` returns for it (undefined: the
 * member or item is removed). A missing last key is appended to its object.
 */
export function editAt(
  text: string,
  path: readonly Step[],
  edit: (value: string | undefined) => string | undefined,
): string {
  if (path.length === 0) {
    const out = edit(text);
    if (out === undefined) throw new Error("cannot remove the root");
    return out;
  }
  const [step, ...rest] = path;
  if (typeof step === "number") {
    const items = arrayItems(text);
    if (step >= items.length) throw new Error(`no item ${step}`);
    if (rest.length === 0) {
      const out = edit(items[step]);
      return arrayText(
        out === undefined ? items.filter((_, i) => i !== step) : items.map((v, i) => (i === step ? out : v)),
      );
    }
    return arrayText(items.map((v, i) => (i === step ? editAt(v, rest, edit) : v)));
  }
  const members = objectMembers(text);
  const index = members.findIndex((m) => keyOf(m) === step);
  if (rest.length === 0) {
    const out = edit(index < 0 ? undefined : members[index]!.value);
    if (index < 0)
      return out === undefined ? text : objectText([...members, { rawKey: JSON.stringify(step), value: out }]);
    if (out === undefined) return objectText(members.filter((_, i) => i !== index));
    return objectText(members.map((m, i) => (i === index ? { ...m, value: out } : m)));
  }
  if (index < 0) throw new Error(`no member ${step}`);
  return objectText(members.map((m, i) => (i === index ? { ...m, value: editAt(m.value, rest, edit) } : m)));
}

/** The object at `path` with `members` appended (a duplicate key, an extra field). */
export function appendMembers(text: string, path: readonly Step[], extra: readonly Member[]): string {
  return editAt(text, path, (value) => objectText([...objectMembers(value!), ...extra]));
}

/** Whether an object anywhere in the text has a key twice (JSON.parse keeps only the last). */
export function hasDuplicateKey(text: string): boolean {
  const start = text.trimStart()[0];
  if (start === "{") {
    const members = objectMembers(text);
    const keys = members.map(keyOf);
    return new Set(keys).size < keys.length || members.some((m) => hasDuplicateKey(m.value));
  }
  if (start === "[") return arrayItems(text).some(hasDuplicateKey);
  return false;
}
